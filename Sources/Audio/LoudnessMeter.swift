import CEbur128

/// A libebur128 meter over one piece of audio: its integrated loudness and, on request,
/// its true peak. Histogram mode keeps the meter's memory fixed however long the piece is.
public final class LoudnessMeter: @unchecked Sendable {
    // @unchecked: the state is only touched through this object's methods, and a meter is
    // used by one task at a time (measured once, then only read).
    let state: UnsafeMutablePointer<ebur128_state>

    /// Measures mono `samples` at `sampleRate`; `truePeak` adds the 4× oversampled peak.
    public init?(samples: [Float], sampleRate: Int, truePeak: Bool) {
        var mode = EBUR128_MODE_I.rawValue | EBUR128_MODE_HISTOGRAM.rawValue
        if truePeak { mode |= EBUR128_MODE_TRUE_PEAK.rawValue }
        guard sampleRate > 0, let state = ebur128_init(1, UInt(sampleRate), Int32(mode)) else { return nil }
        self.state = state
        samples.withUnsafeBufferPointer { buffer in
            if let base = buffer.baseAddress { _ = ebur128_add_frames_float(state, base, buffer.count) }
        }
    }

    deinit {
        var pointer: UnsafeMutablePointer<ebur128_state>? = state
        ebur128_destroy(&pointer)
    }

    /// Integrated loudness in LUFS; −inf when nothing passes the gates (silence, or < 400 ms).
    public var integratedLUFS: Double {
        var value = -Double.infinity
        guard ebur128_loudness_global(state, &value) == 0, value.isFinite else { return -.infinity }
        return value
    }

    /// True peak in dBTP (requires `truePeak: true`).
    public var truePeakDBTP: Double {
        var value = 0.0
        guard ebur128_true_peak(state, 0, &value) == 0 else { return -.infinity }
        return Level.decibels(value)
    }
}
