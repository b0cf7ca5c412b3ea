import Foundation
@testable import Packaging
import Programme
import Testing

/// Issue 14, item 1: takes kept between builds, and rebuilds that write only what changed.
/// Every rebuild is compared byte for byte with a clean build of the same inputs.
@Suite(.serialized) struct TakeCacheTests {
    func options(_ province: TinyProvince, _ edition: String, output: URL? = nil, cache: Bool = true) -> DayBuildOptions {
        var options = province.options(edition)
        if let output { options.output = output }
        options.takeCache = cache ? province.root.appendingPathComponent("cache") : nil
        return options
    }

    func day(_ output: URL) -> URL { output.appendingPathComponent(TinyProvince.date.description) }

    /// The day built from nothing: no take cache, a fresh output folder.
    func cleanBuild(_ province: TinyProvince, _ edition: String) async throws -> [String: String] {
        let output = province.root.appendingPathComponent("clean-\(UUID().uuidString.prefix(6))")
        let report = await DayBuild(options: options(province, edition, output: output, cache: false)).run()
        #expect(report.outcome == .complete, "\(report.diagnostics)")
        return contents(of: day(output))
    }

    var entries: (TinyProvince) -> [URL] = { province in
        let folder = province.root.appendingPathComponent("cache/entries")
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted().map { folder.appendingPathComponent($0) }
    }

    @Test func aSecondBuildTakesEverythingFromTheCacheAndWritesTheSameBytes() async throws {
        let province = try TinyProvince.make()
        defer { try? FileManager.default.removeItem(at: province.root) }
        let clean = try await cleanBuild(province, "a")

        let first = await DayBuild(options: options(province, "a", output: province.root.appendingPathComponent("one"))).run()
        #expect(first.outcome == .complete)
        #expect(first.synthesized > 0 && first.mastered > 0)
        #expect(first.cache?.takesFound == 0)
        #expect((first.cache?.written ?? 0) >= first.mastered + first.synthesized)
        #expect(contents(of: day(province.root.appendingPathComponent("one"))) == clean, "cold cache vs no cache")

        // Another output folder (no day to keep): every take from the cache, nothing made.
        let second = await DayBuild(options: options(province, "a", output: province.root.appendingPathComponent("two"))).run()
        #expect(second.outcome == .complete)
        #expect(second.synthesized == 0, "sentences synthesized again")
        #expect(second.mastered == 0, "takes mastered again")
        #expect(second.cache?.takesFound == first.mastered)
        #expect(contents(of: day(province.root.appendingPathComponent("two"))) == clean, "warm cache vs no cache")
        #expect(!entries(province).contains { $0.lastPathComponent.hasSuffix(".tmp") })
    }

    @Test func aDamagedEntryIsMadeAgainNeverUsed() async throws {
        let province = try TinyProvince.make()
        defer { try? FileManager.default.removeItem(at: province.root) }
        let clean = try await cleanBuild(province, "a")
        _ = await DayBuild(options: options(province, "a", output: province.root.appendingPathComponent("one"))).run()

        // One take cut short, one with a byte flipped in its sound, one length cut short.
        let takes = entries(province).filter { $0.pathExtension == "take" }
        let lengths = entries(province).filter { $0.pathExtension == "length" }
        #expect(takes.count >= 3 && !lengths.isEmpty)
        let truncated = try Data(contentsOf: takes[0])
        try truncated.prefix(truncated.count / 2).write(to: takes[0])
        var flipped = try Data(contentsOf: takes[1])
        flipped[flipped.count - 3] ^= 0x40
        try flipped.write(to: takes[1])
        try Data(try Data(contentsOf: lengths[0]).prefix(20)).write(to: lengths[0])

        let report = await DayBuild(options: options(province, "a", output: province.root.appendingPathComponent("two"))).run()
        #expect(report.outcome == .complete)
        #expect(report.cache?.damaged == 3)
        #expect(report.mastered == 2, "the two damaged takes are mastered again")
        #expect(report.synthesized >= 1)
        #expect(contents(of: day(province.root.appendingPathComponent("two"))) == clean)
        // Remade in the cache: a third build finds everything.
        let third = await DayBuild(options: options(province, "a", output: province.root.appendingPathComponent("three"))).run()
        #expect(third.cache?.damaged == 0 && third.mastered == 0 && third.synthesized == 0)
    }

