import Foundation
import NIOCore
import NIOHTTP1
import Synchronization

/// The plain `200` answers for small files (manifests, signatures, checksums, captions),
/// held ready in memory: the headers made and the content read once per file identity.
///
/// Stations ask for the same few small files of a day again and again; reading and
/// describing each anew costs more than sending it. The file is still opened for every
/// request (that is what confines a request beneath the root and sees a day swapped in),
/// and its identity (device, inode, size, modification time) picks the entry, so a
/// replaced file is never answered from an old entry. Bounded in bytes; emptied when full.
final class SmallFiles: Sendable {
    /// Files up to this size are held.
    static let largest = 64 * 1024

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

    private let table = Mutex<(entries: [FileIdentity: Entry], bytes: Int)>(([:], 0))
    private let capacity: Int

    init(capacity: Int = 64 << 20) { self.capacity = capacity }

    /// The entry for `file` (made on first use); nil when the file is too large or cannot
    /// be read whole.
    func entry(for file: OpenFile, tags: ContentTags) -> Entry? {
        guard file.size <= Self.largest else { return nil }
        let identity = file.identity
        if let known = table.withLock({ $0.entries[identity] }) { return known }
        guard let answer = try? FileAnswer.decide(file, isHead: false, header: { _ in nil }, tags: tags),
              answer.status == .ok, let body = file.buffer(0..<file.size)
        else { return nil }
        var headers = HTTPHeaders()
        for field in answer.headers { headers.add(name: field.name.rawName, value: field.value) }
        headers.add(name: "Server", value: StationServer.serverName)
        let entry = Entry(headers: headers, body: body)
        table.withLock { table in
            if table.bytes + body.readableBytes > capacity { table = ([:], 0) }
            table.entries[identity] = entry
            table.bytes += body.readableBytes
        }
        return entry
    }
}
