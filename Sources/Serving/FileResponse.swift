import Foundation
import Hummingbird
import NIOCore

/// A file of the output tree as a Hummingbird response (`FileAnswer` decides what to send).
/// The body is read from the already-open file, so it is one content however the
/// folders around it are renamed meanwhile.
enum FileResponse {
    /// Bytes read per write to the connection: large enough for throughput, small enough
    /// that a thousand slow downloads hold little memory (each has about two in flight).
    static let chunkSize = 128 * 1024
    /// Files up to this size (manifests, signatures, captions) go out as one buffer.
    static let wholeSize = 64 * 1024

    static func make(_ file: OpenFile, request: Request, tags: ContentTags,
                     contentType: String? = nil) throws -> Response {
        let answer = try FileAnswer.decide(file, isHead: request.method == .head, header: { request.headers[$0] },
                                           tags: tags, contentType: contentType)
        return Response(status: answer.status, headers: answer.headers,
                        body: answer.bytes.map { body(file, $0) } ?? ResponseBody())
    }

    /// Streams `bytes` of the file in chunks read straight into the response's buffers
    /// (a small file in one buffer).
    static func body(_ file: OpenFile, _ bytes: Range<Int>) -> ResponseBody {
        if bytes.count <= wholeSize, let buffer = file.buffer(bytes) { return ResponseBody(byteBuffer: buffer) }
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
