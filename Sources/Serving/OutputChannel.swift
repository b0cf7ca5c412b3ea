import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTPTypesHTTP1

/// Hummingbird's HTTP/1 connection with `FileFastPath` placed right after the HTTP decoder,
/// so files go out from the event loop and everything else reaches the responder.
struct OutputChannel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value

    let http: HTTP1Channel
    let root: OutputRoot
    let tags: ContentTags
    let smallFiles: SmallFiles
    let logger: Logger
    let idleTimeout: TimeAmount

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let (root, tags, smallFiles, requestLogger, idleTimeout) = (self.root, self.tags, self.smallFiles, self.logger, self.idleTimeout)
        return http.setup(channel: channel, logger: logger).flatMapThrowing { value in
            let pipeline = channel.pipeline.syncOperations
            let codec = try pipeline.handler(type: HTTP1ToHTTPServerCodec.self)
            try pipeline.addHandler(FileFastPath(root: root, tags: tags, smallFiles: smallFiles, logger: requestLogger, idleTimeout: idleTimeout),
                                    position: .before(codec))
            return value
        }
    }

    func handle(value: Value, logger: Logger) async {
        await http.handle(value: value, logger: logger)
    }
}
