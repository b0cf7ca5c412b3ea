import Logging
import NIOCore

/// Answers the plainest requests (`PlainFileRequest`: a GET or HEAD of a small file, nothing
/// conditional) from the connection's bytes, before the HTTP decoder: the response is the
/// file's prepared head and body from `SmallFiles`, with the `Date` added, written in one go.
///
/// Stations ask for their manifest, its signature and the checksums every morning, and a
/// province's stations ask together; answering those costs a decoder's request object,
/// an encoder's pass over the headers and several hops through the pipeline per request
/// otherwise. Every other request, and everything after it on the connection, goes on
/// unchanged to the HTTP decoder, where `FileFastPath` and Hummingbird answer as before.
/// The file is still opened beneath the root for every request and picked by its identity,
/// so confinement and a day swapped in are exactly as on the other path.
final class SmallFilePath: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = IOData
    typealias OutboundOut = IOData

    private let root: OutputRoot
    private let tags: ContentTags
    private let smallFiles: SmallFiles
    private let logger: Logger
    /// The connection's `FileFastPath`, told of activity here (it keeps the idle timer).
    private weak var fastPath: FileFastPath?

    /// Once a request has gone on to the HTTP decoder, every later byte does too.
    private var handingOn = false
    /// The start of a head not yet whole.
    private var partial: ByteBuffer?
    /// `Connection: close` was answered: the rest is not read.
    private var closing = false
    /// A read asked for while the socket could take no more: done when it can.
    private var readDeferred = false
    private var clock = HTTPDateClock()

    init(root: OutputRoot, tags: ContentTags, smallFiles: SmallFiles, logger: Logger, fastPath: FileFastPath) {
        self.root = root
        self.tags = tags
        self.smallFiles = smallFiles
        self.logger = logger
        self.fastPath = fastPath
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !handingOn else { return context.fireChannelRead(data) }
        guard !closing else { return }
        var buffer = unwrapInboundIn(data)
        if var earlier = partial {
            partial = nil
            earlier.writeBuffer(&buffer)
            buffer = earlier
        }
        fastPath?.touch()
        var answered = 0
        while buffer.readableBytes > 0, !closing {
            switch PlainFileRequest.read(buffer) {
            case .incomplete:
                partial = buffer
                buffer.moveReaderIndex(forwardBy: buffer.readableBytes)
            case .plain(let request) where answer(request, context: context):
                buffer.moveReaderIndex(forwardBy: request.length)
                answered += 1
            case .plain, .other:
                handingOn = true
                if answered > 0 { context.flush() }
                return context.fireChannelRead(wrapInboundOut(buffer))
            }
        }
        if answered > 0 {
            if closing {
                // The last answer out, then the connection closed (as `Connection: close` said).
                let sent = context.eventLoop.makePromise(of: Void.self)
                context.writeAndFlush(wrapOutboundOut(.byteBuffer(ByteBuffer())), promise: sent)
                sent.futureResult.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
            } else {
                context.flush()
            }
        }
    }

    /// Writes the answer for `request` when its path is a small file of the tree that opens;
    /// false (nothing written) otherwise.
    private func answer(_ request: PlainFileRequest, context: ChannelHandlerContext) -> Bool {
        let started = ContinuousClock.now
        guard let path = RequestPath.plainFilePath(request.target), !path.hasSuffix(".zip"),
              let ready = prepared(path)
        else { return false }
        var head = context.channel.allocator.buffer(capacity: ready.head.readableBytes + 64)
        head.writeImmutableBuffer(ready.head)
        head.writeStaticString("Date: ")
        head.writeString(clock.now())
        head.writeStaticString(request.closeAfter ? "\r\nConnection: close\r\n\r\n" : "\r\n\r\n")
        context.write(wrapOutboundOut(.byteBuffer(head)), promise: nil)
        if !request.isHead, ready.body.readableBytes > 0 {
            context.write(wrapOutboundOut(.byteBuffer(ready.body)), promise: nil)
        }
        if request.closeAfter { closing = true }
        RequestLog.write(logger, method: request.isHead ? "HEAD" : "GET", target: request.target, status: 200,
                         length: String(ready.body.readableBytes), since: started)
        return true
    }

    /// Nothing read this turn went on: the handlers behind have nothing to complete.
    func channelReadComplete(context: ChannelHandlerContext) {
        if handingOn { context.fireChannelReadComplete() }
    }

    /// The prepared answer for the file at `path`: the one made when the file was opened
    /// confined at this path, if the path still leads to the same file (one `fstatat`: a day
    /// swapped in has new identities), else made now from the file opened confined beneath
    /// the root; nil when it is not a small regular file there.
    private func prepared(_ path: Substring) -> SmallFiles.Entry? {
        if let identity = root.identity(plainPath: path), let known = smallFiles.known(path: path, identity: identity) {
            return known
        }
        guard let file = try? root.openFile(plainPath: path) else { return nil }
        return smallFiles.entry(for: file, tags: tags, openedAt: path)
    }

    // MARK: Back-pressure: a client that sends requests without reading answers is not read.

    func read(context: ChannelHandlerContext) {
        if handingOn || context.channel.isWritable { context.read() } else { readDeferred = true }
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if readDeferred, context.channel.isWritable {
            readDeferred = false
            context.read()
        }
        context.fireChannelWritabilityChanged()
    }
}
