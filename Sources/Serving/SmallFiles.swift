import Foundation
import NIOCore
import NIOHTTP1
import Synchronization

/// The plain `200` answers for small files (manifests, signatures, checksums, captions),
/// held ready in memory: the headers made and the content read once per file identity.
///
/// Stations ask for the same few small files of a day again and again; reading and
/// describing each anew costs more than sending it. An entry is made only from a file opened
/// confined beneath the root, and its identity (device, inode, size, modification time)
/// picks it, so a replaced file is never answered from an old entry. `SmallFilePath` also
/// finds an entry by the path it was opened at, when that path still leads to the same
/// identity (one `fstatat`, no open). Bounded in bytes; emptied when full.
final class SmallFiles: Sendable {
    /// Files up to this size are held.
    static let largest = 64 * 1024
    /// Paths remembered at most (each a few dozen bytes).
    static let paths = 100_000

    struct Entry: Sendable {
        /// Every header of the answer except `Date`.
        let headers: HTTPHeaders
        let body: ByteBuffer
        /// The same as HTTP/1.1 bytes: the status line and those headers, each line ended,
        /// for `SmallFilePath` to add the `Date` and the blank line to.
        let head: ByteBuffer

        init(headers: HTTPHeaders, body: ByteBuffer) {
            self.headers = headers
            self.body = body
            var head = ByteBuffer()
            head.writeStaticString("HTTP/1.1 200 OK\r\n")
            for (name, value) in headers {
                head.writeString(name)
                head.writeStaticString(": ")
                head.writeString(value)
                head.writeStaticString("\r\n")
            }
            self.head = head
        }
    }

    private struct Table {
        var entries: [FileIdentity: Entry] = [:]
        /// The identity each path had when its file was opened confined and its entry made.
        var openedAt: [Substring: FileIdentity] = [:]
        var bytes = 0
    }

    private let table = Mutex(Table())
    private let capacity: Int

    init(capacity: Int = 64 << 20) { self.capacity = capacity }

    /// The entry made from the file opened at `path` (plain names, relative to the root), if
    /// the path leads to that same file now (`identity`, from `OutputRoot.identity`). A path
    /// that was never opened confined, or leads elsewhere now, has none.
    func known(path: Substring, identity: FileIdentity) -> Entry? {
        table.withLock { table in
            table.openedAt[path] == identity ? table.entries[identity] : nil
        }
    }

    /// The entry for `file` (made on first use); nil when the file is too large or cannot
    /// be read whole. `path` is where it was opened confined, for `known(path:identity:)`.
    func entry(for file: OpenFile, tags: ContentTags, openedAt path: Substring? = nil) -> Entry? {
        guard file.size <= Self.largest else { return nil }
        let identity = file.identity
        if let known = table.withLock({ table in
            let known = table.entries[identity]
            if known != nil, let path { table.openedAt[path] = identity }
            return known
        }) { return known }
        guard let answer = try? FileAnswer.decide(file, isHead: false, header: { _ in nil }, tags: tags),
              answer.status == .ok, let body = file.buffer(0..<file.size)
        else { return nil }
        var headers = HTTPHeaders()
        for field in answer.headers { headers.add(name: field.name.rawName, value: field.value) }
        headers.add(name: "Server", value: StationServer.serverName)
        let entry = Entry(headers: headers, body: body)
        table.withLock { table in
            if table.bytes + body.readableBytes > capacity || table.openedAt.count >= Self.paths { table = Table() }
            table.entries[identity] = entry
            if let path { table.openedAt[path] = identity }
            table.bytes += body.readableBytes
        }
        return entry
    }
}
