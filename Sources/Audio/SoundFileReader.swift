import Foundation
import CSndfile
#if canImport(Glibc)
import Glibc
#endif

/// A sound file opened for reading through libsndfile and decoded a piece at a time.
///
/// A recorded bulletin can be twenty minutes of 48 kHz stereo: decoded whole as floats it
/// is 900 MB, so it is read in pieces, each measured or kept as it passes. It reads from a
/// descriptor its caller opened, so the bytes decoded are those of the file the caller
/// hashed (not another file renamed into its place in between).
public final class SoundFileReader {
    private var handle: OpaquePointer?
    public let sampleRate: Int
    public let channels: Int
    /// Frames libsndfile expects from the header (or, for MP3, from a scan); the decoded
    /// count can differ a little for compressed formats.
    public let expectedFrames: Int
    /// libsndfile's format code (major type | subtype).
    public let format: Int32
    /// The file as errors name it.
    let display: String

    /// Opens the file at descriptor `fd` (read from offset 0; the descriptor stays the
    /// caller's). `display` names it in errors.
    public init(descriptor fd: Int32, display: String) throws {
        guard lseek(fd, 0, SEEK_SET) == 0 else {
            throw AudioFileError.cannotOpen(path: display, reason: String(cString: strerror(errno)))
        }
        var info = SF_INFO()
        guard let handle = sf_open_fd(fd, Int32(SFM_READ), &info, 0) else {
            throw AudioFileError.cannotOpen(path: display, reason: String(cString: sf_strerror(nil)))
        }
        guard info.channels > 0, info.samplerate > 0 else {
            sf_close(handle)
            throw AudioFileError.cannotOpen(path: display, reason: "no channels or no sample rate in the file's header")
        }
        self.handle = handle
        self.display = display
        sampleRate = Int(info.samplerate)
        channels = Int(info.channels)
        expectedFrames = Int(max(info.frames, 0))
        format = info.format
    }

    deinit { if let handle { sf_close(handle) } }

    /// The next piece of at most `frames` frames, interleaved, −1…1 (a float file may go
    /// past); empty at the end. Throws when the decoder reports an error (a cut-off or
    /// corrupt file).
    public func read(frames: Int) throws -> [Float] {
        guard let handle else { return [] }
        var samples = [Float](repeating: 0, count: frames * channels)
        let got = samples.withUnsafeMutableBufferPointer { sf_readf_float(handle, $0.baseAddress, sf_count_t(frames)) }
        if got < 0 || (got == 0 && sf_error(handle) != 0) {
            throw AudioFileError.cannotOpen(path: display, reason: String(cString: sf_strerror(handle)))
        }
        samples.removeLast(samples.count - Int(got) * channels)
        return samples
    }

    /// Skips `frames` frames by decoding them: a seek in a compressed file (MP3, Ogg) may
    /// land on other samples than reading through gives, and a recording's frames must be
    /// those its check measured.
    public func skip(frames: Int) throws {
        guard handle != nil, frames > 0 else { return }
        var left = frames
        while left > 0 {
            let piece = try read(frames: min(left, 1 << 16))
            if piece.isEmpty { return }
            left -= piece.count / channels
        }
    }

    /// The frames of one interleaved piece averaged into one channel: what a loudspeaker
    /// station airs (stations are mono).
    public static func mono(_ interleaved: [Float], channels: Int) -> [Float] {
        guard channels > 1 else { return interleaved }
        let frames = interleaved.count / channels
        var mono = [Float](repeating: 0, count: frames)
        let scale = 1 / Float(channels)
        interleaved.withUnsafeBufferPointer { source in
            mono.withUnsafeMutableBufferPointer { target in
                for frame in 0..<frames {
                    var sum: Float = 0
                    for channel in 0..<channels { sum += source[frame * channels + channel] }
                    target[frame] = sum * scale
                }
            }
        }
        return mono
    }

    /// The file's format in words, e.g. `FLAC (Free Lossless Audio Codec), Signed 16 bit PCM`.
    public var formatDescription: String {
        let major = SoundFormats.name(major: format & Int32(SF_FORMAT_TYPEMASK)) ?? String(format: "format 0x%06x", format)
        guard let subtype = SoundFormats.name(subtype: format & Int32(SF_FORMAT_SUBMASK)) else { return major }
        return major + ", " + subtype
    }
}
