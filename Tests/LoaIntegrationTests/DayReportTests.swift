import Foundation
import Packaging
import Programme
import Testing

/// Issue 14, item 4: the build writes its report into the day (`report.json`) and its run
/// beside it (`.loa-build-run.json`); the report agrees with the manifests, lists problems
/// first, and describes the whole day when stations were kept from an earlier build.
@Suite(.serialized) struct DayReportTests {
    func report(_ day: URL) throws -> DayReport {
        try JSONFile.read(DayReport.self, from: day.appendingPathComponent(DayReport.fileName))
    }

    /// Every station's slots and items in the report are the manifest's, with the figures
    /// added up from them.
    func expectMatchesManifests(_ report: DayReport, day: URL) throws {
        let index = try JSONFile.read(DayIndex.self, from: day.appendingPathComponent("index.json"))
        #expect(report.stations.map(\.code) == index.stations.map(\.code))
        var aired = 0, items = 0
        for station in report.stations {
            let manifest = try JSONFile.read(StationManifest.self, from: day.appendingPathComponent("\(station.code)/manifest.json"))
            #expect(station.slots.map(\.id) == manifest.slots.map(\.id))
            #expect(station.notAired == manifest.notAired)
            for (slot, written) in zip(station.slots, manifest.slots) {
                #expect(slot.durationMs == written.durationMs, "\(station.code)/\(slot.id)")
                #expect(slot.maxMs == written.maxMs)
                #expect(slot.deferred == written.deferred)
                #expect(slot.items.map(\.id) == written.items.map(\.id))
                #expect(slot.items.map(\.startMs) == written.items.map(\.startMs))
                #expect(slot.items.map(\.durationMs) == written.items.map(\.durationMs))
                #expect(slot.items.map(\.title) == written.items.map(\.title))
                aired += written.durationMs
                items += written.items.count
            }
        }
        #expect(report.figures.airedMs == aired)
        #expect(report.figures.itemsAired == items)
        #expect(report.figures.programmes == report.stations.count * 2)
    }

    @Test func theReportIsWrittenWithTheDayAndMatchesTheManifests() async throws {
        let province = try TinyProvince.make()
        defer { try? FileManager.default.removeItem(at: province.root) }
        var options = province.options("a")
        options.takeCache = province.root.appendingPathComponent("cache")
        let built = await DayBuild(options: options).run()
        #expect(built.outcome == .complete, "\(built.diagnostics)")
        let report = try report(province.day)
        #expect(report.outcome == "complete")
        #expect(report.problems.isEmpty, "\(report.problems)")
        #expect(report.date == "2021-09-24")
        try expectMatchesManifests(report, day: province.day)
        #expect(report.figures.distinctTakes > 0 && report.figures.distinctTakes <= built.distinctTakes, "the takes that air")
        #expect(report.figures.distinctAudioMs > 0)
        #expect(report.figures.distinctAudioMs < report.figures.airedMs, "shared sentences are made once")
        #expect(report.figures.audioFor == ["PD", "HT", "TL"])

        // Where the time went, and what the cache did, are beside the day, not in it.
        let run = try JSONFile.read(BuildRun.self, from: province.day.appendingPathComponent(BuildRun.fileName))
        #expect(run.stages.map(\.stage) == ["reading", "speech", "takes", "packs"])
        #expect(run.stages.allSatisfy { $0.seconds >= 0 })
        #expect(run.rewrittenProgrammes == 6)
        #expect(run.cacheTakesFound == 0 && run.mastered > 0, "a cold cache: every take made")
        #expect(run.built == ["PD", "HT", "TL"])
        let index = try String(contentsOf: province.day.appendingPathComponent("index.json"), encoding: .utf8)
        #expect(!index.contains("report"), "no station downloads the report")
    }

    @Test func problemsComeFirstErrorsBeforeWarnings() async throws {
        let province = try TinyProvince.make()
        defer { try? FileManager.default.removeItem(at: province.root) }
        // Slots too short for both bulletins, and a bulletin file without its header.
        try TinyProvince.provinceYAML.replacingOccurrences(of: "max: 3m", with: "max: 12s")
            .write(to: province.config, atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(at: SampleBuild.root.appendingPathComponent("Tests/ProgrammeTests/Fixtures/bad-input/missing-header.txt"),
                                         to: province.bulletins("a").appendingPathComponent("zz-missing-header.txt"))
        let built = await DayBuild(options: province.options("a")).run()
        #expect(built.outcome == .partial)
        let report = try report(province.day)
        #expect(report.outcome == "partial")
        try expectMatchesManifests(report, day: province.day)
        let severities = report.problems.map(\.severity)
        #expect(severities == severities.sorted { $0 == "error" && $1 != "error" }, "errors first: \(severities)")
        let diagnostic = try #require(report.problems.first { $0.kind == "diagnostic" })
        #expect(diagnostic.file?.hasSuffix("zz-missing-header.txt") == true)
        #expect(diagnostic.severity == "error")
        // Every bulletin a station could not air is listed, with its title.
        for station in report.stations where !station.notAired.isEmpty {
            let listed = report.problems.first { $0.kind == "not-aired" && $0.station == station.code }
            #expect(listed?.bulletins == station.notAired)
            for id in station.notAired { #expect(report.titles[id] != nil, "title of \(id)") }
        }
        #expect(report.problems.contains { $0.kind == "not-aired" || $0.kind == "deferred" }, "\(report.problems)")
    }

    @Test func anIncrementalBuildStillDescribesTheWholeDay() async throws {
        let province = try TinyProvince.make()
        defer { try? FileManager.default.removeItem(at: province.root) }
        var options = province.options("a")
        options.takeCache = province.root.appendingPathComponent("cache")
        #expect(await DayBuild(options: options).run().outcome == .complete)
        // An urgent bulletin for district CL (station TL): PD and HT keep their packs.
        try TinyProvince.bulletin(title: "Tin bão khẩn", targets: "district:CL", priority: "urgent",
                                  body: "Bão số năm đổ bộ chiều nay. Bà con không ra khơi.")
            .write(to: province.bulletins("a").appendingPathComponent("bao-khan.txt"), atomically: true, encoding: .utf8)
        let again = await DayBuild(options: options).run()
        #expect(again.keptUnchanged == ["PD", "HT"])
        let report = try report(province.day)
        #expect(report.stations.map(\.code) == ["PD", "HT", "TL"])
        try expectMatchesManifests(report, day: province.day)
        #expect(report.stations[2].slots.allSatisfy { $0.items.contains { $0.title == "Tin bão khẩn" } })
        let run = try JSONFile.read(BuildRun.self, from: province.day.appendingPathComponent(BuildRun.fileName))
        #expect(run.keptUnchanged == ["PD", "HT"])
        #expect(run.cacheTakesFound ?? 0 > 0, "a warm cache")
        #expect(run.rewrittenProgrammes == 2)

        // Only TL rebuilt (--stations): the report still has every station.
        var one = options
        one.stations = ["TL"]
        one.force = true
        _ = await DayBuild(options: one).run()
        let alone = try self.report(province.day)
        #expect(alone.stations.map(\.code) == ["PD", "HT", "TL"])
        #expect(alone.figures.audioFor == ["TL"])
        try expectMatchesManifests(alone, day: province.day)
    }
}
