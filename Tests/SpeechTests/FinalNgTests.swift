import Foundation
import Testing
@testable import Speech

/// The final -ng closes on a velar murmur (issue 10, change 27). Upstream ended every
/// word-final ng with base1's n/nm at half amplitude, a murmur with its second resonance
/// near 810 Hz, as an m's is: "ông", "không" were heard with -m and "tháng", "sáng" with -n.
/// Loa's ng ends with base1's own velar murmur (nn/nn_, resonances near 525 and 2,550 Hz).
/// Measured on the Northern voice: the energy from 2 to 3 kHz against 600–1,200 Hz in the
/// last 60 ms of the murmur (ending 10 ms before the sound does). Upstream's murmur gave
/// −18 dB in "ang" and "ông", Loa's −5 and −4 dB; the bound sits between.
@Suite("Final ng")
struct FinalNgTests {
    /// High-band over low-band energy of the clip's closing murmur, in dB.
    static func murmurTilt(_ samples: [Int16], sampleRate: Int) -> Double {
        let peak = samples.map { abs(Int($0)) }.max() ?? 0
        guard let end = samples.lastIndex(where: { abs(Int($0)) * 50 > peak }),
              end > sampleRate * 70 / 1000 else { return -.infinity }
        let x = BandEnergy.windowed(samples[(end - sampleRate * 70 / 1000) ..< (end - sampleRate * 10 / 1000)])
        let high = BandEnergy.of(x, sampleRate: sampleRate, from: 2000, to: 3000, step: 20)
        let low = BandEnergy.of(x, sampleRate: sampleRate, from: 600, to: 1200, step: 20)
        return 10 * log10(high / max(low, 1e-30))
    }

    @Test(arguments: ["ang", "ông"])
    func theFinalNgIsAVelarMurmur(word: String) async throws {
        let voice = try await ToneShapeTests.voice("vi")
        let clip = try await SpeechEngine.shared.synthesize(paragraphs: [[word]], voice: voice)
        let tilt = Self.murmurTilt(clip.samples, sampleRate: clip.sampleRate)
        #expect(tilt > -10, "\(word): 2–3 kHz against 0.6–1.2 kHz in the final murmur \(String(format: "%.1f", tilt)) dB")
    }
}
