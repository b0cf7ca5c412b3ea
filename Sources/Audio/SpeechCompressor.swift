import Foundation

/// A feed-forward compressor for speech that airs through horn loudspeakers outdoors: it
/// turns the loud parts of a sentence (open vowels) down relative to the weak ones (onsets,
/// consonants, the ends of syllables), so once the take is levelled to the loudness target
/// the weak parts stand further above a village's noise.
///
/// Why: synthetic speech has a wide range between its vowels and its consonants, and in
/// noise the weak parts go first. Measured with two offline recognizers through a simulated
/// horn (300–4,000 Hz, echoes, pink noise 10 dB below the active speech level), a gentle
/// compression lowers the error clearly (figures in `docs/voice.md`, "Loudspeaker
/// compression"); this is what a broadcast chain's speech processor is for.
///
/// How, as sox's `compand`: an envelope of the sample magnitude that rises with `attackMs`
/// and falls with `releaseMs` (one-pole), a static curve with `ratio` above a threshold
/// `thresholdBelowPeakDB` under the sentence's own peak (so the voice's volume does not
/// matter, and pauses stay pauses), and a look-ahead of `attackMs`, so the gain is already
/// down when a vowel starts. The gain only ever falls (never above 1): the take's levelling
/// brings the whole back to the loudness target. Deterministic: the same samples give the
/// same bytes.
public struct SpeechCompressor: Sendable, Hashable {
    /// Input dB above the threshold per output dB (2 is 2:1; 1 leaves the sound alone).
    public var ratio: Double
    /// The threshold, in dB below the sound's sample peak.
    public var thresholdBelowPeakDB: Double
    /// How fast the envelope rises, and the look-ahead.
    public var attackMs: Double
    /// How fast the envelope falls.
    public var releaseMs: Double

    /// The settings measured for Loa's voices (see `docs/voice.md`).
    public init(ratio: Double, thresholdBelowPeakDB: Double = 40, attackMs: Double = 10, releaseMs: Double = 100) {
        self.ratio = ratio
        self.thresholdBelowPeakDB = thresholdBelowPeakDB
        self.attackMs = attackMs
        self.releaseMs = releaseMs
    }

    /// Compresses `samples` (mono, at `sampleRate`) in place. Silence, and a ratio of 1 or
    /// less, leave them untouched.
    public func apply(_ samples: inout [Float], sampleRate: Int) {
        let n = samples.count
        let peak = samples.reduce(Float(0)) { max($0, abs($1)) }
        guard n > 0, ratio > 1, peak > 0, sampleRate > 0 else { return }
        let threshold = peak * Float(pow(10, -thresholdBelowPeakDB / 20))
        let slope = Float(1 / ratio - 1)     // output dB per input dB above the threshold, minus 1
        let rate = Double(sampleRate)
        let rise = Float(1 - exp(-1 / (rate * attackMs / 1000)))
        let fall = Float(1 - exp(-1 / (rate * releaseMs / 1000)))
        let ahead = max(0, Int((attackMs * rate / 1000).rounded()))
        // gain[j]: the gain the envelope at input frame j asks for; frame k is played with
        // the gain `ahead` frames later (the look-ahead), the last one past the end.
        var gains = [Float](repeating: 1, count: n)
        var envelope: Float = 0
        for j in 0..<n {
            let magnitude = abs(samples[j])
            envelope += (magnitude - envelope) * (magnitude > envelope ? rise : fall)
            if envelope > threshold {
                gains[j] = powf(envelope / threshold, slope)
            }
        }
        for k in 0..<n {
            samples[k] *= gains[min(k + ahead, n - 1)]
        }
    }
}
