import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTPTypesHTTP1

/// Hummingbird's HTTP/1 connection with `SmallFilePath` before the HTTP decoder (the plainest
/// requests for small files) and `FileFastPath` right after it (every other file), so files
/// go out from the event loop and everything else reaches the responder.
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
            let fastPath = FileFastPath(root: root, tags: tags, smallFiles: smallFiles, logger: requestLogger, idleTimeout: idleTimeout)
            try pipeline.addHandler(fastPath, position: .before(codec))
            try pipeline.addHandler(SmallFilePath(root: root, tags: tags, smallFiles: smallFiles, logger: requestLogger, fastPath: fastPath),
                                    position: .first)
            return value
        }
    }

    func handle(value: Value, logger: Logger) async {
        await http.handle(value: value, logger: logger)
    }
}
