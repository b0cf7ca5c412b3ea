import Foundation
import Testing
@testable import Speech

/// The Northern z (d, gi, r) moves into its vowel (issue 10, change 21). base1's z has a
/// transition into the vowel only for the Klatt synthesizer, so with espeak-ng's formant
/// synthesizer the vowel after it began at its own formants, and "dân", "giờ" were heard as
/// "nó", "ngờ". Loa's z starts the vowel from an alveolar F2 locus, as s does. Measured on
/// the Northern voice: in "da", over the frames of the open vowel (F1 above 600 Hz, which the
/// z's murmur never reaches), how far the highest F2 lies above the vowel's median F2.
/// Before change 21 the rise was 20 Hz (no transition), now 200 Hz; the bound sits between.
@Suite("Initial z")
struct InitialZTests {
    /// The highest F2 of the open vowel's frames above their median F2, in Hz.
    static func transition(_ samples: [Int16], sampleRate: Int) -> (rise: Double, report: String) {
        let vowel = FormantTrack(samples, sampleRate: sampleRate).openVowelFrames(range: 100)
        guard let highest = vowel.map(\.f2).max() else { return (0, "no open-vowel frames") }
        return (highest - FormantTrack.median(vowel.map(\.f2)), FormantTrack.report(vowel))
    }

    @Test func theVowelAfterZStartsFromAnAlveolarF2() async throws {
        let voice = try await ToneShapeTests.voice("vi")
        let clip = try await SpeechEngine.shared.synthesize(paragraphs: [["da"]], voice: voice)
        let (rise, report) = Self.transition(clip.samples, sampleRate: clip.sampleRate)
        #expect(rise > 100, "F2 rise \(Int(rise)) Hz; frames \(report)")
    }
}
