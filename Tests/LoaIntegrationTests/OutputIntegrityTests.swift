import Foundation
@testable import Packaging
import Programme
import Testing

/// Issue 9: a day is replaced whole or not at all, never wiped by mistake. Days are built
/// in process and by the `loa` executable, killed, raced and interrupted, and checked the
/// way a station checks its download (`DayVerification`).
@Suite(.serialized) struct OutputIntegrityTests {
    /// Builds `edition` of `province` in process and returns its report.
    func build(_ province: TinyProvince, _ edition: String, stations: [String]? = nil) async -> DayBuildReport {
        await DayBuild(options: province.options(edition, stations: stations)).run()
    }

    @Test func aMistakenOptionChangesNothing() async throws {
        let province = try TinyProvince.make()
        defer { try? FileManager.default.removeItem(at: province.root) }
        #expect(await build(province, "a").outcome == .complete)
        let before = contents(of: province.day)

        var noStations = province.options("b")
        noStations.stations = [""]
        let first = await DayBuild(options: noStations).run()
        #expect(first.outcome == .failed)
        #expect(first.diagnostics.first?.description.contains("--stations") == true)

        var noBulletins = province.options("b")
        noBulletins.bulletins = province.root.appendingPathComponent("Bulletinz")
        let second = await DayBuild(options: noBulletins).run()
        #expect(second.outcome == .failed)
        #expect(second.diagnostics.first?.description.contains("Bulletinz") == true)

        var noFormats = province.options("b")
        noFormats.formats = []
        #expect(await DayBuild(options: noFormats).run().outcome == .failed)

        #expect(contents(of: province.day) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: province.output.path).filter { $0.hasSuffix(".partial") }.isEmpty)
    }

    @Test func aStationsBuildReplacesOnlyThoseStations() async throws {
        let province = try TinyProvince.make()
        defer { try? FileManager.default.removeItem(at: province.root) }
        #expect(await build(province, "a").outcome == .complete)
        let before = contents(of: province.day)

        let report = await build(province, "b", stations: ["PD"])
        #expect(report.outcome == .complete)
        let after = contents(of: province.day)
        #expect(DayVerification.problems(in: province.day).isEmpty)
        for (path, sha256) in before where path.hasPrefix("HT/") || path.hasPrefix("TL/") {
            #expect(after[path] == sha256, "\(path) changed")
        }
        #expect(after["PD/sang.mp3"] != before["PD/sang.mp3"])
        let index = try JSONFile.read(DayIndex.self, from: province.day.appendingPathComponent("index.json"))
        #expect(index.stations.map(\.code) == ["PD", "HT", "TL"])
        #expect(index.stations.allSatisfy { $0.status == .built })
    }

