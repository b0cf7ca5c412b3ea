import CSamplerate

/// Sample-rate conversion of sound fed a piece at a time (libsamplerate's `src_process`),
/// for sound too long to hold whole at its own rate: a twenty-minute recording at 48 kHz
/// is 230 MB of mono floats before it is resampled, 106 MB after (at 22050 Hz).
///
/// Deterministic: the same pieces give the same output. It may differ in the last bits
/// from `Resampler.resample` of the whole (the converter's state moves in other steps).
public final class ResamplingStream {
    private var state: OpaquePointer?
    public let ratio: Double
    public let channels: Int

    public init(from: Int, to: Int, channels: Int, quality: Resampler.Quality = .best) throws {
        guard from > 0, to > 0, channels > 0 else {
            throw ResamplerError.invalid("rates \(from) → \(to) Hz, \(channels) channels")
        }
        ratio = Double(to) / Double(from)
        guard (1.0 / 256 ... 256).contains(ratio) else {
            throw ResamplerError.invalid("ratio \(ratio) outside libsamplerate's 1/256…256")
        }
        self.channels = channels
        var error: Int32 = 0
        guard let state = src_new(quality.converter, Int32(channels), &error) else {
            throw ResamplerError.failed(String(cString: src_strerror(error)))
        }
        self.state = state
    }

    deinit { src_delete(state) }

    /// The output for the next interleaved piece; `last` with the final piece (which may be
    /// empty), so the converter gives what it still holds.
    public func process(_ piece: [Float], last: Bool = false) throws -> [Float] {
        guard piece.count % channels == 0 else {
            throw ResamplerError.invalid("\(piece.count) samples is not a whole number of \(channels)-channel frames")
        }
        let frames = piece.count / channels
        // libsamplerate wants an input pointer even for no frames.
        let input = piece.isEmpty ? [Float](repeating: 0, count: channels) : piece
        var output: [Float] = []
        var buffer = [Float](repeating: 0, count: (Int(Double(frames) * ratio) + 256) * channels)
        var used = 0
        while true {
            var generated = 0, consumed = 0
            let status: Int32 = input.withUnsafeBufferPointer { source in
                buffer.withUnsafeMutableBufferPointer { target in
                    var data = SRC_DATA()
                    data.data_in = UnsafePointer(source.baseAddress! + used * channels)
                    data.input_frames = frames - used
                    data.data_out = target.baseAddress
                    data.output_frames = target.count / channels
                    data.end_of_input = last ? 1 : 0
                    data.src_ratio = ratio
                    let rc = src_process(state, &data)
                    generated = data.output_frames_gen
                    consumed = data.input_frames_used
                    return rc
                }
            }
            guard status == 0 else { throw ResamplerError.failed(String(cString: src_strerror(status))) }
            output += buffer[0..<(generated * channels)]
            used += consumed
            // Done when the piece is used up and, after the last, nothing more comes out.
            if used >= frames && (!last || generated == 0) { break }
        }
        return output
    }
}
