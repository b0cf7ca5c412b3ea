import NIOCore

/// A request head read straight from the connection's bytes when it is the plainest kind a
/// station sends: `GET` or `HEAD` of a path, HTTP/1.1, one `Host`, no body, nothing
/// conditional. That is nearly every request (the day's manifest, its signature, the
/// checksums), and `SmallFilePath` answers those without the HTTP decoder and encoder.
///
/// It is deliberately narrow: anything it does not recognise exactly (another method or
/// version, a header it does not know how to judge, a malformed or folded line, bytes outside
/// the visible ASCII range, a head over 8 KiB) is not taken apart here at all, and the
/// connection goes on to SwiftNIO's HTTP parser, which accepts or refuses it as before.
struct PlainFileRequest {
    var isHead: Bool
    /// The request target as sent (path and query), visible ASCII only.
    var target: String
    /// `Connection: close` was asked for.
    var closeAfter: Bool
    /// Bytes of the head, its blank line included.
    var length: Int

    /// Heads longer than this go to the HTTP parser, which applies its own limits.
    static let largestHead = 8 * 1024

    enum Reading {
        /// A whole plain request head.
        case plain(PlainFileRequest)
        /// Not all of the head has come yet.
        case incomplete
        /// Anything else: for the HTTP parser.
        case other
    }

    /// Reads the head at the start of `buffer`'s readable bytes (consuming nothing).
    static func read(_ buffer: ByteBuffer) -> Reading {
        buffer.withUnsafeReadableBytes { bytes in
            guard let end = headEnd(bytes) else { return bytes.count > largestHead ? .other : .incomplete }
            guard end <= largestHead, let request = parse(UnsafeRawBufferPointer(rebasing: bytes[..<end])) else { return .other }
            return .plain(request)
        }
    }

    /// The index just past the first `\r\n\r\n`, if there is one.
    private static func headEnd(_ bytes: UnsafeRawBufferPointer) -> Int? {
        guard bytes.count >= 4 else { return nil }
        var index = 3
        while index < bytes.count {
            if bytes[index] == lf, bytes[index - 1] == cr, bytes[index - 2] == lf, bytes[index - 3] == cr { return index + 1 }
            index += 1
        }
        return nil
    }

    private static func parse(_ head: UnsafeRawBufferPointer) -> PlainFileRequest? {
        // Lines end with CRLF; a CR or LF anywhere else makes the head not plain.
        var lines: [Slice<UnsafeRawBufferPointer>] = []
        var start = 0
        var index = 0
        while index < head.count - 2 {
            if head[index] == cr {
                guard head[index + 1] == lf else { return nil }
                lines.append(head[start..<index])
                index += 2
                start = index
            } else {
                guard head[index] != lf else { return nil }
                index += 1
            }
        }
        guard let requestLine = lines.first, lines.count <= 101 else { return nil }

        // GET /path HTTP/1.1
        let parts = requestLine.split(separator: space, maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, equal(parts[2], "HTTP/1.1") else { return nil }
        let isHead: Bool
        if equal(parts[0], "GET") { isHead = false } else if equal(parts[0], "HEAD") { isHead = true } else { return nil }
        let target = parts[1]
        guard target.first == UInt8(ascii: "/"), target.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return nil }

        var hosts = 0
        var closeAfter = false
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex,
                  line[line.startIndex..<colon].allSatisfy(isTokenByte) else { return nil }
            let value = trimmed(line[(colon + 1)...])
            guard value.allSatisfy({ $0 == space || $0 == tab || ($0 > 0x20 && $0 < 0x7F) }) else { return nil }
            let name = line[line.startIndex..<colon]
            if same(name, "host") {
                hosts += 1
            } else if same(name, "connection") {
                for option in value.split(separator: UInt8(ascii: ",")) {
                    let token = trimmed(option[...])
                    if same(token, "close") { closeAfter = true } else if !same(token, "keep-alive") { return nil }
                }
            } else if same(name, "content-length") {
                guard equal(value, "0") else { return nil }
            } else if notPlain.contains(where: { same(name, $0) }) {
                return nil
            }
        }
        guard hosts == 1 else { return nil }
        return PlainFileRequest(isHead: isHead, target: String(decoding: target, as: UTF8.self),
                                closeAfter: closeAfter, length: head.count)
    }

    private static let cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
    private static let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")

    private static func equal(_ bytes: Slice<UnsafeRawBufferPointer>, _ text: StaticString) -> Bool {
        bytes.elementsEqual(UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    private static func trimmed(_ bytes: Slice<UnsafeRawBufferPointer>) -> Slice<UnsafeRawBufferPointer> {
        var slice = bytes
        while let first = slice.first, first == space || first == tab { slice = slice.dropFirst() }
        while let last = slice.last, last == space || last == tab { slice = slice.dropLast() }
        return slice
    }

    /// Headers that make a request more than a plain fetch (a body, a protocol change, a
    /// condition or a range): those the HTTP stack answers.
    private static let notPlain: [StaticString] = [
        "transfer-encoding", "upgrade", "expect", "range", "if-range", "if-none-match", "if-match",
        "if-modified-since", "if-unmodified-since",
    ]

    /// ASCII case-insensitive equality with a lowercase name, without making a string.
    private static func same(_ bytes: Slice<UnsafeRawBufferPointer>, _ lower: StaticString) -> Bool {
        guard bytes.count == lower.utf8CodeUnitCount else { return false }
        var other = lower.utf8Start
        for byte in bytes {
            if (byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte) != other.pointee { return false }
            other += 1
        }
        return true
    }

    /// RFC 9110 `tchar`.
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
            return true
        default:
            return "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }
}
