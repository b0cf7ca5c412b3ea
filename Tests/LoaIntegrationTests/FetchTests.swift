import Fetching
import Foundation
import Packaging
import Programme
import Signing
import XCTest

/// Issue 11, deliverable 3: `loa fetch` installs only a verified pack, moves only what
/// changed, resumes, and leaves earlier days intact whenever it cannot finish.
final class FetchTests: XCTestCase {
    var province: TinyProvince!
    var server: RunningServer!
    var station: URL!
    var keyFile: URL!

    override func setUp() async throws {
        province = try await SignedDay.build()
        server = try await RunningServer.start(output: province.output)
        station = try SampleBuild.scratch().appendingPathComponent("station")
        keyFile = try SignedDay.publicKeyFile()
    }

    override func tearDown() async throws {
        await server?.stop()
    }

    let quiet = FetchProgress(isTerminal: false) { _ in }

    func fetcher(_ code: String = "PD", from base: URL? = nil, key: DepartmentSecretKey = SignedDay.key,
                 date: CalendarDate = TinyProvince.date, keep: Int = 7) -> PackFetcher {
        PackFetcher(source: base ?? server.base, station: code, date: date, folder: station, key: key.publicKey, keep: keep)
    }

    var installed: URL { station.appendingPathComponent("2021-09-24") }

    /// The station's day holds exactly the department's pack.
    func assertInstalledMatchesServer(_ code: String = "PD", file: StaticString = #filePath, line: UInt = #line) throws {
        let served = province.day.appendingPathComponent(code)
        XCTAssertEqual(contents(of: installed), contents(of: served), file: file, line: line)
    }

    func testFetchInstallsAVerifiedPackThenMovesNothingWhenUpToDate() async throws {
        let first = try await fetcher().run(progress: quiet)
        XCTAssertTrue(first.installed)
        try assertInstalledMatchesServer()
        let sha256sum = try XCTUnwrap(findTool("sha256sum"))
        XCTAssertEqual(try runTool(sha256sum, ["-c", "--quiet", "SHA256SUMS"], in: installed).status, 0)

        let second = try await fetcher().run(progress: quiet)
        XCTAssertFalse(second.installed)
        XCTAssertTrue(second.filesDownloaded.isEmpty)
        let manifestBytes = try Data(contentsOf: installed.appendingPathComponent("manifest.json")).count
            + Data(contentsOf: installed.appendingPathComponent("manifest.json.minisig")).count
        XCTAssertEqual(second.bytesFetched, manifestBytes, "up to date: only the manifest and its signature move")
    }

    /// A bulletin for one district changes: the other district's station downloads nothing new,
    /// and a changed station downloads only the files whose checksum changed.
    func testOnlyChangedFilesMove() async throws {
        for code in ["PD", "TL"] {
            station = station.deletingLastPathComponent().appendingPathComponent(code)
            _ = try await fetcher(code).run(progress: quiet)
        }
        let before = try JSONFile.read(StationManifest.self, from: province.day.appendingPathComponent("PD/manifest.json"))
        // Edition c: edition a plus an urgent bulletin for district HK only.
        let folder = province.bulletins("c")
        try FileManager.default.copyItem(at: province.bulletins("a"), to: folder)
        try TinyProvince.bulletin(title: "Thông báo khẩn", targets: "district:HK", priority: "urgent",
                                  body: "Chiều nay cắt điện từ 14 giờ đến 16 giờ.")
            .write(to: folder.appendingPathComponent("cat-dien.txt"), atomically: true, encoding: .utf8)
        var options = province.options("c")
        options.signing = .key(SignedDay.key)
        _ = await DayBuild(options: options).run()
        let after = try JSONFile.read(StationManifest.self, from: province.day.appendingPathComponent("PD/manifest.json"))
        let changed = Set(after.slots.flatMap(\.files).map { "\($0.path) \($0.sha256)" })
            .subtracting(before.slots.flatMap(\.files).map { "\($0.path) \($0.sha256)" })

        station = station.deletingLastPathComponent().appendingPathComponent("TL")
        let tl = try await fetcher("TL").run(progress: quiet)
        XCTAssertFalse(tl.installed, "TL (district CL) is unchanged: nothing to download")

        station = station.deletingLastPathComponent().appendingPathComponent("PD")
        let pd = try await fetcher("PD").run(progress: quiet)
        XCTAssertTrue(pd.installed)
        XCTAssertEqual(Set(pd.filesDownloaded), Set(changed.map { String($0.split(separator: " ")[0]) }))
        XCTAssertEqual(pd.filesDownloaded.count + pd.filesReused.count, after.slots.flatMap(\.files).count)
        try assertInstalledMatchesServer()
    }

