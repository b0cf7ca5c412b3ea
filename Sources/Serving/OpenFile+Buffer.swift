import Foundation
import NIOCore

extension OpenFile {
    /// `bytes` of the file read straight into one buffer (no intermediate copy); nil when
    /// the read comes up short.
    func buffer(_ bytes: Range<Int>, allocator: ByteBufferAllocator = ByteBufferAllocator()) -> ByteBuffer? {
        var buffer = allocator.buffer(capacity: bytes.count)
        let got = buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: bytes.count) { target in
            max(0, pread(descriptor, target.baseAddress!, bytes.count, off_t(bytes.lowerBound)))
        }
        return got == bytes.count ? buffer : nil
    }
}
