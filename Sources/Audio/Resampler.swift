import CSamplerate

/// Errors from sample-rate conversion.
public enum ResamplerError: Error, CustomStringConvertible, Sendable {
    case invalid(String)
    case failed(String)
    public var description: String {
        switch self {
        case .invalid(let s): return "cannot resample: \(s)"
        case .failed(let s): return "libsamplerate failed: \(s)"
        }
    }
}

/// Sample-rate conversion through libsamplerate (band-limited sinc interpolation).
public enum Resampler {
    /// Converter quality; `best` for final programme files, `medium` when speed matters.
    public enum Quality: Sendable {
        case best, medium

        var converter: Int32 {
            switch self {
            case .best: return Int32(SRC_SINC_BEST_QUALITY)
            case .medium: return Int32(SRC_SINC_MEDIUM_QUALITY)
            }
        }
    }

    /// Convert interleaved float samples from one rate to another. Deterministic: the same
    /// input always gives the same output. Output length is `frames × to / from`, rounded.
    public static func resample(_ samples: [Float], from: Int, to: Int, channels: Int,
                                quality: Quality = .best) throws -> [Float] {
        guard from > 0, to > 0, channels > 0 else {
            throw ResamplerError.invalid("rates \(from) → \(to) Hz, \(channels) channels")
        }
        guard samples.count % channels == 0 else {
            throw ResamplerError.invalid("\(samples.count) samples is not a whole number of \(channels)-channel frames")
        }
        if from == to || samples.isEmpty { return samples }
        let ratio = Double(to) / Double(from)
        guard (1.0 / 256 ... 256).contains(ratio) else {
            throw ResamplerError.invalid("ratio \(ratio) outside libsamplerate's 1/256…256")
        }
        let frames = samples.count / channels
        let expected = Int((Double(frames) * ratio).rounded())
        // A little headroom: src_simple may return a frame more or less than the ideal.
        var output = [Float](repeating: 0, count: (expected + 16) * channels)
        var generated = 0
        let status: Int32 = samples.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                var data = SRC_DATA()
                data.data_in = input.baseAddress
                data.data_out = out.baseAddress
                data.input_frames = frames
                data.output_frames = out.count / channels
                data.end_of_input = 1
                data.src_ratio = ratio
                let rc = src_simple(&data, quality.converter, Int32(channels))
                generated = data.output_frames_gen
                return rc
            }
        }
        guard status == 0 else { throw ResamplerError.failed(String(cString: src_strerror(status))) }
        output.removeLast(output.count - generated * channels)
        return output
    }
}
