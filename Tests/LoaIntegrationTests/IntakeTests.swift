import Foundation
import Packaging
import Programme
import Signing
import Testing

/// Intake end to end (issue 13, items 1 and 4): `loa check` says where and how long each
/// bulletin airs without writing audio; with `approval: recorded` the build airs only the
/// text that was approved, not one edited afterwards; the bulletins folder is byte-identical
/// after every check and build.
@Suite(.serialized) struct IntakeTests {
    /// The tiny province with recorded approvals and its department key made.
    static func office() throws -> TinyProvince {
        let province = try TinyProvince.make()
        let yaml = try String(contentsOf: province.config, encoding: .utf8)
        try yaml.replacingOccurrences(of: "approval: header", with: "approval: recorded")
            .write(to: province.config, atomically: true, encoding: .utf8)
        try KeyFiles.generate(secret: province.root.appendingPathComponent("keys/department.key"))
        return province
    }

    static func approve(_ file: URL, in province: TinyProvince) throws {
        let loaded = try ProvinceLoader.load(province.config)
        _ = try BulletinApprover.approve(file: file, display: file.path, by: "Nguyễn Văn An, Phó Giám đốc Sở",
                                         province: loaded, configFolder: province.root,
                                         at: ISO8601DateFormatter().date(from: "2021-09-23T02:00:00Z")!)
    }

    /// The bulletin ids aired in a station's manifest.
    static func aired(_ station: String, in province: TinyProvince) throws -> Set<String> {
        let manifest = try JSONFile.read(StationManifest.self, from: province.day.appendingPathComponent("\(station)/manifest.json"))
        return Set(manifest.slots.flatMap(\.items).filter { $0.kind == "bulletin" }.map(\.id))
    }

    @Test func checkSaysWhereAndHowLongEachBulletinAirsAndWritesNothing() async throws {
        let province = try Self.office()
        defer { try? FileManager.default.removeItem(at: province.root) }
        let folder = province.bulletins("a")
        try Self.approve(folder.appendingPathComponent("lich-tiem.txt"), in: province)
        let before = try snapshot(folder)
        let check = BulletinCheck(date: TinyProvince.date, config: province.config, bulletins: folder,
                                  voices: SampleBuild.root.appendingPathComponent("Voices"))
        let report = await check.run()
        #expect(try snapshot(folder) == before, "the bulletins folder must not change")
        #expect(!FileManager.default.fileExists(atPath: province.output.path), "check writes no audio")
        #expect(!report.stopped, "\(report.problems)")
        let tiem = try #require(report.bulletins.first { $0.id == "lich-tiem" })
        #expect(tiem.approval?.state == "approved")
        #expect(Set(tiem.airings.map(\.station)) == ["PD", "HT", "TL"])
        #expect(Set(tiem.airings.map(\.slot)) == ["sang", "chieu"])
        #expect(tiem.airings.allSatisfy { $0.spokenMs > 2_000 && $0.spokenMs < 30_000 && $0.startMs > 0 })
        let mua = try #require(report.bulletins.first { $0.id == "mua-lon" })
        #expect(mua.approval?.state == "not-approved")
        #expect(mua.airings.isEmpty && !mua.airsToday)
        #expect(mua.problems.first?.message.hasPrefix("pending: not approved yet") == true)
        #expect(report.exitStatus == 0)

        // The same report as JSON, for tools; and for one file only.
        let json = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
        #expect(json.contains("\"spoken_ms\"") && json.contains("\"approval\""))
        var one = check
        one.files = [folder.appendingPathComponent("mua-lon.txt").path]
        #expect(await one.run().bulletins.map(\.id) == ["mua-lon"])
    }

    @Test func approveThenEditThenBuildDoesNotAirItThenApproveAgainAndItAirs() async throws {
        let province = try Self.office()
        defer { try? FileManager.default.removeItem(at: province.root) }
        let folder = province.bulletins("a")
        let tiem = folder.appendingPathComponent("lich-tiem.txt")
        try Self.approve(tiem, in: province)
        try Self.approve(folder.appendingPathComponent("mua-lon.txt"), in: province)

        var before = try snapshot(folder)
        var report = await DayBuild(options: province.options("a")).run()
        #expect(try snapshot(folder) == before)
        #expect(report.outcome == .complete, "\(report.diagnostics)")
        #expect(try Self.aired("PD", in: province) == ["lich-tiem", "mua-lon"])

        // Edited after approval: the build does not air the new words, and says why.
        let edited = try String(contentsOf: tiem, encoding: .utf8) + "\nThêm một câu chưa ai duyệt.\n"
        try edited.write(to: tiem, atomically: true, encoding: .utf8)
        before = try snapshot(folder)
        report = await DayBuild(options: province.options("a")).run()
        #expect(try snapshot(folder) == before)
        #expect(report.outcome == .partial)
        #expect(report.diagnostics.contains { $0.severity == .error && $0.message.hasPrefix("changed after approval by Nguyễn Văn An") })
        #expect(try Self.aired("PD", in: province) == ["mua-lon"])
        #expect(try Self.aired("TL", in: province).isEmpty)

        try Self.approve(tiem, in: province)
        report = await DayBuild(options: province.options("a")).run()
        #expect(try snapshot(folder) == before)
        #expect(report.outcome == .complete, "\(report.diagnostics)")
        #expect(try Self.aired("TL", in: province) == ["lich-tiem"])
    }

    func snapshot(_ folder: URL) throws -> [String: String] { contents(of: folder) }
}
