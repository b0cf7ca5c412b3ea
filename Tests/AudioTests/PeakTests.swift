import Foundation
import Testing
@testable import Audio

/// A seeded generator (SplitMix64), so every run tests the same signals.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension Signals {
    /// Speech-like bursts: stretches of silence, quiet noise, loud noise and quarter-rate
    /// tones sampled off their crests (true peak 3 dB over the samples), at random levels.
    static func bursts(seconds: Double, sampleRate: Int, seed: UInt64) -> [Float] {
        var random = SeededRandom(state: seed)
        var out: [Float] = []
        let total = Int(seconds * Double(sampleRate))
        while out.count < total {
            let length = Int.random(in: 50 ... sampleRate / 5, using: &random)
            let level = Float.random(in: 0.01 ... 1.2, using: &random)
            switch Int.random(in: 0 ..< 4, using: &random) {
            case 0: out += [Float](repeating: 0, count: length)
            case 1: out += (0 ..< length).map { _ in Float.random(in: -0.02 ... 0.02, using: &random) }
            case 2: out += (0 ..< length).map { _ in Float.random(in: -level ... level, using: &random) }
            default: out += (0 ..< length).map { n in level * Float(sin(Double.pi / 2 * Double(n) + Double.pi / 4)) }
            }
        }
        return Array(out.prefix(total))
    }
}

@Suite("True peak measured where it can reach a floor")
struct SelectiveTruePeakTests {
    @Test("equals libebur128's full measurement wherever either reaches the floor",
          arguments: [22050, 48000])
    func matchesFullMeasurement(sampleRate: Int) {
        var reached = 0, below = 0
        for seed in UInt64(1) ... 24 {
            // Levels from the bursts' own down to 15 dB under them, so both cases come up.
            let scale = Float(pow(10, -Double(seed % 6) * 3 / 20))
            let signal = Signals.bursts(seconds: 3, sampleRate: sampleRate, seed: seed).map { $0 * scale }
            let full = Loudness.truePeakDBTP(samples: signal, sampleRate: sampleRate)
            for floor in [-12.0, -6.0, -3.0, -1.2, 0.0, 1.5] {
                let selective = Loudness.truePeakDBTP(samples: signal, sampleRate: sampleRate, from: floor)
                if full >= floor || selective >= floor {
                    #expect(selective == full, "seed \(seed), floor \(floor): \(selective) against \(full)")
                    reached += 1
                } else {
                    #expect(selective < floor && selective >= Level.peakDBFS(signal), "seed \(seed), floor \(floor)")
                    below += 1
                }
            }
        }
        #expect(reached > 20 && below > 20, "both cases were exercised: \(reached) reached, \(below) below")
    }

    @Test("libebur128's interpolation reads at most the allowed headroom over the samples")
    func headroomBound() {
        // The worst case for a half-sample interpolator: samples at ±a whose signs follow
        // the sinc's, so every tap adds. It must stay under the headroom the selection assumes.
        let rate = 22050, a: Float = 0.25
        var signal = [Float](repeating: 0, count: 4000)
        for k in -40 ... 40 {
            let t = Double(k) - 0.5
            signal[2000 + k] = sin(Double.pi * t) / t >= 0 ? a : -a
        }
        let overSamples = Loudness.truePeakDBTP(samples: signal, sampleRate: rate) - Level.peakDBFS(signal)
        #expect(overSamples > 4, "the pattern does provoke an intersample peak: \(overSamples) dB")
        #expect(overSamples <= Loudness.interpolationHeadroomDB, "\(overSamples) dB over the samples")
    }

    @Test("silence and nothing read −inf")
    func silence() {
        #expect(Loudness.truePeakDBTP(samples: [], sampleRate: 22050, from: -3) == -.infinity)
        #expect(Loudness.truePeakDBTP(samples: [Float](repeating: 0, count: 5000), sampleRate: 22050, from: -3) == -.infinity)
    }
}

