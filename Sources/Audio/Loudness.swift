import CEbur128
import Foundation

/// Loudness of a programme as EBU R 128 / ITU-R BS.1770 measure it.
///
/// Silence (or nothing above the absolute gate) gives −inf for the loudness figures.
public struct LoudnessReport: Sendable, Hashable {
    /// Integrated (gated, whole-programme) loudness in LUFS.
    public var integratedLUFS: Double
    /// Loudness range (EBU Tech 3342) in LU: how much the level moves.
    public var loudnessRangeLU: Double
    /// Highest 4× oversampled peak over all channels, in dBTP.
    public var truePeakDBTP: Double
    /// Highest sample value over all channels, in dBFS.
    public var samplePeakDBFS: Double
    /// Highest momentary loudness (400 ms window), in LUFS.
    public var maxMomentaryLUFS: Double
    /// Highest short-term loudness (3 s window), in LUFS.
    public var maxShortTermLUFS: Double

    public init(integratedLUFS: Double, loudnessRangeLU: Double, truePeakDBTP: Double,
                samplePeakDBFS: Double, maxMomentaryLUFS: Double, maxShortTermLUFS: Double) {
        self.integratedLUFS = integratedLUFS
        self.loudnessRangeLU = loudnessRangeLU
        self.truePeakDBTP = truePeakDBTP
        self.samplePeakDBFS = samplePeakDBFS
        self.maxMomentaryLUFS = maxMomentaryLUFS
        self.maxShortTermLUFS = maxShortTermLUFS
    }

    /// The report for silence or no audio.
    public static let silence = LoudnessReport(integratedLUFS: -.infinity, loudnessRangeLU: 0,
                                               truePeakDBTP: -.infinity, samplePeakDBFS: -.infinity,
                                               maxMomentaryLUFS: -.infinity, maxShortTermLUFS: -.infinity)
}

/// Loudness measurement through libebur128.
public enum Loudness {
    /// Measure interleaved float samples (−1…1). Channels map as libebur128's default
    /// (left, right, centre, …); a mono programme counts as one front channel, so a full
    /// scale 1 kHz sine reads −3.01 LUFS. Empty input or an invalid rate/channel count
    /// gives `LoudnessReport.silence`.
    public static func measure(samples: [Float], sampleRate: Int, channels: Int) -> LoudnessReport {
        guard channels > 0, sampleRate > 0, samples.count >= channels,
              let state = ebur128_init(UInt32(channels), UInt(sampleRate),
                                       Int32(EBUR128_MODE_I.rawValue | EBUR128_MODE_LRA.rawValue
                                             | EBUR128_MODE_TRUE_PEAK.rawValue))
        else { return .silence }
        var st: UnsafeMutablePointer<ebur128_state>? = state
        defer { ebur128_destroy(&st) }

        // Feed 100 ms blocks so the momentary and short-term maxima can be read as they pass.
        let frames = samples.count / channels
        let block = max(sampleRate / 10, 1)
        var maxMomentary = -Double.infinity
        var maxShortTerm = -Double.infinity
        samples.withUnsafeBufferPointer { buffer in
            var done = 0
            while done < frames {
                let n = min(block, frames - done)
                ebur128_add_frames_float(state, buffer.baseAddress! + done * channels, n)
                done += n
                var m = 0.0, s = 0.0
                if done >= sampleRate * 4 / 10, ebur128_loudness_momentary(state, &m) == 0 {
                    maxMomentary = max(maxMomentary, m)
                }
                if done >= sampleRate * 3, ebur128_loudness_shortterm(state, &s) == 0 {
                    maxShortTerm = max(maxShortTerm, s)
                }
            }
        }
        var integrated = -Double.infinity
        var range = 0.0
        _ = ebur128_loudness_global(state, &integrated)
        _ = ebur128_loudness_range(state, &range)
        var truePeak = 0.0
        var samplePeak = 0.0
        for c in 0 ..< channels {
            var t = 0.0, p = 0.0
            if ebur128_true_peak(state, UInt32(c), &t) == 0 { truePeak = max(truePeak, t) }
            if ebur128_sample_peak(state, UInt32(c), &p) == 0 { samplePeak = max(samplePeak, p) }
        }
        return LoudnessReport(integratedLUFS: integrated.isNaN ? -.infinity : integrated,
                              loudnessRangeLU: range.isNaN ? 0 : range,
                              truePeakDBTP: Level.decibels(truePeak), samplePeakDBFS: Level.decibels(samplePeak),
                              maxMomentaryLUFS: maxMomentary, maxShortTermLUFS: maxShortTerm)
    }
}

