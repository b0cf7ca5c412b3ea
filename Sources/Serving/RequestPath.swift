/// A request's path, checked before it comes near the file system.
///
/// Only plain names are allowed: ASCII letters, digits, `-`, `_` and `.`, no name starting
/// with a dot (that also refuses `..`, and hides the build's lock and staging folders),
/// no empty segments. Anything percent-encoded that could smuggle a separator or a dot
/// (`%2e`, `%2f`, `%5c`, `%00`), backslashes and NULs are refused outright, so no spelling of
/// `..` can leave the output root.
struct RequestPath: Equatable {
    /// The names, in order; empty for `/`.
    var segments: [String]
    /// Whether the path ended with `/` (a folder's page).
    var trailingSlash: Bool

    enum Refusal: Error, Equatable {
        /// Malformed or dangerous: 400.
        case badRequest(String)
        /// Well-formed but longer than any path Loa serves: 414.
        case tooLong
    }

    static let maxLength = 1024

    /// Parses the request target (the path and an optional `?query`, which is ignored).
    /// Works on the UTF-8 bytes: it runs for every request.
    static func parse(_ target: String) throws(Refusal) -> RequestPath {
        let bytes = target.utf8
        guard bytes.count <= maxLength else { throw .tooLong }
        let pathEnd = bytes.firstIndex(of: UInt8(ascii: "?")) ?? bytes.endIndex
        let path = bytes[..<pathEnd]
        guard path.first == UInt8(ascii: "/") else { throw .badRequest("the path must start with /") }
        var decoded = Substring(path)
        if path.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "\\") || $0 == 0 }) {
            let lowered = decoded.lowercased()
            for forbidden in ["%2e", "%2f", "%5c", "%00", "\\", "\0"] where lowered.contains(forbidden) {
                throw .badRequest("the path contains an encoded dot, slash, backslash or NUL")
            }
            guard let plain = decoded.removingPercentEncoding else { throw .badRequest("the path's percent-encoding is malformed") }
            decoded = Substring(plain)
        }
        var names = decoded.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).dropFirst()
        let trailingSlash = names.last?.isEmpty == true
        if trailingSlash { names = names.dropLast() }
        var segments: [String] = []
        segments.reserveCapacity(names.count)
        for name in names {
            guard !name.isEmpty, name.first != UInt8(ascii: "."), name.count <= 255, name.allSatisfy(isServedByte) else {
                throw .badRequest("the path has a name that is not served")
            }
            segments.append(String(Substring(name)))
        }
        return RequestPath(segments: segments, trailingSlash: trailingSlash)
    }

    /// The file path a plain target names, relative to the root (`2021-09-24/PD/manifest.json`
    /// for `/2021-09-24/PD/manifest.json`), when the target is only plain names (the rules of
    /// `parse`, with no percent-encoding, query or trailing slash); nil for anything else,
    /// which `parse` then judges. Made without splitting: it runs for nearly every request.
    static func plainFilePath(_ target: String) -> Substring? {
        var bytes = target.utf8[...]
        guard bytes.count <= maxLength, bytes.popFirst() == UInt8(ascii: "/"), !bytes.isEmpty else { return nil }
        var nameLength = 0
        for byte in bytes {
            if byte == UInt8(ascii: "/") {
                guard nameLength > 0 else { return nil }
                nameLength = 0
            } else {
                guard isServedByte(byte), nameLength < 255, nameLength > 0 || byte != UInt8(ascii: ".") else { return nil }
                nameLength += 1
            }
        }
        guard nameLength > 0 else { return nil }
        return Substring(bytes)
    }

    /// ASCII letters, digits, `-`, `_` and `.`.
    private static func isServedByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == 0x2D || byte == 0x5F || byte == 0x2E
    }
}
