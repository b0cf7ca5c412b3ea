import AsyncHTTPClient
import Foundation
import NIOCore
import Packaging
import Programme
import XCTest
import ZIPFoundation

/// Issue 11, deliverable 2: `loa serve` serves the Output tree read-only, with ETags, ranges,
/// the right types, pages for people, zips of packs, and nothing outside the root.
final class ServeTests: XCTestCase {
    var province: TinyProvince!
    var server: RunningServer!

    override func setUp() async throws {
        province = try await SignedDay.build()
        server = try await RunningServer.start(output: province.output)
    }

    override func tearDown() async throws {
        await server?.stop()
    }

    /// An answer as a test reads it: status code and headers (lower-case names).
    struct Answer {
        var status: Int
        var headers: [String: String]
    }

    func get(_ path: String, headers: [(String, String)] = [], head: Bool = false) async throws -> (Answer, Data) {
        var request = HTTPClientRequest(url: server.base.absoluteString + path)
        if head { request.method = .HEAD }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        var body = Data()
        for try await buffer in response.body { body.append(contentsOf: buffer.readableBytesView) }
        var fields: [String: String] = [:]
        for (name, value) in response.headers { fields[name.lowercased()] = value }
        return (Answer(status: Int(response.status.code), headers: fields), body)
    }

    func testFilesComeWithStrongETagsTypesAndRevalidation() async throws {
        let path = "2021-09-24/PD/manifest.json"
        let (response, body) = try await get(path)
        XCTAssertEqual(response.status, 200)
        let onDisk = try Data(contentsOf: province.output.appendingPathComponent(path))
        XCTAssertEqual(body, onDisk)
        let tag = try XCTUnwrap(response.headers["etag"])
        XCTAssertEqual(tag, "\"\(Checksum.sha256(onDisk))\"", "the ETag is the file's SHA-256")
        XCTAssertEqual(response.headers["content-type"], "application/json")
        XCTAssertEqual(response.headers["cache-control"], "no-cache")
        XCTAssertEqual(response.headers["accept-ranges"], "bytes")

        let (again, empty) = try await get(path, headers: [("If-None-Match", tag)])
        XCTAssertEqual(again.status, 304)
        XCTAssertTrue(empty.isEmpty)
        let (changed, _) = try await get(path, headers: [("If-None-Match", "\"0000\"")])
        XCTAssertEqual(changed.status, 200)

        for (name, type) in [("sang.mp3", "audio/mpeg"), ("sang.vtt", "text/vtt; charset=utf-8"),
                             ("manifest.json.minisig", "text/plain; charset=utf-8"), ("SHA256SUMS", "text/plain; charset=utf-8")] {
            let (file, _) = try await get("2021-09-24/PD/\(name)", head: true)
            XCTAssertEqual(file.status, 200, name)
            XCTAssertEqual(file.headers["content-type"], type, name)
        }
        let (index, _) = try await get("2021-09-24/index.json.minisig")
        XCTAssertEqual(index.status, 200)
    }

    func testRangesResumeDownloads() async throws {
        let path = "2021-09-24/PD/sang.mp3"
        let whole = try Data(contentsOf: province.output.appendingPathComponent(path))
        let (part, body) = try await get(path, headers: [("Range", "bytes=100-1099")])
        XCTAssertEqual(part.status, 206)
        XCTAssertEqual(part.headers["content-range"], "bytes 100-1099/\(whole.count)")
        XCTAssertEqual(body, whole.subdata(in: 100..<1100))
        let (tail, rest) = try await get(path, headers: [("Range", "bytes=\(whole.count - 10)-")])
        XCTAssertEqual(tail.status, 206)
        XCTAssertEqual(rest, whole.suffix(10))
        let (suffix, last) = try await get(path, headers: [("Range", "bytes=-5")])
        XCTAssertEqual(suffix.status, 206)
        XCTAssertEqual(last, whole.suffix(5))
        let (past, _) = try await get(path, headers: [("Range", "bytes=\(whole.count)-")])
        XCTAssertEqual(past.status, 416)
        XCTAssertEqual(past.headers["content-range"], "bytes */\(whole.count)")
        // If-Range with another tag: the file changed since the partial download; send it whole.
        let (stale, all) = try await get(path, headers: [("Range", "bytes=100-"), ("If-Range", "\"old\"")])
        XCTAssertEqual(stale.status, 200)
        XCTAssertEqual(all, whole)
        let (head, headBody) = try await get(path, head: true)
        XCTAssertEqual(head.headers["content-length"], "\(whole.count)")
        XCTAssertTrue(headBody.isEmpty)
    }

