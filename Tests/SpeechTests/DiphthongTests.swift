import Foundation
import Testing
@testable import Speech

/// ây and ia as the Vietnamese rhymes they spell (issue 10, change 35). Upstream read both
/// with English diphthong files: ây as `@I` (`vdiph/@i`, a glide from â to i over the whole
/// vowel, where Hanoi ây is a short â and then j, as ay is a short ă and then j), and ia as
/// `i@` (`vdiph2/ii@_3`, starting near F2 2,050 Hz, below Loa's i at 2,300), where ia is
/// iê. The Central voice keeps upstream's readings: its Huế â stays long before a glide, and
/// with the new readings viet-asr heard it worse through the loudspeaker.
@Suite("Diphthongs")
struct DiphthongTests {
    /// The Northern and Southern voices read ây as â + j and ia as iê; the Central as before.
    @Test func âyAndIaReadAsTheirRhymes() async throws {
        let words = ["đây", "lấy", "địa", "phía"]
        for (espeakVoice, ây, ia) in [("vi", "@ j", "iE"), ("vi-vn-x-south", "@ j", "iE"), ("vi-vn-x-central", "@I", "i@")] {
            let voice = try await RegionalReadingTests.voice(espeakVoice)
            let readings = try await SpeechEngine.shared.phonemes(sentences: words, voice: voice)
                .map { $0.replacingOccurrences(of: "'", with: "").filter { !$0.isNumber } }
            #expect(readings[0].contains(ây) && readings[1].contains(ây), "\(espeakVoice): \(readings)")
            #expect(readings[2].contains(ia) && readings[3].contains(ia), "\(espeakVoice): \(readings)")
        }
    }

    /// "tia" starts at Loa's i: the first frames' F2. Before change 35 it started near
    /// 2,050 Hz (upstream's English diphthong); now near 2,310. The bound sits between.
    @Test func iaStartsAtI() async throws {
        let voice = try await ToneShapeTests.voice("vi")
        let clip = try await SpeechEngine.shared.synthesize(paragraphs: [["tia"]], voice: voice)
        let f2 = FormantTrack(clip.samples, sampleRate: clip.sampleRate).onset(\.f2, first: 3, range: 4)
        #expect(f2.onset > 2180, "\(FormantTrack.report(f2.frames))")
    }
}
