import Foundation
import HTTPTypes
import Logging
import NIOCore
import NIOHTTP1
import NIOHTTPTypesHTTP1

/// Answers GET and HEAD for files of the output tree on the connection's own event loop,
/// the bytes going out with `sendfile(2)` (a small file as one buffer), as nginx does.
///
/// Almost every request a station makes is for a file, and answering those through the
/// responder costs a task, several hops through async streams and a copy of every byte
/// through user space; this handler sits in the channel pipeline just after the HTTP
/// decoder and answers them directly (the plainest, for small files, were answered even
/// before the decoder, by `SmallFilePath`; what reaches this one is everything else). Everything else (pages, pack zips, errors, other
/// methods, anything it cannot open) goes on unchanged to Hummingbird's responder. While
/// a request handed on is unanswered, later requests on the connection follow it, so
/// pipelined responses keep their order.
///
/// It also keeps the connection's idle timer, since it alone sees every request and
/// response: a connection is closed after `idleTimeout` with nothing read or written,
/// unless a response is still going out (a long download over a slow link is not idle).
final class FileFastPath: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private let root: OutputRoot
    private let tags: ContentTags
    private let smallFiles: SmallFiles
    private let logger: Logger
    private let idleTimeout: TimeAmount

    /// Requests handed on to the responder whose response has not ended yet.
    private var handedOn = 0
    /// Whether the body and end of the request being read go on to the responder (false
    /// once this handler has answered it).
    private var handingOnCurrent = true
    /// Whether a request's head has been read and not yet its end.
    private var readingRequest = false
    /// Responses sent from here still on their way to the socket.
    private var sending = 0
    /// A read asked for while a response was still going out: done when it has gone, so a
    /// client that pipelines requests without reading answers cannot pile them up here.
    private var readDeferred = false
    /// Close once the responses sent from here are out (`Connection: close`, shutdown).
    private var closeWhenSent = false
    private var lastActive = NIODeadline.now()
    private var idleCheck: Scheduled<Void>?
    private var clock = HTTPDateClock()

    init(root: OutputRoot, tags: ContentTags, smallFiles: SmallFiles, logger: Logger, idleTimeout: TimeAmount) {
        self.root = root
        self.tags = tags
        self.smallFiles = smallFiles
        self.logger = logger
        self.idleTimeout = idleTimeout
    }

    /// Activity on the connection that `SmallFilePath` answered before the decoder.
    func touch() { lastActive = .now() }

    // MARK: Requests in

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        lastActive = .now()
        switch unwrapInboundIn(data) {
        case .head(let head):
            readingRequest = true
            if closeWhenSent { handingOnCurrent = false; return }
            if handedOn == 0, answer(head, context: context) {
                handingOnCurrent = false
                return
            }
            handingOnCurrent = true
            handedOn += 1
            context.fireChannelRead(data)
        case .body:
            if handingOnCurrent { context.fireChannelRead(data) }
        case .end:
            readingRequest = false
            if handingOnCurrent { context.fireChannelRead(data) }
        }
    }

    func read(context: ChannelHandlerContext) {
        if sending > 0 { readDeferred = true } else { context.read() }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        // Server shutdown: let a download from here finish, then close.
        if event is ChannelShouldQuiesceEvent, sending > 0, handedOn == 0 {
            closeWhenSent = true
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    // MARK: Responses out (the responder's pass through here)

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        lastActive = .now()
        if case .end = unwrapOutboundIn(data) { handedOn = max(0, handedOn - 1) }
        context.write(data, promise: promise)
    }

    /// Answers `head` from here when it asks for a file of the tree that opens; false to hand
    /// it on (the responder then answers it, errors included, exactly as before).
    private func answer(_ head: HTTPRequestHead, context: ChannelHandlerContext) -> Bool {
        let started = ContinuousClock.now
        guard head.method == .GET || head.method == .HEAD,
              let path = try? RequestPath.parse(head.uri), !path.trailingSlash, !path.segments.isEmpty,
              !OutputResponder.isPackZip(path.segments),
              let file = try? root.openFile(path.segments)
        else { return false }
        let keepAlive = head.isKeepAlive
        let isConditional = head.headers.contains(name: "If-None-Match") || head.headers.contains(name: "Range")
        if !isConditional, let ready = smallFiles.entry(for: file, tags: tags) {
            var headers = ready.headers
            headers.add(name: "Date", value: clock.now())
            if let connection = Self.connection(head) { headers.add(name: "Connection", value: connection) }
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: .ok, headers: headers))),
                          promise: nil)
            if head.method == .GET, ready.body.readableBytes > 0 {
                context.write(wrapOutboundOut(.body(.byteBuffer(ready.body))), promise: nil)
            }
            finish(context, keepAlive: keepAlive, closing: nil)
            RequestLog.write(logger, method: head.method.rawValue, target: head.uri, status: 200,
                             length: String(ready.body.readableBytes), since: started)
            return true
        }
        guard let answer = try? FileAnswer.decide(file, isHead: head.method == .HEAD,
                                                  header: { head.headers.first(name: $0.canonicalName) }, tags: tags)
        else { return false }

        var headers = HTTPHeaders(answer.headers)
        headers.add(name: "Server", value: StationServer.serverName)
        headers.add(name: "Date", value: clock.now())
        if let connection = Self.connection(head) { headers.add(name: "Connection", value: connection) }
        let status = HTTPResponseStatus(statusCode: Int(answer.status.code))
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: status, headers: headers))),
                      promise: nil)
        var region: NIOFileHandle?
        if let bytes = answer.bytes, !bytes.isEmpty {
            if bytes.count <= FileResponse.wholeSize, let buffer = file.buffer(bytes, allocator: context.channel.allocator) {
                context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
            } else {
                let handle = NIOFileHandle(_deprecatedTakingOwnershipOfDescriptor: dup(file.descriptor))
                region = handle
                context.write(wrapOutboundOut(.body(.fileRegion(FileRegion(
                    fileHandle: handle, readerIndex: bytes.lowerBound, endIndex: bytes.upperBound)))), promise: nil)
            }
        }
        finish(context, keepAlive: keepAlive, closing: region)
        RequestLog.write(logger, method: head.method.rawValue, target: head.uri, status: Int(answer.status.code),
                         length: answer.headers[.contentLength], since: started)
        return true
    }

    /// The `Connection` header the answer needs: `close` when the client asked for it (or
    /// spoke HTTP/1.0 without keep-alive), `keep-alive` for an HTTP/1.0 client that asked to
    /// keep the connection (1.0 closes otherwise), none for HTTP/1.1.
    private static func connection(_ head: HTTPRequestHead) -> String? {
        if !head.isKeepAlive { return "close" }
        return head.version.major == 1 && head.version.minor == 0 ? "keep-alive" : nil
    }

    /// Ends the response and flushes it; once it is out, closes `closing` (the file handle
    /// `sendfile` read from) and then the connection, or reads on.
    private func finish(_ context: ChannelHandlerContext, keepAlive: Bool, closing: NIOFileHandle?) {
        sending += 1
        if !keepAlive { closeWhenSent = true }
        let sent = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: sent)
        sent.futureResult.assumeIsolated().whenComplete { [self] _ in
            try? closing?.close()
            sending -= 1
            lastActive = .now()
            guard sending == 0 else { return }
            if closeWhenSent {
                context.close(promise: nil)
            } else if readDeferred {
                readDeferred = false
                context.read()
            }
        }
    }

    // MARK: Idle connections

    func handlerAdded(context: ChannelHandlerContext) {
        lastActive = .now()
        scheduleIdleCheck(context, at: lastActive + idleTimeout)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        idleCheck?.cancel()
        idleCheck = nil
    }

    private func scheduleIdleCheck(_ context: ChannelHandlerContext, at deadline: NIODeadline) {
        idleCheck = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) { [self] in
            // Busy answering (the request read, its response not yet out): not idle.
            let busy = !readingRequest && (sending > 0 || handedOn > 0)
            if !busy, NIODeadline.now() >= lastActive + idleTimeout {
                context.close(promise: nil)
            } else {
                scheduleIdleCheck(context, at: max(lastActive, .now()) + idleTimeout)
            }
        }
    }
}

/// The `Date` header's text (RFC 9110 IMF-fixdate), made once a second.
struct HTTPDateClock {
    private var second = -1
    private var text = ""

    mutating func now() -> String {
        var seconds = time(nil)
        if Int(seconds) != second {
            var parts = tm()
            gmtime_r(&seconds, &parts)
            var bytes = [CChar](repeating: 0, count: 40)
            let count = strftime(&bytes, bytes.count, "%a, %d %b %Y %H:%M:%S GMT", &parts)
            text = String(decoding: bytes[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            second = Int(seconds)
        }
        return text
    }
}