    func testNothingOutsideTheRootAndOnlyGetAndHead() async throws {
        // A file beside the output root, and a symlink inside the day leading to it.
        let secret = province.root.appendingPathComponent("secret.txt")
        try "do not serve".write(to: secret, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(at: province.day.appendingPathComponent("PD/link.txt"), withDestinationURL: secret)
        try FileManager.default.createSymbolicLink(at: province.day.appendingPathComponent("out"), withDestinationURL: province.root)
        let attempts = [
            "/../secret.txt", "/2021-09-24/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt",
            "/2021-09-24/PD/..%2f..%2f..%2fsecret.txt", "/2021-09-24%2fPD%2fmanifest.json", "/..\\secret.txt",
            "/2021-09-24/PD/manifest.json%00.mp3", "//etc/passwd", "/etc/passwd", province.root.path + "/secret.txt",
            "/2021-09-24/PD/link.txt", "/2021-09-24/out/secret.txt", "/.loa-build.lock", "/2021-09-24/.hidden",
            "/%c0%ae%c0%ae/secret.txt", "/2021-09-24/PD/manifest.json/", "http://evil/../../secret.txt",
        ]
        for target in attempts {
            let answer = RawHTTP.exchange(port: server.port, Array("GET \(target) HTTP/1.1\r\nHost: loa\r\nConnection: close\r\n\r\n".utf8))
            let status = RawHTTP.statusCode(answer)
            XCTAssertTrue(status == nil || [400, 404].contains(status!), "\(target) → \(String(describing: status))")
            let text = String(decoding: answer, as: UTF8.self)
            XCTAssertFalse(text.contains("do not serve"), target)
            XCTAssertFalse(text.contains(province.root.path), "no file-system paths in answers: \(target)")
        }
        for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"] {
            let answer = RawHTTP.exchange(port: server.port, Array("\(method) /2021-09-24/PD/manifest.json HTTP/1.1\r\nHost: loa\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".utf8))
            XCTAssertEqual(RawHTTP.statusCode(answer), 405, method)
            XCTAssertTrue(String(decoding: answer, as: UTF8.self).lowercased().contains("allow: get, head"), method)
        }
        XCTAssertEqual(RawHTTP.status(port: server.port, target: "/" + String(repeating: "a", count: 5000)), 414)
        let huge = "GET / HTTP/1.1\r\nHost: loa\r\nX-Big: \(String(repeating: "x", count: 100_000))\r\n\r\n"
        let answer = RawHTTP.statusCode(RawHTTP.exchange(port: server.port, Array(huge.utf8)))
        XCTAssertTrue(answer == nil || answer! >= 400, "an oversized header is refused: \(String(describing: answer))")
        XCTAssertEqual(RawHTTP.status(port: server.port, target: "/2021-09-24/PD/manifest.json"), 200, "still serving")
    }

    /// Small files answered from memory are found by the path they were opened at only while
    /// that path still leads to the same file: a symbolic link to a file already served, and
    /// a day's folder replaced by a link leading out of the root, are refused as ever.
    func testAnswersHeldInMemoryNeverOpenAWayAround() async throws {
        let port = server.port
        let day = province.day
        XCTAssertEqual(RawHTTP.status(port: port, target: "/2021-09-24/PD/manifest.json"), 200)
        try FileManager.default.createSymbolicLink(at: day.appendingPathComponent("XX"), withDestinationURL: day.appendingPathComponent("PD"))
        try FileManager.default.createSymbolicLink(at: day.appendingPathComponent("PD/same.json"),
                                                   withDestinationURL: day.appendingPathComponent("PD/manifest.json"))
        XCTAssertEqual(RawHTTP.status(port: port, target: "/2021-09-24/XX/manifest.json"), 404)
        XCTAssertEqual(RawHTTP.status(port: port, target: "/2021-09-24/PD/same.json"), 404)

        // PD replaced by a link to a folder outside the root holding a file of the same name.
        let outside = province.root.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data("do not serve".utf8).write(to: outside.appendingPathComponent("manifest.json"))
        try FileManager.default.moveItem(at: day.appendingPathComponent("PD"), to: day.appendingPathComponent("PD-old"))
        try FileManager.default.createSymbolicLink(at: day.appendingPathComponent("PD"), withDestinationURL: outside)
        let answer = await Task.detached {
            RawHTTP.exchange(port: port, Array("GET /2021-09-24/PD/manifest.json HTTP/1.1\r\nHost: loa\r\nConnection: close\r\n\r\n".utf8))
        }.value
        XCTAssertEqual(RawHTTP.statusCode(answer), 404)
        XCTAssertFalse(String(decoding: answer, as: UTF8.self).contains("do not serve"))
    }

