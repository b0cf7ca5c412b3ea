import Foundation

/// The first three formants of a clip, frame by frame, from an LPC envelope: enough to see a
/// consonant's transition into the vowel in the tests; not a phonetician's formant tracker.
/// The clip is halved in rate (pairs averaged), pre-emphasized and cut into 25 ms Hamming
/// frames every 10 ms; each frame's all-pole envelope (order 12, autocorrelation method)
/// is read every 10 Hz, and its first three peaks above 150 Hz are F1, F2 and F3.
struct FormantTrack {
    struct Frame {
        /// Seconds from the start of the clip to the frame's centre.
        var time: Double
        var f1: Double
        var f2: Double
        var f3: Double
        /// Mean square of the frame (before the window), to tell voice from silence.
        var energy: Double
    }

    var frames: [Frame]

    init(_ samples: [Int16], sampleRate: Int, order: Int = 12) {
        let rate = Double(sampleRate / 2)
        var x: [Double] = stride(from: 0, to: samples.count - 1, by: 2).map {
            (Double(samples[$0]) + Double(samples[$0 + 1])) / 65536
        }
        for i in stride(from: x.count - 1, to: 0, by: -1) { x[i] -= 0.97 * x[i - 1] }
        let length = Int(rate * 0.025), hop = Int(rate * 0.01)
        let window = (0 ..< length).map { 0.54 - 0.46 * cos(2 * Double.pi * Double($0) / Double(length - 1)) }
        frames = []
        var start = 0
        while start + length <= x.count {
            let part = Array(x[start ..< start + length])
            let energy = part.reduce(0) { $0 + $1 * $1 } / Double(length)
            let a = Self.predictor(zip(part, window).map(*), order: order)
            let peaks = Self.peaks(a, rate: rate)
            frames.append(Frame(time: (Double(start) + Double(length) / 2) / rate,
                                f1: peaks.count > 0 ? peaks[0] : 0, f2: peaks.count > 1 ? peaks[1] : 0,
                                f3: peaks.count > 2 ? peaks[2] : 0,
                                energy: energy))
            start += hop
        }
    }

    /// The frames with energy above the loudest frame's divided by `range` (4: within 6 dB,
    /// 100: within 20 dB): the voiced part of a syllable, without its silence.
    func loudFrames(range: Double) -> [Frame] {
        let loudest = frames.map(\.energy).max() ?? 0
        return frames.filter { $0.energy > loudest / range }
    }

    /// The frames of an open vowel such as a: F1 above 600 Hz, which no murmur, closure or
    /// glide reaches, at most `maxF1` and with F2 at most `maxF2` (frication has both high),
    /// among the loud frames (see `loudFrames`).
    func openVowelFrames(range: Double, maxF1: Double = .infinity, maxF2: Double = .infinity) -> [Frame] {
        loudFrames(range: range).filter { $0.f1 > 600 && $0.f1 <= maxF1 && $0.f2 <= maxF2 }
    }

    /// One formant at a vowel's start against the whole vowel, for a consonant's transition:
    /// the mean of the first `first` frames within `range` of the loudest (see `loudFrames`)
    /// that have the formant, the median of all of them, and those frames for failure messages.
    func onset(_ formant: KeyPath<Frame, Double>, first: Int, range: Double) -> (onset: Double, median: Double, frames: [Frame]) {
        let vowel = loudFrames(range: range).filter { $0[keyPath: formant] > 0 }
        let start = vowel.prefix(first).map { $0[keyPath: formant] }
        return (start.reduce(0, +) / Double(max(1, start.count)), Self.median(vowel.map { $0[keyPath: formant] }), vowel)
    }

    /// The median of some values (the upper one of an even count), 0 for none.
    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }

    /// Frames as "time F1/F2/F3" for failure messages.
    static func report<S: Sequence>(_ frames: S) -> String where S.Element == Frame {
        frames.map { String(format: "%.2f %.0f/%.0f/%.0f", $0.time, $0.f1, $0.f2, $0.f3) }.joined(separator: ", ")
    }

    /// The prediction polynomial 1 + a1 z^-1 + … by Levinson–Durbin.
    static func predictor(_ x: [Double], order: Int) -> [Double] {
        let r = (0 ... order).map { lag in (lag ..< x.count).reduce(0.0) { $0 + x[$1] * x[$1 - lag] } }
        var a = [1.0] + Array(repeating: 0.0, count: order)
        var error = r[0] * (1 + 1e-9) + 1e-12
        for i in 1 ... order {
            var k = -r[i]
            for j in 1 ..< i { k -= a[j] * r[i - j] }
            k /= error
            let previous = a
            for j in 1 ..< i { a[j] = previous[j] + k * previous[i - j] }
            a[i] = k
            error *= 1 - k * k
        }
        return a
    }

    /// Frequencies of the envelope's local maxima between 150 Hz and 4 kHz, in order.
    static func peaks(_ a: [Double], rate: Double) -> [Double] {
        let hertz = Array(stride(from: 150.0, through: 4000, by: 10))
        let level = hertz.map { hz -> Double in
            let w = 2 * Double.pi * hz / rate
            var re = 0.0, im = 0.0
            for (k, c) in a.enumerated() { re += c * cos(w * Double(k)); im -= c * sin(w * Double(k)) }
            return -log(re * re + im * im)
        }
        return (1 ..< hertz.count - 1).filter { level[$0] > level[$0 - 1] && level[$0] >= level[$0 + 1] }.map { hertz[$0] }
    }
}
