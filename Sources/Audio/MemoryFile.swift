import CSndfile
import Foundation

/// A growable byte buffer that libsndfile reads and writes through its virtual I/O,
/// so segments can be encoded or decoded without touching the disk.
final class MemoryFile {
    var bytes: [UInt8]
    var position = 0

    init(bytes: [UInt8] = []) { self.bytes = bytes }

    /// libsndfile's callbacks; `user_data` is an unretained `MemoryFile`.
    static var virtualIO: SF_VIRTUAL_IO {
        SF_VIRTUAL_IO(
            get_filelen: { user in sf_count_t(MemoryFile.from(user).bytes.count) },
            seek: { offset, whence, user in
                let file = MemoryFile.from(user)
                let base: Int
                switch whence {
                case SEEK_CUR: base = file.position
                case SEEK_END: base = file.bytes.count
                default: base = 0
                }
                file.position = max(0, base + Int(offset))
                return sf_count_t(file.position)
            },
            read: { pointer, count, user in
                let file = MemoryFile.from(user)
                let n = max(0, min(Int(count), file.bytes.count - file.position))
                if n > 0, let pointer {
                    file.bytes.withUnsafeBytes { source in
                        pointer.copyMemory(from: source.baseAddress! + file.position, byteCount: n)
                    }
                }
                file.position += n
                return sf_count_t(n)
            },
            write: { pointer, count, user in
                let file = MemoryFile.from(user)
                let n = Int(count)
                guard n > 0, let pointer else { return 0 }
                let end = file.position + n
                if end > file.bytes.count { file.bytes.append(contentsOf: repeatElement(0, count: end - file.bytes.count)) }
                file.bytes.withUnsafeMutableBytes { target in
                    (target.baseAddress! + file.position).copyMemory(from: pointer, byteCount: n)
                }
                file.position = end
                return sf_count_t(n)
            },
            tell: { user in sf_count_t(MemoryFile.from(user).position) })
    }

    static func from(_ user: UnsafeMutableRawPointer?) -> MemoryFile {
        Unmanaged<MemoryFile>.fromOpaque(user!).takeUnretainedValue()
    }

    /// Runs `body` with an open libsndfile handle on this buffer.
    func withHandle<T>(mode: Int32, info: inout SF_INFO, _ body: (OpaquePointer, SF_INFO) throws -> T) throws -> T {
        var io = MemoryFile.virtualIO
        let user = Unmanaged.passUnretained(self).toOpaque()
        guard let handle = sf_open_virtual(&io, mode, &info, user) else {
            throw AudioFileError.cannotOpen(path: "<memory>", reason: String(cString: sf_strerror(nil)))
        }
        defer { sf_close(handle) }
        let opened = info
        return try withExtendedLifetime(self) { try body(handle, opened) }
    }
}
