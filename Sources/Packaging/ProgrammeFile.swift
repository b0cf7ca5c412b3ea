import Crypto
import Foundation
import Programme
#if canImport(Glibc)
import Glibc
#endif

/// Writes a programme file joined from pieces (an MP3 from its takes' frames; a WAV master
/// from its header, its takes' PCM in the spool and the silences between) straight to the
/// disk, past the page cache, and returns its SHA-256.
///
/// A province's day is about 4 GB of MP3s (and 31 GB of WAV masters) that this process never reads again. Through the
/// page cache each byte is first copied into freshly allocated cache pages; on the 2-core
/// development VM that cost ~15 s of kernel time per province, while direct I/O
/// (`O_DIRECT`) costs ~1 s and leaves the cache to the files stations are downloading.
/// The pieces stream through one aligned buffer and are hashed on the way, so the whole
/// file is never held in memory. Where direct I/O is refused (tmpfs, some network file
/// systems) the same loop writes the ordinary way. The file goes to a temporary name
/// beside `url` and is renamed into place, so a reader never sees half a file.
enum ProgrammeFile {
    /// Linux's `O_DIRECT`, which Swift's Glibc module does not export; 0 where unknown
    /// (then files are written the ordinary way).
    #if os(Linux) && (arch(x86_64) || arch(i386))
    static let directFlag: Int32 = 0o40000
    #elseif os(Linux) && (arch(arm64) || arch(arm))
    static let directFlag: Int32 = 0o200000
    #else
    static let directFlag: Int32 = 0
    #endif
    /// Alignment direct I/O needs for the buffer, the file offset and the length (a page
    /// covers every block size in use).
    static let alignment = 4096
    /// Bytes gathered before each write.
    static let bufferSize = 1 << 20

    /// Writes `pieces` back to back as the file at `url`; returns the file's SHA-256 (hex).
    static func write(_ pieces: [FilePiece], to url: URL) throws -> String {
        let tmp = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0 ... .max)).tmp")
        var fd = open(tmp.path, O_WRONLY | O_CREAT | O_TRUNC | directFlag, 0o644)
        if fd < 0 && errno == EINVAL && directFlag != 0 {
            fd = open(tmp.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        }
        guard fd >= 0 else { throw failure(url, String(cString: strerror(errno))) }
        guard let buffer = aligned_alloc(alignment, bufferSize) else {
            close(fd)
            unlink(tmp.path)
            throw failure(url, "out of memory")
        }
        defer { free(buffer) }
        do {
            var hash = SHA256()
            var filled = 0
            // Fills the buffer from `piece` in runs, hashing each run as it lands, and writes
            // the buffer whenever it is full.
            for piece in pieces {
                var taken = 0
                while taken < piece.byteCount {
                    let n = min(bufferSize - filled, piece.byteCount - taken)
                    let target = buffer + filled
                    switch piece {
                    case .bytes(let bytes):
                        bytes.withUnsafeBytes { target.copyMemory(from: $0.baseAddress! + taken, byteCount: n) }
                    case .zeros:
                        target.initializeMemory(as: UInt8.self, repeating: 0, count: n)
                    case .pcm(let sound, _):
                        try sound.spool.copyBytes(of: sound.entry, from: taken, count: n, to: target)
                    }
                    hash.update(bufferPointer: UnsafeRawBufferPointer(start: target, count: n))
                    filled += n
                    taken += n
                    if filled == bufferSize {
                        try writeAll(fd, buffer, filled, url)
                        filled = 0
                    }
                }
            }
            // The whole blocks direct, then the tail (not a whole block) with direct I/O off.
            let whole = filled / alignment * alignment
            if whole > 0 { try writeAll(fd, buffer, whole, url) }
            if whole < filled {
                try directIO(fd, on: false, url)
                try writeAll(fd, buffer + whole, filled - whole, url)
            }
            guard close(fd) == 0 else {
                fd = -1
                throw failure(url, String(cString: strerror(errno)))
            }
            fd = -1
            guard rename(tmp.path, url.path) == 0 else { throw failure(url, "cannot rename into place") }
            return Checksum.hex(hash.finalize())
        } catch {
            if fd >= 0 { close(fd) }
            unlink(tmp.path)
            throw error
        }
    }

    /// Writes all `count` bytes. A direct write the file system refuses (`EINVAL`) is
    /// retried with direct I/O off.
    private static func writeAll(_ fd: Int32, _ bytes: UnsafeMutableRawPointer, _ count: Int, _ url: URL) throws {
        var written = 0
        while written < count {
            let n = Glibc.write(fd, bytes + written, count - written)
            if n < 0 && errno == EINTR { continue }
            if n < 0 && errno == EINVAL && directFlag != 0 && fcntl(fd, F_GETFL) & directFlag != 0 {
                try directIO(fd, on: false, url)
                continue
            }
            guard n > 0 else { throw failure(url, String(cString: strerror(errno))) }
            written += n
        }
    }

    private static func directIO(_ fd: Int32, on: Bool, _ url: URL) throws {
        guard directFlag != 0 else { return }
        let flags = fcntl(fd, F_GETFL)
        guard flags >= 0, fcntl(fd, F_SETFL, on ? flags | directFlag : flags & ~directFlag) == 0 else {
            throw failure(url, String(cString: strerror(errno)))
        }
    }

    private static func failure(_ url: URL, _ reason: String) -> CocoaError {
        CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path,
                                                 NSLocalizedDescriptionKey: "cannot write \(url.path): \(reason)"])
    }
}