    func testTamperedPacksAreRejectedAndNothingIsInstalled() async throws {
        _ = try await fetcher().run(progress: quiet)
        let good = contents(of: installed)
        // Rebuild the department's day with edition b, then tamper with the server's copy.
        var options = province.options("b")
        options.signing = .key(SignedDay.key)
        _ = await DayBuild(options: options).run()
        let pd = province.day.appendingPathComponent("PD"), tl = province.day.appendingPathComponent("TL")

        func expectRejection(_ what: String, containing words: String, key: DepartmentSecretKey = SignedDay.key,
                             code: String = "PD") async {
            do {
                _ = try await fetcher(code, key: key).run(progress: quiet)
                XCTFail("\(what): installed")
            } catch {
                XCTAssertEqual(error.exitStatus, 2, "\(what): \(error)")
                XCTAssertTrue(error.description.contains(words), "\(what): \(error)")
            }
            XCTAssertEqual(contents(of: installed), good, "\(what): the station's day is untouched")
        }

        // A byte flipped in an MP3 (a copy, so the department's own file stays whole).
        let mp3 = pd.appendingPathComponent("sang.mp3")
        let original = try Data(contentsOf: mp3)
        var flipped = original
        flipped[flipped.count / 2] ^= 0x40
        try FileManager.default.removeItem(at: mp3)
        try flipped.write(to: mp3)
        await expectRejection("flipped byte", containing: "sang.mp3")
        try FileManager.default.removeItem(at: mp3)
        try original.write(to: mp3)

        // A file swapped between two stations.
        let tlMP3 = try Data(contentsOf: tl.appendingPathComponent("sang.mp3"))
        try FileManager.default.removeItem(at: mp3)
        try tlMP3.write(to: mp3)
        await expectRejection("swapped file", containing: "sang.mp3")
        try FileManager.default.removeItem(at: mp3)
        try original.write(to: mp3)

        // A manifest signed by another key.
        await expectRejection("another key", containing: "not by the department key", key: DepartmentSecretKey.generate())

        // Another station's manifest and signature where PD's should be.
        let manifest = pd.appendingPathComponent("manifest.json"), signature = pd.appendingPathComponent("manifest.json.minisig")
        let keptManifest = try Data(contentsOf: manifest), keptSignature = try Data(contentsOf: signature)
        for name in ["manifest.json", "manifest.json.minisig"] {
            try FileManager.default.removeItem(at: pd.appendingPathComponent(name))
            try FileManager.default.copyItem(at: tl.appendingPathComponent(name), to: pd.appendingPathComponent(name))
        }
        await expectRejection("another station's pack", containing: "station=TL")

        // The signature of another day (a day's manifest replayed under this date).
        let otherDay = try await SignedDay.build("a")
        var other = otherDay.options("a")
        other.date = CalendarDate(iso: "2021-09-25")!
        other.signing = .key(SignedDay.key)
        _ = await DayBuild(options: other).run()
        let replay = otherDay.output.appendingPathComponent("2021-09-25/PD")
        for name in ["manifest.json", "manifest.json.minisig"] {
            try FileManager.default.removeItem(at: pd.appendingPathComponent(name))
            try FileManager.default.copyItem(at: replay.appendingPathComponent(name), to: pd.appendingPathComponent(name))
        }
        await expectRejection("another day's signed manifest", containing: "date=2021-09-25")
        try FileManager.default.removeItem(at: manifest)
        try keptManifest.write(to: manifest)
        await expectRejection("another day's signature", containing: "does not match the file")
        try FileManager.default.removeItem(at: signature)
        try keptSignature.write(to: signature)

        // Whole again: it installs.
        let outcome = try await fetcher().run(progress: quiet)
        XCTAssertTrue(outcome.installed)
        try assertInstalledMatchesServer()
    }

