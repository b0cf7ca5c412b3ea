import Foundation
import Logging
import NIOCore
import NIOPosix
@testable import Serving
import Testing

/// What `SmallFilePath` takes for itself (the plainest requests) and what it leaves to the
/// HTTP decoder, and the request log it writes through.
struct PlainRequestTests {
    func read(_ text: String) -> PlainFileRequest.Reading { PlainFileRequest.read(ByteBuffer(string: text)) }

    func isPlain(_ text: String) -> Bool {
        if case .plain = read(text) { return true }
        return false
    }

    @Test func aStationsFetchIsPlain() throws {
        let text = "GET /2021-09-24/PD/manifest.json HTTP/1.1\r\nHost: loa.example\r\nUser-Agent: loa/1\r\nAccept: */*\r\n\r\nGET /next"
        guard case .plain(let request) = read(text) else { Issue.record("not plain"); return }
        #expect(request.target == "/2021-09-24/PD/manifest.json")
        #expect(!request.isHead && !request.closeAfter)
        #expect(request.length == text.utf8.count - "GET /next".utf8.count, "the head and its blank line, no more")
        guard case .plain(let head) = read("HEAD /a HTTP/1.1\r\nhost: x\r\nConnection: Keep-Alive, close\r\n\r\n") else {
            Issue.record("HEAD not plain"); return
        }
        #expect(head.isHead && head.closeAfter)
    }

    @Test func aHeadNotYetWholeIsWaitedFor() {
        for text in ["", "GET /a HTTP/1.1\r\nHost: x\r\n", "GET /a HTTP/1.1\r\nHost: x\r\n\r"] {
            guard case .incomplete = read(text) else { Issue.record("\(text.debugDescription) is not incomplete"); continue }
        }
        let endless = "GET /a HTTP/1.1\r\nX: " + String(repeating: "y", count: 9000)
        guard case .other = read(endless) else { Issue.record("a head past 8 KiB goes to the decoder"); return }
    }

    @Test func anythingElseGoesToTheDecoder() {
        let others = [
            "POST /a HTTP/1.1\r\nHost: x\r\n\r\n",
            "get /a HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /a HTTP/1.0\r\nHost: x\r\n\r\n",
            "GET a HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /a  HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /a HTTP/1.1\r\n\r\n",
            "GET /a HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n",
            "GET /a HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nabcd",
            "GET /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n",
            "GET /a HTTP/1.1\r\nHost: x\r\nRange: bytes=0-1\r\n\r\n",
            "GET /a HTTP/1.1\r\nHost: x\r\nIF-NONE-MATCH: \"t\"\r\n\r\n",
            "GET /a HTTP/1.1\r\nHost: x\r\nConnection: upgrade\r\nUpgrade: h2c\r\n\r\n",
            "GET /a HTTP/1.1\r\nHost: x\r\nX-A: b\r\n c\r\n\r\n",
            "GET /a HTTP/1.1\r\nHost : x\r\n\r\n",
            "GET /a HTTP/1.1\r\nHost: x\nY: z\r\n\r\n",
            "GET /a HTTP/1.1\r\nHost: x\r\nX: caf\u{E9}\r\n\r\n",
            "GET /a\u{0} HTTP/1.1\r\nHost: x\r\n\r\n",
        ]
        for text in others { #expect(!isPlain(text), "\(text.debugDescription)") }
        #expect(isPlain("GET /a HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"))
    }

    @Test func onlyPlainNamesMakeAFilePath() {
        #expect(RequestPath.plainFilePath("/2021-09-24/PD/manifest.json") == "2021-09-24/PD/manifest.json")
        #expect(RequestPath.plainFilePath("/index.json") == "index.json")
        for target in ["/", "/a/", "//a", "/a//b", "/../a", "/a/..", "/.loa-build.json", "/a/%2e%2e", "/a?x=1",
                       "/a\\b", "/a b", "a", "/" + String(repeating: "a", count: 256), "/a/.b"] {
            #expect(RequestPath.plainFilePath(target) == nil, "\(target)")
        }
    }

    /// Lines logged on an event loop are gathered and written together, each whole and in
    /// order; lines logged elsewhere are written at once.
    @Test func theRequestLogWritesWholeLinesInOrder() async throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        defer { close(ends[0]) }
        let logger = Logger(label: "loa.serve") { LineLogHandler(label: $0, descriptor: ends[1]) }
        logger.info("before")
        let loop = MultiThreadedEventLoopGroup.singleton.next()
        try await loop.submit {
            for number in 0..<500 { logger.info("GET /\(number) 200 12 0.1ms") }
        }.get()
        try await loop.submit {}.get()   // the turn's batch has gone out
        close(ends[1])
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { Foundation.read(ends[0], $0.baseAddress, $0.count) }
            if count <= 0 { break }
            bytes += buffer[0..<count]
        }
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 501)
        #expect(lines.first?.hasSuffix("info loa.serve : before") == true)
        #expect(lines.dropFirst().enumerated().allSatisfy { $0.element.hasSuffix(" : GET /\($0.offset) 200 12 0.1ms") })
    }
}
