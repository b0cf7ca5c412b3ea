import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The size and modification time of every file a day's build reads: `loa.yaml`, the
/// approvals file, everything under `Bulletins/` (the staff lexicon too) and `Voices/`.
/// Two snapshots that differ mean something was added, changed or removed; a snapshot that
/// stays the same for a while means the writing has stopped (an office PC saving a Word
/// file over a network share writes it in several goes).
public struct InputSnapshot: Sendable, Hashable {
    public struct Stamp: Sendable, Hashable {
        var size: Int64
        var modified: Int64
    }

    /// Path as shown (relative to the working directory where it can be) → stamp.
    public private(set) var files: [String: Stamp] = [:]

    /// Looks at `files` (missing ones are left out) and every file below `folders`.
    public static func take(files: [URL], folders: [URL], display: (URL) -> String) -> InputSnapshot {
        var snapshot = InputSnapshot()
        func add(_ url: URL) {
            var info = stat()
            guard stat(url.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return }
            snapshot.files[display(url)] = Stamp(size: Int64(info.st_size),
                                                 modified: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec))
        }
        files.forEach(add)
        for folder in folders {
            for path in FileManager.default.subpaths(atPath: folder.path) ?? [] {
                add(folder.appendingPathComponent(path))
            }
        }
        return snapshot
    }

    /// What changed since `earlier`, one line a file: `+ added`, `~ changed`, `- removed`.
    public func changes(since earlier: InputSnapshot) -> [String] {
        var lines: [String] = []
        for (path, stamp) in files.sorted(by: { $0.key < $1.key }) {
            if let before = earlier.files[path] {
                if before != stamp { lines.append("~ \(path)") }
            } else {
                lines.append("+ \(path)")
            }
        }
        for path in earlier.files.keys.sorted() where files[path] == nil { lines.append("- \(path)") }
        return lines
    }
}
