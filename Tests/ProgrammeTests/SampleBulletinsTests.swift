import Foundation
import Testing
@testable import Programme

/// The ten sample bulletins keep their outcomes under the stricter intake: all read, the
/// draft pending (now with a note saying so), the expired one off the air, the rest airing.
@Suite struct SampleBulletinsTests {
    @Test func theSamplesLoadWithTheSameOutcomes() throws {
        let root = Fixture.repositoryRoot
        let province = try ProvinceLoader.load(root.appendingPathComponent("loa.yaml"), display: "loa.yaml")
        let voices = try VoiceLibrary.load(directory: root.appendingPathComponent("Voices"), displayPrefix: "Voices")
        let loaded = BulletinLibrary.load(directory: root.appendingPathComponent("Bulletins"), displayPrefix: "Bulletins")
        let validated = BulletinValidator.validate(loaded.bulletins, province: province, voices: voices)
        #expect(validated.valid.count == 10)
        let diagnostics = loaded.diagnostics + validated.diagnostics
        #expect(diagnostics.count == 1, "\(diagnostics)")
        let pending = try #require(diagnostics.first)
        #expect(pending.severity == .warning)
        #expect(pending.file == "Bulletins/2021-09-24-lien-hoan-van-nghe-can-loc-du-thao.txt")
        #expect(pending.line == 9)  // the header's closing '---'
        #expect(pending.message.hasPrefix("pending:"))

        let date = try #require(CalendarDate(iso: "2021-09-24"))
        let off = Set(validated.valid.filter { !$0.airs(on: date) }.map(\.id))
        #expect(off == ["2021-09-24-lien-hoan-van-nghe-can-loc-du-thao", "2021-09-24-xet-nghiem-dot-1-thi-tran-nghen"])
    }
}
