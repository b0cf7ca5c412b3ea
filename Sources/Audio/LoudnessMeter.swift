import CEbur128

/// Integrated loudness (ITU-R BS.1770-4, libebur128) of mono sound fed a piece at a time,
/// for sound too long to hold whole (a recorded bulletin read from its file in pieces).
public final class LoudnessMeter {
    private var state: UnsafeMutablePointer<ebur128_state>?

    /// A meter for mono sound at `sampleRate`; nil when libebur128 refuses the rate.
    public init?(sampleRate: Int) {
        guard sampleRate > 0, let state = ebur128_init(1, UInt(sampleRate), Int32(EBUR128_MODE_I.rawValue)) else {
            return nil
        }
        self.state = state
    }

    deinit { ebur128_destroy(&state) }

    /// Adds the next piece of the sound.
    public func add(_ samples: [Float]) {
        guard let state, !samples.isEmpty else { return }
        samples.withUnsafeBufferPointer { _ = ebur128_add_frames_float(state, $0.baseAddress!, $0.count) }
    }

    /// Integrated loudness of everything added, LUFS; −inf for silence or too little sound.
    public var integratedLUFS: Double {
        guard let state else { return -.infinity }
        var loudness = -Double.infinity
        _ = ebur128_loudness_global(state, &loudness)
        return loudness.isNaN ? -.infinity : loudness
    }
}