    func testACutDownloadResumesWithARange() async throws {
        let manifest = try JSONFile.read(StationManifest.self, from: province.day.appendingPathComponent("PD/manifest.json"))
        let mp3 = try XCTUnwrap(manifest.slots.flatMap(\.files).first { $0.format == "mp3" })
        let whole = try Data(contentsOf: province.day.appendingPathComponent("PD/\(mp3.path)"))
        // A server that cuts the MP3 off halfway (promising the whole length), serving the rest as loa serve does.
        let output = province.output
        let cut = try MisbehavingServer { line in
            let path = String(line.split(separator: " ")[1].dropFirst())
            if path.hasSuffix(mp3.path) {
                return MisbehavingServer.response("200 OK", type: "audio/mpeg", body: Array(whole.prefix(whole.count / 2)), length: whole.count)
            }
            let data = (try? Data(contentsOf: output.appendingPathComponent(path))) ?? Data()
            return MisbehavingServer.response("200 OK", body: Array(data))
        }
        defer { cut.stop() }
        do {
            _ = try await fetcher(from: cut.base).run(progress: quiet)
            XCTFail("a cut-off download cannot install")
        } catch {
            XCTAssertEqual(error.exitStatus, 1, "\(error)")
            XCTAssertTrue(error.description.contains(mp3.path), "\(error)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: installed.path), "nothing installed")
        let partial = station.appendingPathComponent(".loa-downloads/\(mp3.sha256)")
        let kept = try Data(contentsOf: partial)
        XCTAssertTrue(kept.count > 0 && kept.count <= whole.count / 2, "the part received is kept: \(kept.count) bytes")
        XCTAssertEqual(kept, whole.prefix(kept.count))

        let resumed = try await fetcher().run(progress: quiet)
        XCTAssertTrue(resumed.installed)
        try assertInstalledMatchesServer()
        let allBytes = manifest.slots.flatMap(\.files).reduce(0) { $0 + ($1.bytes ?? 0) }
        XCTAssertLessThan(resumed.bytesFetched, allBytes, "the resumed run downloads less than the whole pack")
        XCTAssertFalse(FileManager.default.fileExists(atPath: station.appendingPathComponent(".loa-downloads").path))
    }

    func testServerFaultsAreClearErrorsAndEarlierDaysStay() async throws {
        _ = try await fetcher().run(progress: quiet)
        let good = contents(of: installed)
        let manifestData = try Data(contentsOf: province.day.appendingPathComponent("PD/manifest.json"))
        let signatureData = try Data(contentsOf: province.day.appendingPathComponent("PD/manifest.json.minisig"))
        var options = province.options("b")
        options.signing = .key(SignedDay.key)
        _ = await DayBuild(options: options).run()

        let faults: [(String, String, @Sendable (String) -> [UInt8])] = [
            ("HTTP 500", "500", { _ in MisbehavingServer.response("500 Internal Server Error", type: "text/plain", body: Array("boom".utf8)) }),
            ("an HTML page", "web page", { _ in MisbehavingServer.response("200 OK", type: "text/html", body: Array("<html>Đăng nhập Wi-Fi</html>".utf8)) }),
            ("a huge manifest", "more than", { line in
                line.contains("minisig") ? MisbehavingServer.response("200 OK", type: "text/plain", body: Array(signatureData))
                    : MisbehavingServer.response("200 OK", body: [], length: 50_000_000) }),
            ("truncated JSON", "not a whole JSON manifest", { line in
                line.contains("minisig") ? MisbehavingServer.response("200 OK", type: "text/plain", body: Array(signatureData))
                    : MisbehavingServer.response("200 OK", body: Array(manifestData.prefix(manifestData.count / 2))) }),
            ("404", "404", { _ in MisbehavingServer.response("404 Not Found", type: "text/plain", body: []) }),
        ]
        for (what, words, answer) in faults {
            let bad = try MisbehavingServer(answer: answer)
            do {
                _ = try await fetcher(from: bad.base).run(progress: quiet)
                XCTFail("\(what): installed")
            } catch {
                XCTAssertEqual(error.exitStatus, 1, "\(what): \(error)")
                XCTAssertTrue(error.description.contains(words), "\(what): \(error)")
            }
            bad.stop()
            XCTAssertEqual(contents(of: installed), good, "\(what): the earlier day is intact")
        }
        // A server that is down.
        let down = try MisbehavingServer { _ in [] }
        let port = down.port
        down.stop()
        do {
            _ = try await fetcher(from: URL(string: "http://127.0.0.1:\(port)/")!).run(progress: quiet)
            XCTFail("server down: installed")
        } catch {
            XCTAssertEqual(error.exitStatus, 1, "\(error)")
        }
        XCTAssertEqual(contents(of: installed), good)
    }

    func testKeepsTheLastNDays() async throws {
        for day in ["2021-09-22", "2021-09-23", "2021-09-24"] {
            var options = province.options("a")
            options.date = CalendarDate(iso: day)!
            options.signing = .key(SignedDay.key)
            _ = await DayBuild(options: options).run()
            let outcome = try await fetcher(date: CalendarDate(iso: day)!, keep: 2).run(progress: quiet)
            XCTAssertTrue(outcome.installed, day)
        }
        let days = try FileManager.default.contentsOfDirectory(atPath: station.path).filter { !$0.hasPrefix(".") }.sorted()
        XCTAssertEqual(days, ["2021-09-23", "2021-09-24"])
    }

    /// The same fetch against plain nginx serving the same Output folder (how a country scales).
    func testWorksAgainstPlainNginx() async throws {
        let nginx = try XCTUnwrap(findTool("nginx"), "scripts/setup installs nginx")
        let run = try SampleBuild.scratch()
        let port = 20_000 + Int.random(in: 0..<20_000)
        let config = """
            daemon off;
            worker_processes 1;
            pid \(run.path)/nginx.pid;
            error_log \(run.path)/error.log;
            events { worker_connections 64; }
            http {
              access_log off;
              client_body_temp_path \(run.path)/body; proxy_temp_path \(run.path)/proxy;
              fastcgi_temp_path \(run.path)/fastcgi; uwsgi_temp_path \(run.path)/uwsgi; scgi_temp_path \(run.path)/scgi;
              types { application/json json; audio/mpeg mp3; audio/wav wav; text/vtt vtt; text/plain minisig; }
              server { listen 127.0.0.1:\(port); root \(province.output.path); location ~ /\\. { deny all; } }
            }
            """
        try config.write(to: run.appendingPathComponent("nginx.conf"), atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: nginx)
        process.arguments = ["-c", run.appendingPathComponent("nginx.conf").path, "-p", run.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { process.terminate(); process.waitUntilExit() }
        for _ in 0..<50 where RawHTTP.connectLoopback(port: port) < 0 { try await Task.sleep(for: .milliseconds(100)) }

        let base = URL(string: "http://127.0.0.1:\(port)/")!
        // A partial download from an earlier run, resumed from nginx with a Range.
        let manifest = try JSONFile.read(StationManifest.self, from: province.day.appendingPathComponent("PD/manifest.json"))
        let mp3 = try XCTUnwrap(manifest.slots.flatMap(\.files).first { $0.format == "mp3" })
        let whole = try Data(contentsOf: province.day.appendingPathComponent("PD/\(mp3.path)"))
        try FileManager.default.createDirectory(at: station.appendingPathComponent(".loa-downloads"), withIntermediateDirectories: true)
        try whole.prefix(whole.count / 3).write(to: station.appendingPathComponent(".loa-downloads/\(mp3.sha256)"))
        let outcome = try await fetcher(from: base).run(progress: quiet)
        XCTAssertTrue(outcome.installed)
        try assertInstalledMatchesServer()
        let again = try await fetcher(from: base).run(progress: quiet)
        XCTAssertFalse(again.installed)
    }

    /// As a timer runs it: the command line, its exit statuses and its lines.
    func testTheCommandLine() async throws {
        let arguments = ["fetch", "--from", server.base.absoluteString, "--station", "PD", "--date", "2021-09-24",
                         "--into", station.path, "--key", keyFile.path]
        XCTAssertEqual(try LoaProcess.run(arguments), 0)
        try assertInstalledMatchesServer()
        XCTAssertEqual(try LoaProcess.run(arguments), 0, "already up to date")
        let otherKey = try SignedDay.publicKeyFile(DepartmentSecretKey.generate())
        XCTAssertEqual(try LoaProcess.run(Array(arguments.dropLast()) + [otherKey.path]), 2, "wrong key")
        XCTAssertEqual(try LoaProcess.run(arguments.map { $0 == "2021-09-24" ? "2021-10-01" : $0 }), 1, "no such day")
    }
}
