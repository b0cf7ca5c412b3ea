// INTERIM API SKETCH — being implemented with libsndfile. Do not ship as is.
import Foundation
import CSndfile

/// Audio read back from a file: interleaved float samples in −1…1.
public struct DecodedAudio: Sendable {
    public var sampleRate: Int
    public var channels: Int
    public var frames: Int
    public var samples: [Float]
}

public enum AudioFileError: Error, CustomStringConvertible, Sendable {
    case cannotOpen(path: String, reason: String)
    case writeFailed(path: String, reason: String)
    public var description: String {
        switch self {
        case .cannotOpen(let p, let r): return "\(p): cannot open audio: \(r)"
        case .writeFailed(let p, let r): return "\(p): cannot write audio: \(r)"
        }
    }
}

/// Reading and writing audio files through libsndfile.
public enum AudioFile {
    /// Write 16-bit mono PCM as a WAV file.
    public static func writeWAV(_ samples: [Int16], sampleRate: Int, to url: URL) throws {
        fatalError("not yet implemented")
    }
    /// Read any file libsndfile opens.
    public static func read(_ url: URL) throws -> DecodedAudio { fatalError("not yet implemented") }
}