    @Test func aStationThatFailsKeepsItsPreviousPack() async throws {
        let province = try TinyProvince.make()
        defer { try? FileManager.default.removeItem(at: province.root) }
        #expect(await build(province, "a").outcome == .complete)
        let before = contents(of: province.day)
        // An urgent bulletin for TL that, with the announcements, overruns its slots.
        let body = Array(repeating: "Bà con chú ý theo dõi tin bão và chằng chống nhà cửa.", count: 42).joined(separator: " ")
        try TinyProvince.bulletin(title: "Tin bão khẩn cấp", targets: "station:TL", priority: "urgent", body: body)
            .write(to: province.bulletins("a").appendingPathComponent("bao-khan.txt"), atomically: true, encoding: .utf8)

        let report = await build(province, "a")
        #expect(report.outcome == .partial)
        #expect(report.failedStations == ["TL"], "\(report.diagnostics) \(report.stations.map(\.slots))")
        #expect(report.keptStations == ["TL"])
        let after = contents(of: province.day)
        for (path, sha256) in before where path.hasPrefix("TL/") { #expect(after[path] == sha256, "\(path) changed") }
        #expect(DayVerification.problems(in: province.day).isEmpty)
        let index = try JSONFile.read(DayIndex.self, from: province.day.appendingPathComponent("index.json"))
        #expect(index.stations.map(\.code) == ["PD", "HT", "TL"])
        #expect(index.stations.map(\.status) == [.built, .built, .previous])
        #expect(index.stations.last?.problem?.contains("not rebuilt") == true)
    }

    @Test func anUnknownEngineVoiceNamesItsProfileAndWritesNothing() async throws {
        let province = try TinyProvince.make()
        defer { try? FileManager.default.removeItem(at: province.root) }
        let voices = province.root.appendingPathComponent("Voices")
        try FileManager.default.copyItem(at: SampleBuild.root.appendingPathComponent("Voices"), to: voices)
        let bac = voices.appendingPathComponent("bac.yaml")
        let profile = try String(contentsOf: bac, encoding: .utf8)
        try profile.replacingOccurrences(of: #"espeak-voice: .*"#, with: "espeak-voice: vi-xx", options: .regularExpression)
            .write(to: bac, atomically: true, encoding: .utf8)
        var options = province.options("a")
        options.voices = voices
        let report = await DayBuild(options: options).run()
        #expect(report.outcome == .failed)
        let message = report.diagnostics.last?.description ?? ""
        #expect(message.contains("bac.yaml") && message.contains("vi-xx"), "\(message)")
        #expect(!FileManager.default.fileExists(atPath: province.output.path))
    }

    @Test func theOutputInTheWayIsAPlainError() async throws {
        let province = try TinyProvince.make()
        defer { try? FileManager.default.removeItem(at: province.root) }
        try Data("not a folder".utf8).write(to: province.output)
        let report = await build(province, "a")
        #expect(report.outcome == .outputFailed)
        let message = report.diagnostics.last?.description ?? ""
        #expect(message.contains("Output") && message.contains("is a file"), "\(message)")
        #expect(!message.contains("NSCocoaErrorDomain"))
    }

    @Test func aFullDiskIsReportedWithTheFigure() throws {
        let free = try #require(FreeSpace.available(at: FileManager.default.temporaryDirectory))
        #expect(throws: Never.self) { try FreeSpace.require(1 << 20, at: FileManager.default.temporaryDirectory, display: "Output") }
        do {
            try FreeSpace.require(free, at: FileManager.default.temporaryDirectory, display: "Output")
            Issue.record("no error for \(free) bytes on a file system with \(free) free")
        } catch {
            #expect(error.description.contains("not enough free space"))
            #expect(error.description.contains("GB"))
        }
    }

    @Test func aDaySetAsideByACrashIsPutBack() throws {
        let province = try TinyProvince.make()
        defer { try? FileManager.default.removeItem(at: province.root) }
        var folder = DayFolder(output: province.output, date: TinyProvince.date)
        folder.triesExchange = false
        try FileManager.default.createDirectory(at: province.output, withIntermediateDirectories: true)
        for content in ["old", "new"] {
            let staging = try folder.makeStaging()
            try Data(content.utf8).write(to: staging.appendingPathComponent("index.json"))
            try folder.swapIn(staging)
            #expect(try String(contentsOf: province.day.appendingPathComponent("index.json"), encoding: .utf8) == content)
        }
        // A crash between the two renames: the day is aside, a staging folder is left.
        let aside = province.output.appendingPathComponent(".\(TinyProvince.date).previous")
        try FileManager.default.moveItem(at: province.day, to: aside)
        _ = try folder.makeStaging()
        folder.recover()
        #expect(try String(contentsOf: province.day.appendingPathComponent("index.json"), encoding: .utf8) == "new")
        #expect(try FileManager.default.contentsOfDirectory(atPath: province.output.path) == [TinyProvince.date.description])
    }

    /// The names in `output` once no superseded day is left (waiting up to 30 s for the
    /// background removers).
    func namesOnceSupersededDaysAreGone(in output: URL) -> [String] {
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, !SupersededDays.leftovers(in: output).isEmpty {
            Thread.sleep(forTimeInterval: 0.02)
        }
        return ((try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? []).sorted()
    }

    @Test func theReplacedDayIsSetAsideHiddenAndDeletedInTheBackground() async throws {
        let province = try TinyProvince.make()
        defer { try? FileManager.default.removeItem(at: province.root) }
        #expect(await build(province, "a").outcome == .complete)
        let dayA = contents(of: province.day)
        #expect(await build(province, "b").outcome == .complete)
        // The new day is in place the moment the build returns; the old one is nowhere a
        // station could see it (hidden names only), and soon gone.
        #expect(contents(of: province.day) != dayA)
        #expect(DayVerification.problems(in: province.day).isEmpty)
        let visible = try FileManager.default.contentsOfDirectory(atPath: province.output.path).filter { !$0.hasPrefix(".") }
        #expect(visible == [TinyProvince.date.description])
        #expect(namesOnceSupersededDaysAreGone(in: province.output).filter { !$0.hasSuffix(".lock") }
                == [TinyProvince.date.description])
    }

    @Test func aSupersededDayAKilledRemoverLeftGoesWithTheNextBuild() async throws {
        let province = try TinyProvince.make()
        defer { try? FileManager.default.removeItem(at: province.root) }
        #expect(await build(province, "a").outcome == .complete)
        // What a remover killed half-way leaves: a hidden folder with some of an old day.
        let left = SupersededDays.newName(for: TinyProvince.date.description, in: province.output)
        try FileManager.default.createDirectory(at: left.appendingPathComponent("PD"), withIntermediateDirectories: true)
        try Data("old".utf8).write(to: left.appendingPathComponent("PD/sang.mp3"))
        #expect(await build(province, "b").outcome == .complete)
        #expect(namesOnceSupersededDaysAreGone(in: province.output).filter { !$0.hasSuffix(".lock") }
                == [TinyProvince.date.description])
        #expect(DayVerification.problems(in: province.day).isEmpty)
    }

    @Test func aStationsFilesDependOnlyOnItsOwnInputs() async throws {
        let output = try SampleBuild.scratch()
        defer { try? FileManager.default.removeItem(at: output) }
        var options = SampleBuild.options(output: output.appendingPathComponent("all"))
        options.formats = [.mp3, .vtt]
        #expect(await DayBuild(options: options).run().outcome == .complete)
        let full = contents(of: output.appendingPathComponent("all/2021-09-24"))
        for code in ["PD", "HT", "TTHK", "TL", "VL", "TTN"] {
            options.output = output.appendingPathComponent(code)
            options.stations = [code]
            _ = await DayBuild(options: options).run()
            let alone = contents(of: options.output.appendingPathComponent("2021-09-24"))
            let files = alone.keys.filter { $0.hasPrefix("\(code)/") }
            #expect(files.count == 9, "manifest, its signature, SHA256SUMS and 3 slots × (MP3, VTT)")
            for path in files { #expect(alone[path] == full[path], "\(path) differs from the full build's") }
        }
        // And with the default formats (WAV masters too), against the shared sample build.
        let sample = contents(of: try await SampleBuild.shared.result().day)
        var tl = SampleBuild.options(output: output.appendingPathComponent("TL-default"))
        tl.stations = ["TL"]
        _ = await DayBuild(options: tl).run()
        let alone = contents(of: tl.output.appendingPathComponent("2021-09-24")).filter { $0.key.hasPrefix("TL/") }
        #expect(alone.count == 12, "manifest, its signature, SHA256SUMS and 3 slots × (WAV, MP3, VTT)")
        for (path, sha256) in alone { #expect(sha256 == sample[path], "\(path) differs from the full build's") }
    }

    @Test func killedAtAnyMomentTheDayIsWholeOldOrNew() throws {
        let province = try TinyProvince.make()
        defer { try? FileManager.default.removeItem(at: province.root) }
        let bulletinsBefore = contents(of: province.root)
        #expect(try LoaProcess.run(province.arguments("b")) == 0)
        let dayB = contents(of: province.day)
        let started = Date()
        #expect(try LoaProcess.run(province.arguments("a")) == 0)
        let seconds = Date().timeIntervalSince(started)
        let dayA = contents(of: province.day)
        #expect(dayA != dayB)

        func check(_ moment: String) {
            #expect(DayVerification.problems(in: province.day).isEmpty, "killed \(moment)")
            let day = contents(of: province.day)
            #expect(day == dayA || day == dayB, "killed \(moment): the day mixes the two editions")
        }
        // 20 moments spread through a build, each build replacing the other edition.
        for moment in 0..<20 {
            let process = try LoaProcess.start(province.arguments(moment % 2 == 0 ? "b" : "a"))
            Thread.sleep(forTimeInterval: seconds * Double(moment) / 20)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            check("at \(moment * 5)% of a build")
        }
        // And at the named moments of the swap (forced: the day may already be that edition,
        // and a build with the day's own inputs has nothing to do).
        for (moment, point) in ["staging", "speech", "index", "exchanged"].enumerated() {
            let status = try LoaProcess.run(province.arguments(moment % 2 == 0 ? "b" : "a") + ["--force"],
                                            environment: ["LOA_KILL_AT": point])
            #expect(status == 128 + SIGKILL, "LOA_KILL_AT=\(point)")
            check("at \(point)")
        }
        // The next build clears what the killed ones left (the day it replaced goes in the
        // background, moments later).
        #expect(try LoaProcess.run(province.arguments("b")) == 0)
        #expect(contents(of: province.day) == dayB)
        #expect(namesOnceSupersededDaysAreGone(in: province.output).filter { !$0.hasSuffix(".lock") }
                == [TinyProvince.date.description])
        let after = contents(of: province.root).filter { $0.key.hasPrefix("Bulletins") }
        #expect(after == bulletinsBefore.filter { $0.key.hasPrefix("Bulletins") })
    }

    @Test func twoBuildsAtOnceNeverMixTheirDays() throws {
        let province = try TinyProvince.make()
        defer { try? FileManager.default.removeItem(at: province.root) }
        #expect(try LoaProcess.run(province.arguments("a")) == 0)
        let dayA = contents(of: province.day)
        #expect(try LoaProcess.run(province.arguments("b")) == 0)
        let dayB = contents(of: province.day)
        for race in 0..<10 {
            let first = try LoaProcess.start(province.arguments("a")), second = try LoaProcess.start(province.arguments("b"))
            first.waitUntilExit()
            second.waitUntilExit()
            #expect(LoaProcess.status(first) == 0 && LoaProcess.status(second) == 0, "race \(race)")
            #expect(DayVerification.problems(in: province.day).isEmpty, "race \(race)")
            let day = contents(of: province.day)
            #expect(day == dayA || day == dayB, "race \(race): the day mixes the two builds")
        }
    }

    @Test func anInterruptedBuildLeavesNothingBehind() throws {
        let province = try TinyProvince.make()
        defer { try? FileManager.default.removeItem(at: province.root) }
        #expect(try LoaProcess.run(province.arguments("a")) == 0)
        let before = contents(of: province.day)
        let process = try LoaProcess.start(province.arguments("b"))
        // Wait until the build has its staging folder, then press Ctrl-C.
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, process.isRunning,
              (try? FileManager.default.contentsOfDirectory(atPath: province.output.path))?.contains(where: { $0.hasSuffix(".partial") }) != true {
            Thread.sleep(forTimeInterval: 0.005)
        }
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        #expect(LoaProcess.status(process) == 130)
        #expect(contents(of: province.day) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: province.output.path).filter { $0.hasSuffix(".partial") }.isEmpty)
    }

    /// The race behind a staging folder once left by Ctrl-C on a loaded machine: the build's
    /// other threads kept creating files while the folder was deleted, so its last `rmdir`
    /// failed. Here a writer creates files in it as fast as it can while it is removed.
    @Test func aStagingFolderStillBeingWrittenIsRemovedWhole() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("loa-interrupt-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        for round in 0..<20 {
            let staging = try DayFolder(output: output, date: TinyProvince.date).makeStaging()
            let stop = StopFlag()
            let writer = Thread {
                var serial = 0
                while !stop.isSet {
                    serial += 1
                    FileManager.default.createFile(atPath: staging.appendingPathComponent("take-\(serial).wav").path,
                                                   contents: Data(count: 64))
                }
            }
            writer.start()
            while ((try? FileManager.default.contentsOfDirectory(atPath: staging.path))?.count ?? 0) < 50 {
                Thread.sleep(forTimeInterval: 0.001)
            }
            Interruption.remove(staging)
            stop.set()
            Thread.sleep(forTimeInterval: 0.01)
            #expect(try FileManager.default.contentsOfDirectory(atPath: output.path).isEmpty, "round \(round)")
        }
    }

    @Test func noFormatsIsAUsageErrorBeforeAnyWork() throws {
        let province = try TinyProvince.make()
        defer { try? FileManager.default.removeItem(at: province.root) }
        for formats in ["", ","] {
            #expect(try LoaProcess.run(province.arguments("a") + ["--formats", formats]) == 64)
        }
        #expect(!FileManager.default.fileExists(atPath: province.output.path))
    }
}

/// A flag one thread sets and another polls.
private final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}