extension Loudness {
    /// True peak (4× oversampled, libebur128) of mono `samples`, in dBTP; −inf for silence.
    /// Only the true-peak meter runs, for callers that need nothing else on a hot path.
    public static func truePeakDBTP(samples: [Float], sampleRate: Int) -> Double {
        guard sampleRate > 0, !samples.isEmpty,
              let state = ebur128_init(1, UInt(sampleRate), Int32(EBUR128_MODE_TRUE_PEAK.rawValue)) else { return -.infinity }
        var pointer: UnsafeMutablePointer<ebur128_state>? = state
        defer { ebur128_destroy(&pointer) }
        samples.withUnsafeBufferPointer { _ = ebur128_add_frames_float(state, $0.baseAddress!, $0.count) }
        var peak = 0.0
        guard ebur128_true_peak(state, 0, &peak) == 0 else { return -.infinity }
        return Level.decibels(peak)
    }
}

extension Loudness {
    /// True peak (libebur128) of mono `samples` in dBTP, exact wherever it reaches `floorDBTP`,
    /// measured only over the stretches that could reach it.
    ///
    /// A 4× oversampled value is a weighted sum of at most 13 neighbouring samples, and
    /// libebur128's interpolation filter (49-tap windowed sinc) weighs them by at most 1.87
    /// in all (+5.4 dB; `interpolationHeadroomDB` allows 6). So only 128-frame blocks whose
    /// sample peak passes `floorDBTP − 6 dB` are fed to the meter, each with 32 frames of
    /// its neighbours for the filter; between stretches the filter sees only quiet samples,
    /// which cannot read above the floor either. On levelled speech that is about a quarter
    /// of the samples, and the meter's interpolation is the costly part of checking a take.
    ///
    /// The result equals the full measurement whenever either is at or above `floorDBTP`;
    /// otherwise both are below it (and the result is at least the sample peak). So a
    /// comparison with any limit at or above `floorDBTP` decides as the full measurement would.
    public static func truePeakDBTP(samples: [Float], sampleRate: Int, from floorDBTP: Double) -> Double {
        guard sampleRate > 0, !samples.isEmpty,
              let state = ebur128_init(1, UInt(sampleRate), Int32(EBUR128_MODE_TRUE_PEAK.rawValue)) else { return -.infinity }
        var pointer: UnsafeMutablePointer<ebur128_state>? = state
        defer { ebur128_destroy(&pointer) }
        let quiet = Float(pow(10, (floorDBTP - interpolationHeadroomDB) / 20))
        let block = 128, context = 32
        var samplePeak: Float = 0
        samples.withUnsafeBufferPointer { buffer in
            let count = buffer.count
            var region: Range<Int>?       // the stretch being gathered, context included
            func feed(_ range: Range<Int>) {
                _ = ebur128_add_frames_float(state, buffer.baseAddress! + range.lowerBound, range.count)
            }
            var start = 0
            while start < count {
                let end = min(start + block, count)
                var peak: Float = 0
                for i in start..<end { peak = max(peak, abs(buffer[i])) }
                samplePeak = max(samplePeak, peak)
                if peak > quiet {
                    let wanted = max(0, start - context)..<min(count, end + context)
                    if let current = region, wanted.lowerBound <= current.upperBound {
                        region = current.lowerBound..<wanted.upperBound
                    } else {
                        if let current = region { feed(current) }
                        region = wanted
                    }
                }
                start = end
            }
            if let current = region { feed(current) }
        }
        var peak = 0.0
        let measured = ebur128_true_peak(state, 0, &peak) == 0 ? Level.decibels(peak) : -.infinity
        return max(measured, Level.decibels(Double(samplePeak)))
    }

    /// The most libebur128's 4× interpolation can read above the highest sample near it,
    /// with room to spare (its filter's largest phase sums to 1.87, +5.4 dB).
    public static let interpolationHeadroomDB = 6.0
}

