import Foundation
import Testing
@testable import Programme
import VietnameseText

/// The text side of recorded bulletins (issue 13, item 5), without sound: the sidecar's
/// `recording:` key, its optional transcript, which files count as sound, and what an
/// approval of a recording signs. The sound itself is measured in LoaIntegrationTests
/// (RecordedBulletinTests), where files are written through libsndfile.
@Suite struct RecordingSidecarTests {
    static func sidecar(_ extra: String = "", body: String = "") -> String {
        "---\ntitle: Tin tiếng Bahnar\napproved-by: A\napproved-on: 2021-09-23\nvalid-from: 2021-09-24\n"
            + "recording: tin-bahnar.flac\n\(extra)---\n\(body)"
    }

    @Test func aSidecarNamesItsRecordingAndMayHaveNoTranscript() {
        let (bulletin, diagnostics) = BulletinParser.parse(Self.sidecar(), file: "tin.txt", defaultID: "tin")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(bulletin?.recording == Recording(name: "tin-bahnar.flac", line: 6))
        #expect(bulletin?.paragraphs.isEmpty == true)
        // Without `recording:`, an empty body is still an error, saying recordings exist.
        let (text, errors) = BulletinParser.parse("---\ntitle: T\n---\n", file: "t.txt", defaultID: "t")
        #expect(text == nil)
        #expect(errors.first?.message.contains("'recording:' line") == true)
    }

    @Test func theTranscriptIsNeverCheckedAsVietnameseNorSpoken() throws {
        // Bahnar in Latin letters with its own marks; a long "word" in a transcript is not spoken either.
        let body = "Bơngai tơdrong tơ̆ jơ̆ng lơm kơ pơlei.\n\n" + String(repeating: "a", count: 60) + "\n"
        let (parsed, diagnostics) = BulletinParser.parse(Self.sidecar(body: body), file: "tin.txt", defaultID: "tin")
        let bulletin = try #require(parsed, "\(diagnostics)")
        #expect(bulletin.paragraphs.count == 2)
        #expect(Script(bulletin: bulletin, normalizer: .init()).paragraphs.isEmpty, "nothing of a recording is synthesized")
        // The title is still checked: it shows in reports and on the stations' pages.
        let (bad, errors) = BulletinParser.parse(Self.sidecar().replacingOccurrences(of: "Tin tiếng Bahnar", with: String(repeating: "x", count: 50)),
                                                 file: "tin.txt", defaultID: "tin")
        #expect(bad == nil && errors.first?.line == 2)
    }

    @Test func aVoiceOnARecordingIsIgnoredWithAWarning() {
        let (bulletin, diagnostics) = BulletinParser.parse(Self.sidecar("voice: khong-co\n"), file: "tin.txt", defaultID: "tin")
        #expect(bulletin != nil)
        #expect(diagnostics.map(\.line) == [7])
        #expect(diagnostics.first?.message.contains("'voice:' is ignored") == true)
        let validated = BulletinValidator.validate([bulletin!], province: try! Fixture.province(), voices: Fixture.voices())
        #expect(validated.diagnostics.isEmpty, "an ignored voice is not checked against the profiles")
    }

    @Test func soundFilesAreNeitherBulletinsNorNotRead() {
        for name in ["tin.flac", "tin.WAV", "tin.mp3", "tin.ogg", "tin.opus", "tin.m4a", "huyen/tin.amr"] {
            #expect(BulletinFolder.classify(name) == .sound, "\(name)")
        }
        #expect(BulletinFolder.classify("tin.txt") == .bulletin)
        #expect(BulletinFolder.classify("_cu.flac") == .ignored)
        #expect(BulletinFolder.classify("tin.pdf") != .sound)
    }

    @Test func anApprovalOfARecordingSignsItsHashAndOthersSignAsBefore() {
        var record = ApprovalRecord(textSHA256: String(repeating: "a", count: 64), bulletin: "tin", file: "Bulletins/tin.txt",
                                    title: "Tin", approvedBy: "A", approvedOn: "2021-09-23", approvedAt: "2021-09-23T02:00:00Z")
        let before = String(decoding: record.signedMessage, as: UTF8.self)
        #expect(before == "loa approval v1\ntext_sha256: \(String(repeating: "a", count: 64))\nbulletin: tin\n"
            + "file: Bulletins/tin.txt\napproved_by: A\napproved_on: 2021-09-23\napproved_at: 2021-09-23T02:00:00Z\n")
        record.recordingSHA256 = String(repeating: "b", count: 64)
        #expect(String(decoding: record.signedMessage, as: UTF8.self)
            == before.replacingOccurrences(of: "\nbulletin:", with: "\nrecording_sha256: \(String(repeating: "b", count: 64))\nbulletin:"))
    }
}
