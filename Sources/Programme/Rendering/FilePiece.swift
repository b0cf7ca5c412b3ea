/// A stretch of a programme file as it is written, in order: bytes made in memory (a header,
/// an MP3 take's frames), silence, or a take's 16-bit PCM read from the spool. A programme
/// is a list of these, streamed to disk without ever being assembled in memory.
public enum FilePiece: Sendable {
    case bytes([UInt8])
    /// This many zero bytes (silence in 16-bit PCM).
    case zeros(Int)
    /// The first `frames` samples of a take's levelled sound, 16-bit little-endian.
    case pcm(SpooledSound, frames: Int)

    /// Bytes the piece puts in the file.
    public var byteCount: Int {
        switch self {
        case .bytes(let bytes): return bytes.count
        case .zeros(let count): return count
        case .pcm(_, let frames): return frames * 2
        }
    }
}

#if _endian(big)
#error("WAV masters stream the spool's native 16-bit samples, which must be little-endian")
#endif
