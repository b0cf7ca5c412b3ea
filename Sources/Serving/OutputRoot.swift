import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The `Output` tree, opened read-only and walked one name at a time with `openat` and
/// `O_NOFOLLOW`: a symbolic link anywhere on the way is refused (Loa's output has none; kept
/// packs are hard links), so nothing outside the root can be reached.
///
/// A day is replaced by renaming a whole folder over it (`renameat2` exchange), so a request
/// that holds the day's folder open reads one build's day throughout, never a mix.
struct OutputRoot: Sendable {
    let path: String
    /// The root held open for the server's life (the Output folder itself is never renamed;
    /// the days inside it are), so each request starts from it without opening it again.
    private let root: Folder?

    init(path: String, keepOpen: Bool = true) {
        self.path = path
        let fd = keepOpen ? open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1
        root = fd >= 0 ? Folder(descriptor: fd) : nil
    }

    enum Failure: Error {
        case notFound
        case isFolder
        case unreadable
    }

    /// Opens the folder named by `segments` (the root for none).
    func openFolder(_ segments: [String]) throws -> Folder {
        var fd = root.map { dup($0.descriptor) } ?? open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw OutputRoot.Failure.unreadable }
        for name in segments {
            let next = openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            close(fd)
            guard next >= 0 else { throw OutputRoot.Failure.notFound }
            fd = next
        }
        return Folder(descriptor: fd)
    }

    /// Opens the regular file named by `segments`: in one `openat2` confined beneath the
    /// root with no symbolic links anywhere (Linux 5.6+), else one name at a time.
    func openFile(_ segments: [String]) throws -> OpenFile {
        guard let name = segments.last else { throw OutputRoot.Failure.isFolder }
        if let root, let fd = Self.openBeneath(root.descriptor, segments.joined(separator: "/")) {
            guard fd >= 0 else { throw OutputRoot.Failure.notFound }
            return try OpenFile(checking: fd, name: name)
        }
        let folder = try openFolder(Array(segments.dropLast()))
        return try folder.openFile(name)
    }

    /// The identity of the regular file at `path` (plain names joined by `/`), from one
    /// `fstatat` without opening it; nil when it is not a regular file there.
    ///
    /// Not confined: the walk follows a folder that is a symbolic link. So it only confirms
    /// that a path still leads to the file opened confined at it before (`SmallFiles.known`);
    /// a path leading anywhere else is opened confined as usual.
    func identity(plainPath path: Substring) -> FileIdentity? {
        guard let root else { return nil }
        var info = stat()
        let found = String(path).withCString { fstatat(root.descriptor, $0, &info, AT_SYMLINK_NOFOLLOW) }
        guard found == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return FileIdentity(info)
    }

    /// Opens the regular file at `path`, plain names joined by `/` (`RequestPath.plainFilePath`).
    func openFile(plainPath path: Substring) throws -> OpenFile {
        try openFile(path.split(separator: "/").map(String.init))
    }

    #if os(Linux)
    /// Swift cannot call the variadic syscall(2); glibc's is plain register moves, so a
    /// fixed-arity pointer to it is sound (as DayFolder reaches renameat2). Looked up once:
    /// it is used for every request.
    private typealias Syscall = @convention(c) (Int, Int32, UnsafePointer<CChar>, UnsafeMutableRawPointer, Int) -> Int
    private static let syscallOpenat2: Syscall? = dlsym(nil, "syscall").map { unsafeBitCast($0, to: Syscall.self) }
    #endif

    /// `openat2(dir, path, O_RDONLY, RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS)`:
    /// the descriptor, −1 when the path does not resolve so, nil where the kernel lacks the call.
    static func openBeneath(_ dir: Int32, _ path: String) -> Int32? {
        #if os(Linux)
        struct OpenHow { var flags: UInt64; var mode: UInt64; var resolve: UInt64 }
        let resolveNoMagicLinks: UInt64 = 0x02, resolveNoSymlinks: UInt64 = 0x04, resolveBeneath: UInt64 = 0x08
        var how = OpenHow(flags: UInt64(O_RDONLY | O_CLOEXEC | O_NONBLOCK), mode: 0,
                          resolve: resolveBeneath | resolveNoSymlinks | resolveNoMagicLinks)
        guard let call = syscallOpenat2 else { return nil }
        let sysOpenat2 = 437
        let fd = path.withCString { name in
            withUnsafeMutablePointer(to: &how) { call(sysOpenat2, dir, name, $0, MemoryLayout<OpenHow>.size) }
        }
        if fd < 0 && (errno == ENOSYS || errno == EPERM) { return nil }
        return Int32(fd)
        #else
        return nil
        #endif
    }
}

/// An open folder of the output tree; files are opened relative to it.
final class Folder: @unchecked Sendable {
    let descriptor: Int32

    init(descriptor: Int32) { self.descriptor = descriptor }

    deinit { close(descriptor) }

    func openFile(_ name: String) throws -> OpenFile {
        let fd = openat(descriptor, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw OutputRoot.Failure.notFound }
        return try OpenFile(checking: fd, name: name)
    }

    func openFolder(_ name: String) throws -> Folder {
        let fd = openat(descriptor, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { throw OutputRoot.Failure.notFound }
        return Folder(descriptor: fd)
    }

    /// A small file's whole content (manifests, the index), at most `limit` bytes.
    func read(_ name: String, limit: Int = 8 << 20) throws -> Data {
        let file = try openFile(name)
        guard file.size <= limit else { throw OutputRoot.Failure.unreadable }
        return try file.readAll()
    }

    /// The names in the folder (hidden ones left out).
    func names() -> [String] {
        let fd = dup(descriptor)
        guard fd >= 0, let dir = fdopendir(fd) else { return [] }
        defer { closedir(dir) }
        rewinddir(dir)
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if !name.hasPrefix(".") { names.append(name) }
        }
        return names.sorted()
    }
}

/// An open regular file: what a response is made from, whatever happens to its path.
final class OpenFile: @unchecked Sendable {
    let descriptor: Int32
    let info: stat
    let name: String

    /// Takes over `fd` if it is a regular file (closing it otherwise).
    init(checking fd: Int32, name: String) throws {
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            close(fd)
            throw OutputRoot.Failure.unreadable
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            throw (info.st_mode & S_IFMT == S_IFDIR) ? OutputRoot.Failure.isFolder : OutputRoot.Failure.notFound
        }
        self.descriptor = fd
        self.info = info
        self.name = name
    }

    deinit { close(descriptor) }

    var size: Int { Int(info.st_size) }

    /// Identity of the file's content: Loa never rewrites a file in place, so device, inode,
    /// size and modification time name one content.
    var identity: FileIdentity { FileIdentity(info) }

    /// Reads `count` bytes at `offset` (fewer only at the end of the file).
    func read(at offset: Int, count: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let got = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + done, count - done, off_t(offset + done)) }
            if got < 0 && errno == EINTR { continue }
            guard got >= 0 else { throw OutputRoot.Failure.unreadable }
            if got == 0 { break }
            done += got
        }
        return done == count ? bytes : Array(bytes[0..<done])
    }

    func readAll() throws -> Data { Data(try read(at: 0, count: size)) }
}

struct FileIdentity: Hashable, Sendable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    var modified: Int64

    init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
    }
}
