/// A pitch (F0) track by normalized autocorrelation, enough to tell Vietnamese tone shapes
/// apart in the tests: 40 ms frames every 5 ms, 60–400 Hz, a frame voiced when its best
/// correlation passes 0.6 and it is within 30 dB of the loudest frame.
struct PitchTrack {
    /// F0 in Hz of each voiced frame, in order.
    var hertz: [Double]
    /// Seconds of voiced frames.
    var voicedSeconds: Double

    init(_ samples: [Int16], sampleRate: Int) {
        let x = samples.map { Double($0) / 32768 }
        let frame = sampleRate * 40 / 1000, hop = sampleRate * 5 / 1000
        let minLag = sampleRate / 400, maxLag = sampleRate / 60
        var energies: [Double] = []
        var candidates: [(energy: Double, f0: Double?)] = []
        var start = 0
        while start + frame + maxLag < x.count {
            var e0 = 0.0
            for i in start ..< start + frame { e0 += x[i] * x[i] }
            var best = 0.0, bestLag = 0
            for lag in minLag ... maxLag {
                var r = 0.0, el = 0.0
                for i in start ..< start + frame {
                    r += x[i] * x[i + lag]
                    el += x[i + lag] * x[i + lag]
                }
                let normalized = r / max((e0 * el).squareRoot(), 1e-12)
                if normalized > best { best = normalized; bestLag = lag }
            }
            energies.append(e0)
            candidates.append((e0, best > 0.6 ? Double(sampleRate) / Double(bestLag) : nil))
            start += hop
        }
        let loudest = energies.max() ?? 0
        let voiced = candidates.filter { $0.energy > loudest / 1000 }.compactMap(\.f0)
        hertz = voiced
        voicedSeconds = Double(voiced.count * hop) / Double(sampleRate)
    }

    /// Semitones of `hz` above `reference`.
    static func semitones(_ hz: Double, over reference: Double) -> Double { 12 * log2(hz / reference) }

    /// Mean F0 of a share of the track (0…1 of its voiced frames).
    func mean(from: Double, to: Double) -> Double {
        let a = Int(Double(hertz.count) * from), b = max(a + 1, Int(Double(hertz.count) * to))
        let part = hertz[min(a, hertz.count - 1) ..< min(b, hertz.count)]
        return part.reduce(0, +) / Double(part.count)
    }

    /// The shape in semitones against the track's own start: (start, lowest in the middle, end).
    var shape: (start: Double, lowest: Double, end: Double) {
        let first = mean(from: 0, to: 0.2)
        let middle = (2 ..< 8).map { mean(from: Double($0) / 10, to: Double($0 + 1) / 10) }.min() ?? first
        return (0, Self.semitones(middle, over: first), Self.semitones(mean(from: 0.8, to: 1), over: first))
    }
}

import Foundation
