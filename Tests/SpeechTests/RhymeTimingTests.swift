import Foundation
import Testing
@testable import Speech

/// Where the time goes in a rhyme with an off-glide (issue 10, change 19): Vietnamese ă is a
/// short vowel, so in "tay", "ngày" the off-glide [j] takes much of the syllable, while in
/// "tai", "ngài" the long a: does. The Northern voice on Loa's data is measured, not trusted:
/// the share of its voiced 10 ms frames that sound like the glide, [i]-coloured, with more
/// energy at 1.8–3 kHz (the glide's F2 and F3) than at 0.6–1.5 kHz (the F1 and F2 of a).
/// Before change 19 (ă held 100 ms before a glide) "tay" had 0.17 more of them than "tai",
/// "ngày" 0.06 more than "ngài"; now 0.33 and 0.13. The bounds sit between the two.
@Suite("Rhyme timing")
struct RhymeTimingTests {
    /// The share of voiced frames (within 30 dB of the loudest) that are glide-like.
    static func glideShare(_ samples: [Int16], sampleRate: Int) -> Double {
        let frame = sampleRate / 100
        var frames: [(energy: Double, glide: Bool)] = []
        var start = 0
        while start + frame <= samples.count {
            let x = BandEnergy.windowed(samples[start ..< start + frame])
            let energy = x.reduce(0) { $0 + $1 * $1 }
            let high = BandEnergy.of(x, sampleRate: sampleRate, from: 1800, to: 3000, step: 25)
            let low = BandEnergy.of(x, sampleRate: sampleRate, from: 600, to: 1500, step: 25)
            frames.append((energy, high > low))
            start += frame
        }
        let loudest = frames.map(\.energy).max() ?? 0
        let voiced = frames.filter { $0.energy > loudest / 1000 }
        return Double(voiced.filter(\.glide).count) / Double(max(voiced.count, 1))
    }

    static func shares(_ words: [String]) async throws -> [String: Double] {
        let voice = try await ToneShapeTests.voice("vi")
        var shares: [String: Double] = [:]
        for word in words {
            let clip = try await SpeechEngine.shared.synthesize(paragraphs: [[word]], voice: voice)
            shares[word] = glideShare(clip.samples, sampleRate: clip.sampleRate)
        }
        return shares
    }

    @Test func theOffGlideAfterShortĂTakesTheTime() async throws {
        let s = try await Self.shares(["tay", "tai", "ngày", "ngài"])
        let report = s.sorted { $0.key < $1.key }.map { String(format: "%@ %.2f", $0.key, $0.value) }.joined(separator: ", ")
        #expect(s["tay"]! - s["tai"]! > 0.25, "tay against tai: \(report)")
        #expect(s["ngày"]! - s["ngài"]! > 0.10, "ngày against ngài: \(report)")
    }
}
