import Foundation
import Testing
@testable import Speech

/// The vowel after v and after c rises from a low F1 (issue 10, changes 30 and 31). espeak-ng
/// starts a vowel with F1 lowered after a consonant marked `f1=1`, as after any narrowing or
/// unaspirated stop (the Vietnamese t and đ have it); upstream's v and c had `f1=0`, so the
/// vowel opened at once: "và" sounded like "mà" after a nasal's release, and c like the
/// aspirated kh. Measured on the Northern voice: the median F1 of the frames within 10 dB of
/// the loudest above the mean F1 of the first two of them. Before the changes "va" rose
/// 10 Hz and "ca" −15 Hz; now 70 and 45 Hz. Each bound sits between.
@Suite("Vowel onset after v and c")
struct OnsetF1Tests {
    @Test(arguments: [("va", 40.0), ("ca", 15.0)])
    func theVowelRisesFromALowF1(syllable: String, bound: Double) async throws {
        let voice = try await ToneShapeTests.voice("vi")
        let clip = try await SpeechEngine.shared.synthesize(paragraphs: [[syllable]], voice: voice)
        let (onset, median, vowel) = FormantTrack(clip.samples, sampleRate: clip.sampleRate).onset(\.f1, first: 2, range: 10)
        let rise = median - onset
        #expect(rise > bound, "\(syllable): onset F1 \(Int(onset)) Hz, \(Int(rise)) Hz below the vowel's median; frames \(FormantTrack.report(vowel.prefix(6)))")
    }
}
