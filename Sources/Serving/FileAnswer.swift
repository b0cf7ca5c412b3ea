import HTTPTypes

/// What to answer for one file of the output tree, however the answer is then sent
/// (Hummingbird's responder for pack zips, `FileFastPath` for every other file):
/// strong ETag, 304 on `If-None-Match`, 206 for one `Range` (honouring `If-Range`), 416
/// past the end, no body for HEAD.
struct FileAnswer {
    var status: HTTPResponse.Status
    var headers: HTTPFields
    /// The bytes of the file the body carries; nil for no body (304, 416, HEAD).
    var bytes: Range<Int>?

    /// Files at a path change when a day is rebuilt: caches must ask again (cheaply, with
    /// the ETag) before using what they hold.
    static let cacheControl = "no-cache"

    /// The request's conditional and range headers, by name (`If-None-Match`, `Range`,
    /// `If-Range`), so both HTTP stacks can ask the same question.
    static func decide(_ file: OpenFile, isHead: Bool, header: (HTTPField.Name) -> String?, tags: ContentTags,
                       contentType: String? = nil) throws -> FileAnswer {
        let tag = try tags.tag(for: file)
        var headers: HTTPFields = [
            .contentType: contentType ?? ContentType.of(file.name),
            .eTag: tag,
            .cacheControl: cacheControl,
            .acceptRanges: "bytes",
        ]
        if ContentTags.matches(header(.ifNoneMatch), tag) {
            return FileAnswer(status: .notModified, headers: headers, bytes: nil)
        }
        var range = ByteRange(header: header(.range), size: file.size)
        if let ifRange = header(.ifRange), ifRange != tag { range = .whole }
        switch range {
        case .unsatisfiable:
            headers[.contentRange] = "bytes */\(file.size)"
            headers[.contentLength] = "0"
            return FileAnswer(status: .rangeNotSatisfiable, headers: headers, bytes: nil)
        case .whole:
            headers[.contentLength] = String(file.size)
            return FileAnswer(status: .ok, headers: headers, bytes: isHead ? nil : 0..<file.size)
        case .part(let part):
            headers[.contentRange] = "bytes \(part.lowerBound)-\(part.upperBound)/\(file.size)"
            headers[.contentLength] = String(part.count)
            return FileAnswer(status: .partialContent, headers: headers,
                              bytes: isHead ? nil : part.lowerBound..<(part.upperBound + 1))
        }
    }
}
