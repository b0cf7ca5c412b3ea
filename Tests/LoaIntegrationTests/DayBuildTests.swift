import Audio
import Foundation
import Packaging
import Programme
import Testing

/// The day's build on the bundled sample province, with real synthesis, checked by
/// reading the audio back through libsndfile and measuring it.
@Suite(.serialized) struct DayBuildTests {
    static let root = SampleBuild.root
    static func options(output: URL, bulletins: URL = root.appendingPathComponent("Bulletins")) -> DayBuildOptions {
        SampleBuild.options(output: output, bulletins: bulletins)
    }
    static func scratch() throws -> URL { try SampleBuild.scratch() }

    @Test func samplesBuildIntoMeasuredAudioThatMatchesTheManifests() async throws {
        let (report, day) = try await SampleBuild.shared.result()
        #expect(report.outcome == .complete, "\(report.diagnostics)")
        let index = try JSONFile.read(DayIndex.self, from: day.appendingPathComponent("index.json"))
        #expect(index.stations.count == 6)

        var airedIDs: Set<String> = []
        for entry in index.stations {
            let manifest = try JSONFile.read(StationManifest.self, from: day.appendingPathComponent(entry.manifest))
            #expect(manifest.station.code == entry.code)
            #expect(manifest.date == "2021-09-24")
            #expect(manifest.slots.map(\.id) == ["sang", "trua", "chieu"])
            for slot in manifest.slots {
                #expect(slot.file == "\(slot.id).wav")
                let url = day.appendingPathComponent(entry.code).appendingPathComponent(slot.file)
                let audio = try AudioFile.read(url)
                #expect(audio.sampleRate == slot.sampleRate)
                #expect(audio.sampleRate == 22050)
                #expect(audio.channels == 1)
                // Manifest duration agrees with the audio to within one frame.
                let frameMs = 1000.0 / Double(audio.sampleRate)
                let audioMs = Double(audio.frames) * frameMs
                #expect(abs(audioMs - Double(slot.durationMs)) <= frameMs + 1, "\(entry.code)/\(slot.id)")
                #expect(slot.durationMs <= slot.maxMs)
                #expect(Level.rmsDBFS(audio.samples) > -35, "\(entry.code)/\(slot.id) is too quiet")
                #expect(try Checksum.sha256(file: url) == slot.sha256)
                // Items lie inside the file, in order, without overlap, each with sound in it.
                #expect(slot.items.first?.kind == "opening")
                #expect(slot.items.last?.kind == "closing")
                var end = 0
                for item in slot.items {
                    #expect(item.startMs >= end)
                    end = item.startMs + item.durationMs
                    #expect(end <= slot.durationMs)
                    let first = item.startMs * audio.sampleRate / 1000
                    let last = min(audio.frames, end * audio.sampleRate / 1000)
                    #expect(Level.rmsDBFS(Array(audio.samples[first..<last])) > -35, "\(item.id) is silent")
                    if item.kind == "bulletin" { airedIDs.insert(item.id) }
                }
            }
        }
        // Pending and expired bulletins never air; the urgent one airs at its station.
        #expect(!airedIDs.contains("2021-09-24-lien-hoan-van-nghe-can-loc-du-thao"))
        #expect(!airedIDs.contains("2021-09-24-xet-nghiem-dot-1-thi-tran-nghen"))
        #expect(airedIDs.contains("2021-09-24-phong-toa-thon-dong-tien-thien-loc"))
        let tl = try JSONFile.read(StationManifest.self, from: day.appendingPathComponent("TL/manifest.json"))
        for slot in tl.slots {
            #expect(slot.items.contains { $0.id == "2021-09-24-phong-toa-thon-dong-tien-thien-loc" })
        }
    }

    @Test func buildingTwiceGivesIdenticalBytes() async throws {
        let second = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: second) }
        let a = try await SampleBuild.shared.result().day
        _ = await DayBuild(options: Self.options(output: second)).run()
        let b = second.appendingPathComponent("2021-09-24")
        // Every file but the build's run (its timings), which is not part of the day.
        #expect(FileManager.default.fileExists(atPath: b.appendingPathComponent(BuildRun.fileName).path))
        #expect(FileManager.default.fileExists(atPath: b.appendingPathComponent(DayReport.fileName).path))
        let files = try #require(FileManager.default.subpaths(atPath: a.path)).filter { $0 != BuildRun.fileName }.sorted()
        #expect(files.filter { $0.hasSuffix(".wav") }.count == 18)
        #expect(files.filter { $0.hasSuffix(".mp3") }.count == 18)
        #expect(files.filter { $0.hasSuffix(".vtt") }.count == 18)
        #expect(FileManager.default.subpaths(atPath: b.path)?.filter { $0 != BuildRun.fileName }.sorted() == files)
        for file in files where !file.hasSuffix("/") {
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: a.appendingPathComponent(file).path, isDirectory: &isFolder)
            if isFolder.boolValue { continue }
            #expect(try Data(contentsOf: a.appendingPathComponent(file)) == Data(contentsOf: b.appendingPathComponent(file)), "\(file)")
        }
    }

    @Test func badBulletinsAreReportedAndEverythingElseStillBuilds() async throws {
        let output = try Self.scratch(), bulletins = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: output); try? FileManager.default.removeItem(at: bulletins) }
        let samples = Self.root.appendingPathComponent("Bulletins")
        for name in try FileManager.default.contentsOfDirectory(atPath: samples.path) {
            try FileManager.default.copyItem(at: samples.appendingPathComponent(name), to: bulletins.appendingPathComponent(name))
        }
        let fixtures = Self.root.appendingPathComponent("Tests/ProgrammeTests/Fixtures/bad-input")
        for name in ["unknown-encoding.txt", "binary.txt", "missing-header.txt", "unknown-station.txt"] {
            try FileManager.default.copyItem(at: fixtures.appendingPathComponent(name), to: bulletins.appendingPathComponent("zz-" + name))
        }
        let before = try FileManager.default.contentsOfDirectory(atPath: bulletins.path).sorted().map {
            ($0, try Data(contentsOf: bulletins.appendingPathComponent($0)))
        }
        let report = await DayBuild(options: Self.options(output: output, bulletins: bulletins)).run()
        #expect(report.outcome == .partial)
        #expect(report.stations.count == 6)
        #expect(report.diagnostics.filter { $0.severity == .error }.count == 4)
        let after = try FileManager.default.contentsOfDirectory(atPath: bulletins.path).sorted().map {
            ($0, try Data(contentsOf: bulletins.appendingPathComponent($0)))
        }
        #expect(after.map(\.0) == before.map(\.0))
        #expect(after.map(\.1) == before.map(\.1))
    }

    @Test func badProvinceBuildsNothing() async throws {
        let output = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: output) }
        var options = Self.options(output: output)
        options.config = Self.root.appendingPathComponent("Tests/ProgrammeTests/Fixtures/bad-input/duplicate-station.yaml")
        let report = await DayBuild(options: options).run()
        #expect(report.outcome == .failed)
        #expect(report.diagnostics.first?.message.contains("used twice") == true)
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("2021-09-24").path))
    }
}
