import Foundation

/// A feed-forward compressor for speech that airs through horn loudspeakers outdoors: it
/// turns the loud parts of a sentence (open vowels) down relative to the weak ones (onsets,
/// consonants, the ends of syllables), so once the take is levelled to the loudness target
/// the weak parts stand further above a village's noise.
///
/// Why: synthetic speech has a wide range between its vowels and its consonants, and in
/// noise the weak parts go first. Measured with two offline recognizers through a simulated
/// horn (300–4,000 Hz, echoes, pink noise 10 dB below the active speech level), 2:1 on a
/// syllable-rate envelope lowers the error of every Loa voice on both recognizers there,
/// at a cost of at most 0.017 in quiet (figures in `docs/voice.md`, change 11); this is a
/// broadcast speech processor's job.
///
/// How (the shape of sox's `compand`, at block rate: about 1 ns a sample, 2 % of synthesis):
/// the peak of each `block` of samples feeds a one-pole envelope that rises with `attackMs`
/// and falls with `releaseMs`; above a threshold `thresholdBelowPeakDB` under the sound's
/// own peak (so the voice's volume does not matter, and pauses stay pauses) the gain follows
/// `ratio`; the gain is interpolated linearly between blocks and looks ahead by `attackMs`,
/// so it is already down when a vowel starts. The gain never rises above 1: the take's
/// levelling brings the whole back to the loudness target. Deterministic.
public struct SpeechCompressor: Sendable, Hashable {
    /// Input dB above the threshold per output dB (2 is 2:1; 1 leaves the sound alone).
    public var ratio: Double
    /// The threshold, in dB below the sound's sample peak.
    public var thresholdBelowPeakDB: Double
    /// How fast the envelope rises, and the look-ahead.
    public var attackMs: Double
    /// How fast the envelope falls.
    public var releaseMs: Double

    /// Frames per envelope step (2.9 ms at 22,050 Hz: far shorter than the attack). The
    /// gain computation per block is most of the cost: 32 frames cost 1.4 ns a sample, 64 1.0.
    public static let block = 64

    /// The defaults are the settings measured for Loa's voices (20 ms / 200 ms: syllable
    /// rate; faster ones gained more through the horn and lost more in quiet).
    public init(ratio: Double, thresholdBelowPeakDB: Double = 40, attackMs: Double = 20, releaseMs: Double = 200) {
        self.ratio = ratio
        self.thresholdBelowPeakDB = thresholdBelowPeakDB
        self.attackMs = attackMs
        self.releaseMs = releaseMs
    }

    /// Compresses `samples[range]` (16-bit mono PCM at `sampleRate`) in place. Silence, and
    /// a ratio of 1 or less, leave them untouched.
    public func apply(_ samples: inout [Int16], in range: Range<Int>, sampleRate: Int) {
        guard ratio > 1, sampleRate > 0, !range.isEmpty else { return }
        samples.withUnsafeMutableBufferPointer { all in
            compress(UnsafeMutableBufferPointer(rebasing: all[range]), sampleRate: Double(sampleRate))
        }
    }

    /// Compresses all of `samples`.
    public func apply(_ samples: inout [Int16], sampleRate: Int) {
        apply(&samples, in: samples.indices, sampleRate: sampleRate)
    }

    private func compress(_ x: UnsafeMutableBufferPointer<Int16>, sampleRate: Double) {
        let block = Self.block, n = x.count
        let blocks = (n + block - 1) / block
        // The peak magnitude of each block (max and min apart: plain integer loops the
        // compiler vectorizes).
        var peaks = [Float](repeating: 0, count: blocks)
        for b in 0..<blocks {
            var high: Int16 = 0, low: Int16 = 0
            for i in b * block ..< min(n, (b + 1) * block) {
                high = max(high, x[i])
                low = min(low, x[i])
            }
            peaks[b] = Float(max(Int32(high), -Int32(low)))
        }
        guard let peak = peaks.max(), peak > 0 else { return }
        let threshold = peak * Float(pow(10, -thresholdBelowPeakDB / 20))
        let slope = Float(1 / ratio - 1)     // output dB per input dB above the threshold, minus 1
        let step = Double(block) / sampleRate
        let rise = Float(1 - exp(-step / (attackMs / 1000)))
        let fall = Float(1 - exp(-step / (releaseMs / 1000)))
        // gains[b]: what the envelope at block b asks for, in Q20 fixed point (1 << 20 is 1).
        var gains = [Int32](repeating: Self.unity, count: blocks)
        var envelope: Float = 0
        for b in 0..<blocks {
            envelope += (peaks[b] - envelope) * (peaks[b] > envelope ? rise : fall)
            if envelope > threshold {
                gains[b] = Int32((powf(envelope / threshold, slope) * Float(Self.unity)).rounded())
            }
        }
        // Output block j plays the gains `ahead` blocks later, ramping from the edge between
        // blocks j + ahead - 1 and j + ahead to the edge between j + ahead and j + ahead + 1.
        // Integer arithmetic only: exact, the same on every machine, and vectorized.
        let ahead = Int((attackMs / 1000 / step).rounded())
        func gain(_ b: Int) -> Int32 { gains[min(max(b, 0), blocks - 1)] }
        guard let base = x.baseAddress else { return }
        for j in 0..<blocks {
            let b = j + ahead
            let start = (gain(b - 1) &+ gain(b)) >> 1, end = (gain(b) &+ gain(b + 1)) >> 1
            let increment = (end &- start) / Int32(block)
            let samples = base + j * block
            for k in 0 ..< min(block, n - j * block) {
                // Q20 gain to Q15, times the sample, rounded: |result| <= 32768 * 32768 >> 15.
                let g = (start &+ increment &* Int32(truncatingIfNeeded: k)) >> 5
                samples[k] = Int16(truncatingIfNeeded: (Int32(samples[k]) &* g &+ (1 << 14)) >> 15)
            }
        }
    }

    /// 1 in the Q20 fixed point the gains are kept in.
    private static let unity: Int32 = 1 << 20
}