    func testRandomRequestLinesNeverBreakTheServer() async throws {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["/", "..", "%2e", "%", "?", "#", "\\", "2021-09-24", "PD", "manifest.json", ".", "//", "%00", "é", " ", "\t", "*", "%zz"]
        for round in 0..<10_000 {
            var line: [UInt8]
            if round % 3 == 0 {
                line = (0..<Int.random(in: 1...80, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            } else {
                let target = (0..<Int.random(in: 1...8, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
                line = Array("\(["GET", "HEAD", "GET", "BREW", "get"].randomElement(using: &generator)!) \(target) HTTP/1.1".utf8)
            }
            let fd = RawHTTP.connectLoopback(port: server.port)
            XCTAssertGreaterThanOrEqual(fd, 0, "the server accepts connections (round \(round))")
            let request = line + Array("\r\nHost: loa\r\nConnection: close\r\n\r\n".utf8)
            _ = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            close(fd)
        }
        XCTAssertEqual(RawHTTP.status(port: server.port, target: "/2021-09-24/PD/manifest.json"), 200)
        for target in ["/%zz", "/a b", "/2021-09-24/PD/%2e%2e"] {
            let status = RawHTTP.status(port: server.port, target: target)
            XCTAssertTrue(status == nil || [400, 404].contains(status!), "\(target) → \(String(describing: status))")
        }
    }

    func testSlowClientsDoNotHoldUpOthers() async throws {
        // 200 connections that send half a request line and then nothing.
        var slow: [Int32] = []
        for _ in 0..<200 {
            let fd = RawHTTP.connectLoopback(port: server.port)
            _ = Array("GET /2021-09-24/PD/sang".utf8).withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            slow.append(fd)
        }
        defer { RawHTTP.hangUpAndWaitForServer(slow) }
        let started = Date()
        let (response, body) = try await get("2021-09-24/PD/sang.mp3")
        XCTAssertEqual(response.status, 200)
        XCTAssertGreaterThan(body.count, 10_000)
        XCTAssertLessThan(Date().timeIntervalSince(started), 10, "a normal download is not queued behind slow clients")
    }

    /// Files are answered on the event loop and pages by the responder; pipelined on one
    /// connection, the answers still come back in the order asked, and `Connection: close`
    /// closes the connection after its answer.
    func testPipelinedRequestsAreAnsweredInOrder() async throws {
        let requests = ["/2021-09-24/", "/2021-09-24/PD/manifest.json", "/2021-09-24/PD/", "/2021-09-24/PD/SHA256SUMS"]
        var text = ""
        for (number, target) in requests.enumerated() {
            text += "GET \(target) HTTP/1.1\r\nHost: loa\r\n" + (number == requests.count - 1 ? "Connection: close\r\n" : "") + "\r\n"
        }
        let port = server.port
        let started = Date()
        let answer = await Task.detached { RawHTTP.exchange(port: port, Array(text.utf8), timeout: 8) }.value
        XCTAssertLessThan(Date().timeIntervalSince(started), 6, "the server closes after the answer to Connection: close")
        let lowered = String(decoding: answer, as: UTF8.self).lowercased()
        let types = lowered.components(separatedBy: "\r\ncontent-type: ").dropFirst().map { $0.components(separatedBy: "\r\n")[0] }
        XCTAssertEqual(types, ["text/html; charset=utf-8", "application/json", "text/html; charset=utf-8",
                               "text/plain; charset=utf-8"])
        XCTAssertEqual(lowered.components(separatedBy: "http/1.1 200 ok\r\n").count - 1, 4)
    }

    /// The plainest requests are answered before the HTTP decoder (`SmallFilePath`); the
    /// answer is the one the HTTP stack gives (same status, headers and body), a head that
    /// comes in pieces is waited for, and anything not plain goes on to the decoder intact:
    /// a request with a body is not read as two requests, and later plain requests on that
    /// connection still come back in order.
    func testPlainRequestsBeforeTheDecoderAnswerAsTheHTTPStackDoes() async throws {
        let port = server.port
        func fields(_ answer: [UInt8]) -> [String] {
            let text = String(decoding: answer, as: UTF8.self)
            let head = text.components(separatedBy: "\r\n\r\n")[0]
            return head.components(separatedBy: "\r\n").filter { !$0.lowercased().hasPrefix("date:") }.sorted()
        }
        let target = "/2021-09-24/PD/manifest.json"
        let plain = "GET \(target) HTTP/1.1\r\nHost: loa\r\nUser-Agent: loa-fetch\r\nConnection: close\r\n\r\n"
        // A condition the file path ignores sends the request through the decoder.
        let decoded = "GET \(target) HTTP/1.1\r\nHost: loa\r\nIf-Modified-Since: x\r\nConnection: close\r\n\r\n"
        let (a, b) = await Task.detached {
            (RawHTTP.exchange(port: port, Array(plain.utf8)), RawHTTP.exchange(port: port, Array(decoded.utf8)))
        }.value
        XCTAssertEqual(RawHTTP.statusCode(a), 200)
        XCTAssertEqual(fields(a), fields(b))
        XCTAssertTrue(fields(a).contains("Connection: close"))
        let onDisk = try Data(contentsOf: province.output.appendingPathComponent(String(target.dropFirst())))
        XCTAssertEqual(Data(a.suffix(onDisk.count)), onDisk)
        XCTAssertEqual(a.count, b.count)

        // In pieces: the request line, a pause, the rest.
        let parts = ["GET \(target) HT", "TP/1.1\r\nHost: loa\r", "\nConnection: close\r\n\r\n"].map { Array($0.utf8) }
        let pieces = await Task.detached { RawHTTP.exchange(port: port, pieces: parts, pause: 0.05) }.value
        XCTAssertEqual(fields(pieces), fields(a))

        // Plain, then one with a body (whose body looks like a request), then plain again.
        let smuggled = "GET /2021-09-24/PD/SHA256SUMS HTTP/1.1\r\nHost: loa\r\n\r\n"
        let text = "GET \(target) HTTP/1.1\r\nHost: loa\r\n\r\n"
            + "GET /2021-09-24/PD/manifest.json.minisig HTTP/1.1\r\nHost: loa\r\nContent-Length: \(smuggled.utf8.count)\r\n\r\n" + smuggled
            + "GET /2021-09-24/ HTTP/1.1\r\nHost: loa\r\nConnection: close\r\n\r\n"
        let answer = await Task.detached { RawHTTP.exchange(port: port, Array(text.utf8), timeout: 8) }.value
        let lowered = String(decoding: answer, as: UTF8.self).lowercased()
        let types = lowered.components(separatedBy: "\r\ncontent-type: ").dropFirst().map { $0.components(separatedBy: "\r\n")[0] }
        XCTAssertEqual(types, ["application/json", "text/plain; charset=utf-8", "text/html; charset=utf-8"],
                       "three answers in order; the body was not taken for a request")

        // Not plain: a lower-case method, a folded header, two Hosts: the HTTP stack judges them.
        for odd in ["get \(target) HTTP/1.1\r\nHost: loa\r\n\r\n",
                    "GET \(target) HTTP/1.1\r\nHost: loa\r\nX-A: b\r\n c\r\n\r\n",
                    "GET \(target) HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"] {
            let status = await Task.detached { RawHTTP.statusCode(RawHTTP.exchange(port: port, Array((odd).utf8), timeout: 3)) }.value
            XCTAssertNotEqual(status, 500, odd)
        }
        XCTAssertEqual(RawHTTP.status(port: port, target: target), 200, "still serving")
    }

    /// An HTTP/1.0 client that asks to keep the connection is told it is kept (1.0 closes
    /// otherwise) and gets its next answer on it; one that does not ask is closed.
    func testHTTP10KeepAliveIsAnsweredAsAsked() async throws {
        let text = "GET /2021-09-24/PD/SHA256SUMS HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"
            + "GET /2021-09-24/PD/manifest.json HTTP/1.0\r\n\r\n"
        let port = server.port
        let started = Date()
        let answer = await Task.detached { RawHTTP.exchange(port: port, Array(text.utf8), timeout: 8) }.value
        XCTAssertLessThan(Date().timeIntervalSince(started), 6, "closed after the request without keep-alive")
        let lowered = String(decoding: answer, as: UTF8.self).lowercased()
        let answers = lowered.components(separatedBy: "http/1.0 200 ok\r\n").dropFirst()
        XCTAssertEqual(answers.count, 2)
        XCTAssertTrue(answers.first?.contains("connection: keep-alive\r\n") == true)
        XCTAssertTrue(answers.last?.contains("connection: close\r\n") == true)
    }

    /// Small files come from memory and large ones with sendfile; either way HEAD gives the
    /// length without a body, every answer carries Date and Server, and a file replaced on
    /// disk is answered with its new content (never a stale copy).
    func testFilesFromTheFastPathAreCompleteAndCurrent() async throws {
        for name in ["manifest.json", "sang.mp3"] {
            let path = "2021-09-24/PD/\(name)"
            let onDisk = try Data(contentsOf: province.output.appendingPathComponent(path))
            let (head, empty) = try await get(path, head: true)
            XCTAssertEqual(head.headers["content-length"], String(onDisk.count), name)
            XCTAssertTrue(empty.isEmpty, name)
            XCTAssertNotNil(head.headers["date"], name)
            XCTAssertEqual(head.headers["server"], "loa", name)
            let (whole, body) = try await get(path)
            XCTAssertEqual(whole.status, 200, name)
            XCTAssertEqual(Checksum.sha256(body), Checksum.sha256(onDisk), name)
        }
        let captions = province.output.appendingPathComponent("2021-09-24/PD/sang.vtt")
        _ = try await get("2021-09-24/PD/sang.vtt")
        let replaced = Data("WEBVTT\n\n00:00.000 --> 00:01.000\nThay thế.\n".utf8)
        let staging = captions.deletingLastPathComponent().appendingPathComponent(".sang.vtt.new")
        try replaced.write(to: staging)
        XCTAssertEqual(rename(staging.path, captions.path), 0)
        let (again, body) = try await get("2021-09-24/PD/sang.vtt")
        XCTAssertEqual(again.status, 200)
        XCTAssertEqual(body, replaced, "a replaced file is served as it is now")
    }

    /// A connection with nothing to do is closed after the idle timeout; one whose download
    /// is still going out (a client reading slowly) is not.
    func testIdleConnectionsCloseButSlowDownloadsFinish() async throws {
        await server.stop()
        server = try await RunningServer.start(output: province.output, idleTimeout: .seconds(1))
        let port = server.port
        let idle = RawHTTP.connectLoopback(port: port)
        defer { close(idle) }
        var tv = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(idle, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        let started = Date()
        var byte: UInt8 = 0
        let got = await Task.detached { recv(idle, &byte, 1, 0) }.value
        XCTAssertEqual(got, 0, "the idle connection is closed by the server")
        XCTAssertLessThan(Date().timeIntervalSince(started), 4)

        let mp3 = try Data(contentsOf: province.output.appendingPathComponent("2021-09-24/PD/sang.mp3"))
        let received = await Task.detached { () -> Int in
            let fd = RawHTTP.connectLoopback(port: port)
            defer { close(fd) }
            var small: Int32 = 4096
            setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &small, socklen_t(MemoryLayout<Int32>.size))
            let request = Array("GET /2021-09-24/PD/sang.mp3 HTTP/1.1\r\nHost: loa\r\n\r\n".utf8)
            _ = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            var total = 0
            var buffer = [UInt8](repeating: 0, count: 4096)
            let until = Date().addingTimeInterval(20)
            // Read slowly for about 2.5 s (longer than the idle timeout), then the rest.
            for _ in 0..<25 {
                let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, 1024, 0) }
                if n <= 0 { return total }
                total += n
                usleep(100_000)
            }
            while Date() < until {
                let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                if n <= 0 { break }
                total += n
                if total >= mp3.count + 100 { break }
            }
            return total
        }.value
        XCTAssertGreaterThan(received, mp3.count, "the slow download got the whole file (and its head)")
    }

    func testBoardAndStationPagesInVietnamese() async throws {
        let (board, html) = try await get("2021-09-24/")
        XCTAssertEqual(board.status, 200)
        XCTAssertEqual(board.headers["content-type"], "text/html; charset=utf-8")
        let page = String(decoding: html, as: UTF8.self)
        XCTAssertTrue(page.contains("<html lang=\"vi\">"))
        XCTAssertTrue(page.contains("chương trình ngày 24/09/2021"), page)
        for code in ["PD", "HT", "TL"] { XCTAssertTrue(page.contains("href=\"\(code)/\""), code) }
        XCTAssertTrue(page.contains("name=\"viewport\""), "usable on a phone")
        XCTAssertFalse(page.contains(province.root.path))

        let (redirect, _) = try await get("2021-09-24", headers: [])
        XCTAssertEqual(redirect.status, 200, "followed the redirect to the board")

        let (station, stationHTML) = try await get("2021-09-24/PD/")
        XCTAssertEqual(station.status, 200)
        let text = String(decoding: stationHTML, as: UTF8.self)
        XCTAssertTrue(text.contains("<audio id=\"audio-sang\""), text)
        XCTAssertTrue(text.contains("<track kind=\"captions\" src=\"sang.vtt\""))
        let manifest = try JSONFile.read(StationManifest.self, from: province.day.appendingPathComponent("PD/manifest.json"))
        for item in manifest.slots[0].items {
            XCTAssertTrue(text.contains("data-start=\"\(Double(item.startMs) / 1000)\""), "item \(item.id) seeks to its start")
        }
        XCTAssertTrue(text.contains("href=\"../PD.zip\""))
        XCTAssertTrue(text.contains("href=\"sang.mp3\" download"))

        let (days, daysHTML) = try await get("")
        XCTAssertEqual(days.status, 200)
        XCTAssertTrue(String(decoding: daysHTML, as: UTF8.self).contains("href=\"/2021-09-24/\""))
    }

    func testTheWholePackAsOneStoredZip() async throws {
        let (response, body) = try await get("2021-09-24/PD.zip")
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.headers["content-type"], "application/zip")
        XCTAssertTrue(response.headers["content-disposition"]?.contains("2021-09-24-PD.zip") == true)
        let archive = try Archive(data: body, accessMode: .read)
        let pd = province.day.appendingPathComponent("PD")
        let manifest = try JSONFile.read(StationManifest.self, from: pd.appendingPathComponent("manifest.json"))
        let expected = ["manifest.json", "manifest.json.minisig", "SHA256SUMS"] + manifest.slots.flatMap(\.files).map(\.path)
        XCTAssertEqual(Set(archive.map(\.path)), Set(expected.map { "2021-09-24-PD/\($0)" }))
        for entry in archive {
            XCTAssertEqual(entry.compressedSize, entry.uncompressedSize, "\(entry.path) stored, not recompressed")
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            let name = String(entry.path.split(separator: "/").last!)
            XCTAssertEqual(data, try Data(contentsOf: pd.appendingPathComponent(name)), name)
        }
        // The second request is the cached zip: same ETag, and it resumes.
        let (again, _) = try await get("2021-09-24/PD.zip", headers: [("Range", "bytes=10-19")])
        XCTAssertEqual(again.status, 206)
        XCTAssertEqual(again.headers["etag"], response.headers["etag"])
    }

    /// While the day is rebuilt and swapped in again and again, every answer is one whole
    /// file of one build: its bytes match its ETag and parse.
    func testADayReplacedWhileServingIsNeverMixed() async throws {
        let done = Flag()
        let province = self.province!
        let rebuilds = Task {
            for round in 0..<4 {
                var options = province.options(round % 2 == 0 ? "b" : "a")
                options.signing = .key(SignedDay.key)
                _ = await DayBuild(options: options).run()
            }
            await done.set()
        }
        var checked = 0
        while await !done.value {
            for path in ["2021-09-24/PD/manifest.json", "2021-09-24/index.json", "2021-09-24/TL/sang.vtt"] {
                let (response, body) = try await get(path)
                guard response.status == 200 else {
                    XCTAssertEqual(response.status, 200, path)
                    continue
                }
                XCTAssertEqual(response.headers["etag"], "\"\(Checksum.sha256(body))\"", path)
                if path.hasSuffix(".json") { XCTAssertNoThrow(try JSONSerialization.jsonObject(with: body), path) }
                checked += 1
            }
            let (board, _) = try await get("2021-09-24/")
            XCTAssertEqual(board.status, 200)
        }
        await rebuilds.value
        XCTAssertGreaterThan(checked, 3)
    }
}

actor Flag {
    private(set) var value = false
    func set() { value = true }
}