@Suite("Peak limiter")
struct PeakLimiterTests {
    @Test("holds every sample at or under the ceiling", arguments: [22050, 48000])
    func holdsCeiling(sampleRate: Int) {
        let limiter = PeakLimiter(ceilingDBFS: -3, sampleRate: sampleRate)
        for seed in UInt64(1) ... 8 {
            var signal = Signals.bursts(seconds: 4, sampleRate: sampleRate, seed: seed)
            #expect(limiter.apply(&signal))
            #expect(Level.peakDBFS(signal) <= -3 + 1e-4, "seed \(seed): \(Level.peakDBFS(signal)) dBFS")
        }
    }

    @Test("a signal under the ceiling is left exactly as it was")
    func untouchedUnderCeiling() {
        let signal = Signals.sine(frequency: 440, amplitude: 0.5, seconds: 1, sampleRate: 22050)
        var copy = signal
        #expect(!PeakLimiter(ceilingDBFS: -3, sampleRate: 22050).apply(&copy))
        #expect(copy == signal)
    }

    @Test("frames before a peak's look-ahead and after the gain recovers are exact copies")
    func onlyAroundPeaks() {
        let rate = 22050
        let quiet = Signals.sine(frequency: 300, amplitude: 0.1, seconds: 3, sampleRate: rate)
        var signal = quiet
        for i in rate ..< rate + 200 { signal[i] = i % 2 == 0 ? 0.9 : -0.9 }      // a peak at 1 s
        for i in 2 * rate ..< 2 * rate + 50 { signal[i] = 0.8 }                  // and at 2 s
        let original = signal
        let limiter = PeakLimiter(ceilingDBFS: -6, sampleRate: rate)
        #expect(limiter.apply(&signal))
        // Look-ahead 2 ms (44 frames); ~5.4 dB of reduction recovers at 60 dB/s in < 100 ms.
        let untouched = [0 ..< rate - 50, rate + 200 + rate / 8 ..< 2 * rate - 50, 2 * rate + 50 + rate / 8 ..< 3 * rate]
        for range in untouched {
            #expect(Array(signal[range]) == Array(original[range]), "\(range)")
        }
        #expect(Level.peakDBFS(signal) <= -6 + 1e-4)
        var again = original
        limiter.apply(&again)
        #expect(again == signal, "the same input gives the same bytes")
    }
}

@Suite("Gating blocks")
struct GatingBlocksTests {
    @Test("blocks gate to the loudness libebur128 gives the whole signal", arguments: [22050, 44100, 48000])
    func matchLibebur128(sampleRate: Int) {
        for seed in UInt64(1) ... 6 {
            let signal = Signals.bursts(seconds: 8, sampleRate: sampleRate, seed: seed)
            let blocks = GatingBlocks(samples: signal, sampleRate: sampleRate)
            let whole = Loudness.measure(samples: signal, sampleRate: sampleRate, channels: 1)
            #expect(blocks.loudness.count == signal.count / (sampleRate / 10) - 3, "one block a hop once 400 ms are in")
            #expect(abs(GatingBlocks.integratedLUFS(of: [blocks]) - whole.integratedLUFS) < 0.01,
                    "seed \(seed): \(GatingBlocks.integratedLUFS(of: [blocks])) against \(whole.integratedLUFS)")
            #expect(abs(Double(blocks.loudness.max()!) - whole.maxMomentaryLUFS) < 0.01, "the loudest block is the momentary maximum")
        }
    }

    @Test("silence around the samples counts as the programme would play it")
    func leadingAndTrailingSilence() {
        let rate = 22050
        let tone = Signals.sine(frequency: 1000, amplitude: 0.25, seconds: 2, sampleRate: rate)
        let padded = [Float](repeating: 0, count: 3307) + tone + [Float](repeating: 0, count: 5000)
        #expect(GatingBlocks(samples: tone, sampleRate: rate, leading: 3307, trailing: 5000)
                == GatingBlocks(samples: padded, sampleRate: rate))
        #expect(GatingBlocks(samples: [Float](repeating: 0, count: rate), sampleRate: rate).loudness.allSatisfy { $0 == -.infinity })
    }
}