    @Test func aNewBulletinRewritesOnlyTheStationsThatAirIt() async throws {
        let province = try TinyProvince.make()
        defer { try? FileManager.default.removeItem(at: province.root) }
        #expect(await DayBuild(options: options(province, "a")).run().outcome == .complete)
        let before = contents(of: province.day)
        var inodes: [String: UInt64] = [:]
        for path in before.keys { inodes[path] = inode(province.day.appendingPathComponent(path)) }

        // Nothing changed: nothing written, the day as it was.
        let again = await DayBuild(options: options(province, "a")).run()
        #expect(again.unchangedDay)
        #expect(again.outcome == .complete)
        #expect(contents(of: province.day) == before)

        // An urgent storm warning for district CL (station TL) at 10:30.
        try TinyProvince.bulletin(title: "Tin bão khẩn", targets: "district:CL", priority: "urgent",
                                  body: "Bão số năm đổ bộ chiều nay. Bà con không ra khơi.")
            .write(to: province.bulletins("a").appendingPathComponent("bao-khan.txt"), atomically: true, encoding: .utf8)
        let report = await DayBuild(options: options(province, "a")).run()
        #expect(report.outcome == .complete, "\(report.diagnostics)")
        #expect(!report.unchangedDay)
        #expect(report.keptUnchanged == ["PD", "HT"])
        #expect(report.rewrittenProgrammes == 2, "TL's two slots")
        #expect(report.mastered > 0 && report.mastered < 10, "only the new bulletin's sentences")
        let after = contents(of: province.day)
        for (path, sha256) in before where path.hasPrefix("PD/") || path.hasPrefix("HT/") {
            #expect(after[path] == sha256, "\(path) changed")
            #expect(inode(province.day.appendingPathComponent(path)) == inodes[path], "\(path) was written again")
        }
        #expect(after["TL/sang.mp3"] != before["TL/sang.mp3"])
        #expect(DayVerification.problems(in: province.day).isEmpty)
        // The same day as a clean build of the new inputs.
        #expect(after == (try await cleanBuild(province, "a")))

        // The bulletin withdrawn: TL back to its first pack, byte for byte.
        try FileManager.default.removeItem(at: province.bulletins("a").appendingPathComponent("bao-khan.txt"))
        let withdrawn = await DayBuild(options: options(province, "a")).run()
        #expect(withdrawn.mastered == 0 && withdrawn.synthesized == 0)
        #expect(contents(of: province.day) == before)
    }

    @Test func killedWhileWritingTheCacheTheNextBuildIsWholeAndTheSame() throws {
        let province = try TinyProvince.make()
        defer { try? FileManager.default.removeItem(at: province.root) }
        let cleanOutput = province.root.appendingPathComponent("clean")
        #expect(try LoaProcess.run(province.arguments("a") + ["--no-take-cache", "--output", cleanOutput.path]) == 0)
        let clean = contents(of: day(cleanOutput))

        let status = try LoaProcess.run(province.arguments("a"), environment: ["LOA_KILL_AT": "take-cache-write"])
        #expect(status == 128 + SIGKILL)
        let cache = province.root.appendingPathComponent(".loa-cache/takes/entries")
        let left = (try? FileManager.default.contentsOfDirectory(atPath: cache.path)) ?? []
        #expect(left.contains { $0.hasSuffix(".tmp") }, "the kill came in the middle of an entry")

        #expect(try LoaProcess.run(province.arguments("a")) == 0)
        #expect(contents(of: province.day) == clean)
        #expect(DayVerification.problems(in: province.day).isEmpty)
        // The killed build's half entry was cleared by the next build's clean-up.
        let after = (try? FileManager.default.contentsOfDirectory(atPath: cache.path)) ?? []
        #expect(!after.contains { $0.hasSuffix(".tmp") })
        // And a build from that cache, into another folder, is the same again.
        let warm = province.root.appendingPathComponent("warm")
        #expect(try LoaProcess.run(province.arguments("a") + ["--output", warm.path]) == 0)
        #expect(contents(of: day(warm)) == clean)
    }

    @Test func cleanUpKeepsTheCacheUnderItsBound() throws {
        let folder = try SampleBuild.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = try TakeCache(folder: folder, identity: "test", limitBytes: 10_000, maximumAge: 3600)
        let entries = folder.appendingPathComponent("entries")
        for index in 0..<10 {
            let url = entries.appendingPathComponent("\(index).take")
            try Data(count: 2_000).write(to: url)
            // Used one minute apart, the oldest first; one not used for two hours.
            let used = Date().addingTimeInterval(index == 9 ? -7200 : Double(index - 20) * 60)
            try FileManager.default.setAttributes([.modificationDate: used], ofItemAtPath: url.path)
        }
        try Data(count: 100).write(to: entries.appendingPathComponent(".x.1.2.tmp"))
        let result = try #require(cache.cleanUp())
        let kept = try FileManager.default.contentsOfDirectory(atPath: entries.path).sorted()
        // Down to 90 % of the bound: 4 of the 2 kB entries.
        #expect(kept == ["5.take", "6.take", "7.take", "8.take"], "the old one, the temporary and the least recently used go")
        #expect(result.keptBytes == 8_000 && result.removed == 7)

        // Another build using the cache: clean-up waits for a later build.
        let other = try TakeCache(folder: folder, identity: "test", limitBytes: 0)
        #expect(other.cleanUp() == nil)
        withExtendedLifetime(cache) {}
    }

    func inode(_ url: URL) -> UInt64? {
        (try? FileManager.default.attributesOfItem(atPath: url.path))?[.systemFileNumber] as? UInt64
    }
}
