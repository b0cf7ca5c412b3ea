import Foundation

/// Spectral measurements the speech-data tests share: a Hann window and the energy of a
/// band, summed from a DFT evaluated every `step` Hz across it. Enough to tell a glide from
/// a vowel or frication from a voice bar; not a spectrum analyser.
enum BandEnergy {
    /// `samples` (16-bit) as Doubles in −1…1, multiplied by a Hann window of their length.
    static func windowed(_ samples: ArraySlice<Int16>) -> [Double] {
        let n = samples.count
        return samples.enumerated().map { k, v in
            Double(v) / 32768 * (0.5 - 0.5 * cos(2 * Double.pi * Double(k) / Double(max(n - 1, 1))))
        }
    }

    /// The energy of `x` between `low` and `high` Hz.
    static func of(_ x: [Double], sampleRate: Int, from low: Double, to high: Double, step: Double) -> Double {
        var total = 0.0
        var hz = low
        while hz < high {
            let w = 2 * Double.pi * hz / Double(sampleRate)
            var re = 0.0, im = 0.0
            for (n, v) in x.enumerated() { re += v * cos(w * Double(n)); im -= v * sin(w * Double(n)) }
            total += re * re + im * im
            hz += step
        }
        return total
    }
}
