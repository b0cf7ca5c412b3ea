import Crypto
import Foundation
import Packaging
import Synchronization

/// Strong entity tags: the SHA-256 of a file's content, computed once per file.
///
/// Loa writes each file once and replaces days by renaming folders, so a file's device,
/// inode, size and modification time identify its content; the digest is kept against
/// that identity (a bounded table, emptied when full).
final class ContentTags: Sendable {
    private let table = Mutex<[FileIdentity: String]>([:])
    private let capacity: Int

    init(capacity: Int = 20_000) { self.capacity = capacity }

    /// `"<sha256 hex>"`, quoted as an ETag is.
    func tag(for file: OpenFile) throws -> String {
        let identity = file.identity
        if let known = table.withLock({ $0[identity] }) { return known }
        var hasher = SHA256()
        var offset = 0
        let chunk = 1 << 20
        while offset < file.size {
            let bytes = try file.read(at: offset, count: min(chunk, file.size - offset))
            if bytes.isEmpty { break }
            hasher.update(data: bytes)
            offset += bytes.count
        }
        let tag = "\"\(Checksum.hex(hasher.finalize()))\""
        table.withLock { table in
            if table.count >= capacity { table.removeAll(keepingCapacity: true) }
            table[identity] = tag
        }
        return tag
    }

    /// Whether an `If-None-Match` header names `tag` (or is `*`). Weak comparison, as RFC 9110
    /// asks for this header.
    static func matches(_ header: String?, _ tag: String) -> Bool {
        guard let header else { return false }
        return header.split(separator: ",").contains { candidate in
            var value = candidate.trimmingCharacters(in: .whitespaces)
            if value == "*" { return true }
            if value.hasPrefix("W/") { value.removeFirst(2) }
            return value == tag
        }
    }
}
