import Foundation
import Hummingbird
import NIOCore

/// A file of the output tree as an HTTP response: strong ETag, 304 on `If-None-Match`,
/// 206 for one `Range` (honouring `If-Range`), 416 past the end, HEAD without a body.
/// The body is read from the already-open file, so it is one content however the
/// folders around it are renamed meanwhile.
enum FileResponse {
    /// Files at a path change when a day is rebuilt: caches must ask again (cheaply, with
    /// the ETag) before using what they hold.
    static let cacheControl = "no-cache"
    /// Bytes read per write to the connection: large enough for throughput, small enough
    /// that a thousand slow downloads hold little memory (each has about two in flight).
    static let chunkSize = 128 * 1024
    /// Files up to this size (manifests, signatures, captions) go out as one buffer.
    static let wholeSize = 64 * 1024

    static func make(_ file: OpenFile, request: Request, tags: ContentTags,
                     contentType: String? = nil) throws -> Response {
        let tag = try tags.tag(for: file)
        var headers: HTTPFields = [
            .contentType: contentType ?? ContentType.of(file.name),
            .eTag: tag,
            .cacheControl: cacheControl,
            .acceptRanges: "bytes",
        ]
        if ContentTags.matches(request.headers[.ifNoneMatch], tag) {
            return Response(status: .notModified, headers: headers)
        }
        var range = ByteRange(header: request.headers[.range], size: file.size)
        if let ifRange = request.headers[.ifRange], ifRange != tag { range = .whole }
        let isHead = request.method == .head
        switch range {
        case .unsatisfiable:
            headers[.contentRange] = "bytes */\(file.size)"
            headers[.contentLength] = "0"
            return Response(status: .rangeNotSatisfiable, headers: headers)
        case .whole:
            headers[.contentLength] = String(file.size)
            return Response(status: .ok, headers: headers, body: isHead ? ResponseBody() : body(file, 0..<file.size))
        case .part(let part):
            headers[.contentRange] = "bytes \(part.lowerBound)-\(part.upperBound)/\(file.size)"
            headers[.contentLength] = String(part.count)
            return Response(status: .partialContent, headers: headers,
                            body: isHead ? ResponseBody() : body(file, part.lowerBound..<(part.upperBound + 1)))
        }
    }

    /// Streams `bytes` of the file in chunks read straight into the response's buffers
    /// (a small file in one buffer).
    static func body(_ file: OpenFile, _ bytes: Range<Int>) -> ResponseBody {
        if bytes.count <= wholeSize {
            var buffer = ByteBufferAllocator().buffer(capacity: bytes.count)
            let got = buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: bytes.count) { target in
                max(0, pread(file.descriptor, target.baseAddress!, bytes.count, off_t(bytes.lowerBound)))
            }
            if got == bytes.count { return ResponseBody(byteBuffer: buffer) }
        }
        return ResponseBody(contentLength: bytes.count) { writer in
            var offset = bytes.lowerBound
            let allocator = ByteBufferAllocator()
            while offset < bytes.upperBound {
                let want = min(chunkSize, bytes.upperBound - offset)
                var buffer = allocator.buffer(capacity: want)
                let got = buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: want) { target in
                    max(0, pread(file.descriptor, target.baseAddress!, want, off_t(offset)))
                }
                // The file is never shortened in place; a short read means the disk failed.
                guard got > 0 else { throw HTTPError(.internalServerError) }
                offset += got
                try await writer.write(buffer)
            }
            try await writer.finish(nil)
        }
    }
}
