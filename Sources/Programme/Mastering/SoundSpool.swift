import Foundation
import Audio
#if canImport(Glibc)
import Glibc
#endif

/// 16-bit sound parked on disk: synthesized speech between synthesis and mastering, and
/// the levelled takes WAV masters are joined from.
///
/// A build synthesizes every sentence first, because planning needs the real lengths, and
/// masters only the takes some programme airs. A province's raw speech is far larger than
/// the memory budget (about 44 KB a second of 16-bit audio, 700 MB for a province), and so
/// are its levelled takes (8,900 s, 390 MB at 22,050 Hz), so both wait in unlinked files:
/// nothing is left behind if the build stops, and reads (`pread`) are safe from every
/// mastering task and pack writer at once.
public final class SoundSpool: @unchecked Sendable {
    /// Where one piece's samples lie in the spool.
    public struct Entry: Sendable, Hashable {
        var offset: Int
        /// Samples (16-bit).
        public var count: Int
    }

    private var descriptor: Int32
    private let lock = NSLock()
    private var end = 0

    /// Opens an anonymous spool file in `directory` (the build's staging folder, which has
    /// room for the programmes anyway).
    public init(directory: URL, name: String) throws {
        var template = Array(directory.appendingPathComponent(".\(name)-spool.XXXXXX").path.utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw TakeStoreError("cannot create a spool file in \(directory.path): \(String(cString: strerror(errno)))") }
        let path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        unlink(path)
        descriptor = fd
    }

    deinit { release() }

    /// Closes the spool: the file's pages go back to the system at once (for the
    /// programmes about to be written) instead of when the last copy of the store goes.
    func release() {
        lock.lock()
        defer { lock.unlock() }
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
    }

    /// Appends 16-bit samples; returns where they lie.
    public func append(_ samples: ArraySlice<Int16>) throws -> Entry {
        lock.lock()
        defer { lock.unlock() }
        let entry = Entry(offset: end, count: samples.count)
        try samples.withUnsafeBytes { bytes in
            var written = 0
            while written < bytes.count {
                let n = pwrite(descriptor, bytes.baseAddress! + written, bytes.count - written, off_t(end + written))
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { throw TakeStoreError("cannot write the sound spool: \(String(cString: strerror(errno)))") }
                written += n
            }
        }
        end += samples.count * MemoryLayout<Int16>.size
        return entry
    }

    /// Copies `byteCount` bytes of `entry`, from `byteOffset` on, to `target`: how a pack
    /// writer streams a take's PCM into its write buffer without an array in between.
    public func copyBytes(of entry: Entry, from byteOffset: Int, count byteCount: Int,
                          to target: UnsafeMutableRawPointer) throws {
        precondition(byteOffset >= 0 && byteOffset + byteCount <= entry.count * 2, "outside the entry")
        var done = 0
        while done < byteCount {
            let n = pread(descriptor, target + done, byteCount - done, off_t(entry.offset + byteOffset + done))
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw TakeStoreError("cannot read the sound spool: \(n < 0 ? String(cString: strerror(errno)) : "it ended early")") }
            done += n
        }
    }

    /// Reads an entry back as float samples (−1…1, `value / 32768` as libsndfile scales 16-bit PCM).
    func read(_ entry: Entry) throws -> [Float] {
        var samples = [Int16](repeating: 0, count: entry.count)
        try samples.withUnsafeMutableBytes { bytes in
            var done = 0
            while done < bytes.count {
                let n = pread(descriptor, bytes.baseAddress! + done, bytes.count - done, off_t(entry.offset + done))
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { throw TakeStoreError("cannot read the sound spool: \(n < 0 ? String(cString: strerror(errno)) : "it ended early")") }
                done += n
            }
        }
        return AudioFile.floats(samples)
    }
}
