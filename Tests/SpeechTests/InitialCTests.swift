import Foundation
import Testing
@testable import Speech

/// The vowel after c rises from a low F1 (issue 10, change 31). c (k, q) is an unaspirated
/// stop, and after one the vowel's F1 starts low, as espeak-ng gives t and đ (`f1=1`); upstream
/// gave c `f1=0`, the vowel opened at once, as after an aspirated stop, and c was heard as kh,
/// th, đ. Measured on the Northern voice: in "ca", the median F1 of the frames within 10 dB
/// of the loudest above the mean F1 of the first two of them: −15 Hz before change 31,
/// 45 Hz now; the bound sits between.
@Suite("Initial c")
struct InitialCTests {
    @Test func theVowelAfterCRisesFromALowF1() async throws {
        let voice = try await ToneShapeTests.voice("vi")
        let clip = try await SpeechEngine.shared.synthesize(paragraphs: [["ca"]], voice: voice)
        let (rise, onset, vowel) = FormantTrack(clip.samples, sampleRate: clip.sampleRate).onsetF1Rise(range: 10)
        #expect(rise > 15, "onset F1 \(Int(onset)) Hz, \(Int(rise)) Hz below the vowel's median; frames \(FormantTrack.report(vowel.prefix(6)))")
    }
}
