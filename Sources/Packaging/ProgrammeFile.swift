import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a programme file assembled in memory (an MP3 joined from takes) straight to the
/// disk, past the page cache.
///
/// A province's day is about 4 GB of MP3s that this process never reads again. Through the
/// page cache each byte is first copied into freshly allocated cache pages; on the 2-core
/// development VM that copy cost ~15 s of kernel time per province, while direct I/O
/// (`O_DIRECT`) costs ~1 s and leaves the cache to the files stations are downloading.
/// Where direct I/O is refused (tmpfs, some network file systems) the file is written the
/// ordinary way. Either way it goes to a temporary name beside `url` and is renamed into
/// place, so a reader never sees half a file.
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

    static func write(_ bytes: [UInt8], to url: URL) throws {
        let tmp = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0 ... .max)).tmp")
        do {
            if try !writeDirect(bytes, to: tmp.path) {
                try Data(bytes).write(to: tmp)
            }
            guard rename(tmp.path, url.path) == 0 else { throw failure(url, "cannot rename into place") }
        } catch {
            unlink(tmp.path)
            throw error
        }
    }

    /// Writes with `O_DIRECT`: the whole aligned part from an aligned copy, then the tail
    /// with direct I/O switched off. Returns false, having written nothing, when the file
    /// system refuses direct I/O.
    private static func writeDirect(_ bytes: [UInt8], to path: String) throws -> Bool {
        guard directFlag != 0 else { return false }
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | directFlag, 0o644)
        if fd < 0 {
            if errno == EINVAL { return false }
            throw failure(URL(fileURLWithPath: path), String(cString: strerror(errno)))
        }
        defer { close(fd) }
        let aligned = bytes.count / alignment * alignment
        if aligned > 0 {
            guard let buffer = aligned_alloc(alignment, aligned) else { throw failure(URL(fileURLWithPath: path), "out of memory") }
            defer { free(buffer) }
            bytes.withUnsafeBytes { buffer.copyMemory(from: $0.baseAddress!, byteCount: aligned) }
            var written = 0
            while written < aligned {
                let n = Glibc.write(fd, buffer + written, aligned - written)
                if n < 0 && errno == EINTR { continue }
                if n < 0 && errno == EINVAL && written == 0 {
                    // Opened, but this file system does not do direct writes after all.
                    return false
                }
                guard n > 0 else { throw failure(URL(fileURLWithPath: path), String(cString: strerror(errno))) }
                written += n
            }
        }
        if aligned < bytes.count {
            let flags = fcntl(fd, F_GETFL)
            guard flags >= 0, fcntl(fd, F_SETFL, flags & ~directFlag) == 0 else {
                throw failure(URL(fileURLWithPath: path), String(cString: strerror(errno)))
            }
            try bytes.withUnsafeBytes { all in
                var written = aligned
                while written < all.count {
                    let n = Glibc.write(fd, all.baseAddress! + written, all.count - written)
                    if n < 0 && errno == EINTR { continue }
                    guard n > 0 else { throw failure(URL(fileURLWithPath: path), String(cString: strerror(errno))) }
                    written += n
                }
            }
        }
        return true
    }

    private static func failure(_ url: URL, _ reason: String) -> CocoaError {
        CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path, NSLocalizedDescriptionKey: "cannot write \(url.path): \(reason)"])
    }
}
