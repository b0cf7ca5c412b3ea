import Foundation

/// A feed-forward compressor for speech that airs through horn loudspeakers outdoors: it
/// turns the loud parts of a sentence (open vowels) down relative to the weak ones (onsets,
/// consonants, the ends of syllables), so once the take is levelled to the loudness target
/// the weak parts stand further above a village's noise.
///
/// Why: synthetic speech has a wide range between its vowels and its consonants, and in
/// noise the weak parts go first. Measured with two offline recognizers through a simulated
/// horn (300–4,000 Hz, echoes, pink noise 10 dB below the active speech level), 2:1 on a
/// syllable-rate envelope lowers the error of every Loa voice on both recognizers (figures
/// in `docs/voice.md`, "Loudspeaker compression"); this is a broadcast speech processor's job.
///
/// How (the shape of sox's `compand`, at block rate so it costs about 1 % of synthesis):
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

    /// Frames per envelope step (1.5 ms at 22,050 Hz: far shorter than the attack).
    public static let block = 32

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
        // The peak magnitude of each block.
        var peaks = [Float](repeating: 0, count: blocks)
        for b in 0..<blocks {
            var most: Int32 = 0
            for i in b * block ..< min(n, (b + 1) * block) { most = max(most, abs(Int32(x[i]))) }
            peaks[b] = Float(most)
        }
        guard let peak = peaks.max(), peak > 0 else { return }
        let threshold = peak * Float(pow(10, -thresholdBelowPeakDB / 20))
        let slope = Float(1 / ratio - 1)     // output dB per input dB above the threshold, minus 1
        let step = Double(block) / sampleRate
        let rise = Float(1 - exp(-step / (attackMs / 1000)))
        let fall = Float(1 - exp(-step / (releaseMs / 1000)))
        // gains[b]: what the envelope at block b asks for.
        var gains = [Float](repeating: 1, count: blocks)
        var envelope: Float = 0
        for b in 0..<blocks {
            envelope += (peaks[b] - envelope) * (peaks[b] > envelope ? rise : fall)
            if envelope > threshold { gains[b] = powf(envelope / threshold, slope) }
        }
        // Output block j plays the gains `ahead` blocks later, ramping from the edge between
        // blocks j + ahead - 1 and j + ahead to the edge between j + ahead and j + ahead + 1.
        let ahead = Int((attackMs / 1000 / step).rounded())
        func gain(_ b: Int) -> Float { gains[min(max(b, 0), blocks - 1)] }
        for j in 0..<blocks {
            let b = j + ahead
            let start = (gain(b - 1) + gain(b)) / 2, end = (gain(b) + gain(b + 1)) / 2
            let increment = (end - start) / Float(block)
            var g = start + increment / 2
            for i in j * block ..< min(n, (j + 1) * block) {
                x[i] = Int16(clamping: Int32((Float(x[i]) * g).rounded(.toNearestOrEven)))
                g += increment
            }
        }
    }
}
