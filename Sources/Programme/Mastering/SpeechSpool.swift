import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Synthesized speech parked on disk between synthesis and mastering.
///
/// A build synthesizes every sentence first, because planning needs the real lengths, and
/// masters only the takes some programme airs. A province's raw speech is far larger than
/// the memory budget (about 44 KB a second of 16-bit audio, 700 MB for a province), so it
/// waits in an unlinked file: nothing is left behind if the build stops, and reads
/// (`pread`) are safe from every mastering task at once.
final class SpeechSpool: @unchecked Sendable {
    /// Where one sentence's samples lie in the spool.
    struct Entry: Sendable, Hashable {
        var offset: Int
        var count: Int
    }

    private var descriptor: Int32
    private let lock = NSLock()
    private var end = 0

    /// Opens an anonymous spool file in `directory` (the build's staging folder, which has
    /// room for the programmes anyway).
    init(directory: URL) throws {
        var template = Array(directory.appendingPathComponent(".speech-spool.XXXXXX").path.utf8CString)
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
    func append(_ samples: ArraySlice<Int16>) throws -> Entry {
        lock.lock()
        defer { lock.unlock() }
        let entry = Entry(offset: end, count: samples.count)
        try samples.withUnsafeBytes { bytes in
            var written = 0
            while written < bytes.count {
                let n = pwrite(descriptor, bytes.baseAddress! + written, bytes.count - written, off_t(end + written))
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { throw TakeStoreError("cannot write the speech spool: \(String(cString: strerror(errno)))") }
                written += n
            }
        }
        end += samples.count * MemoryLayout<Int16>.size
        return entry
    }

    /// Reads an entry back as float samples (−1…1, `value / 32768` as libsndfile scales 16-bit PCM).
    func read(_ entry: Entry) throws -> [Float] {
        var samples = [Int16](repeating: 0, count: entry.count)
        try samples.withUnsafeMutableBytes { bytes in
            var done = 0
            while done < bytes.count {
                let n = pread(descriptor, bytes.baseAddress! + done, bytes.count - done, off_t(entry.offset + done))
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { throw TakeStoreError("cannot read the speech spool: \(n < 0 ? String(cString: strerror(errno)) : "it ended early")") }
                done += n
            }
        }
        return samples.map { Float($0) / 32768 }
    }
}
