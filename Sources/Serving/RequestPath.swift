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
    static func parse(_ target: String) throws(Refusal) -> RequestPath {
        guard target.utf8.count <= maxLength else { throw .tooLong }
        let path = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        guard path.hasPrefix("/") else { throw .badRequest("the path must start with /") }
        var decoded = path
        if path.utf8.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "\\") || $0 == 0 }) {
            let lowered = path.lowercased()
            for forbidden in ["%2e", "%2f", "%5c", "%00", "\\", "\0"] where lowered.contains(forbidden) {
                throw .badRequest("the path contains an encoded dot, slash, backslash or NUL")
            }
            guard let plain = path.removingPercentEncoding else { throw .badRequest("the path's percent-encoding is malformed") }
            decoded = plain
        }
        var segments = decoded.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)
        let trailingSlash = segments.last == ""
        if trailingSlash { segments.removeLast() }
        for segment in segments {
            guard !segment.isEmpty, !segment.hasPrefix("."), segment.utf8.count <= 255,
                  segment.utf8.allSatisfy({ byte in
                      (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                          || byte == 0x2D || byte == 0x5F || byte == 0x2E
                  }) else {
                throw .badRequest("the path has a name that is not served")
            }
        }
        return RequestPath(segments: segments, trailingSlash: trailingSlash)
    }
}
