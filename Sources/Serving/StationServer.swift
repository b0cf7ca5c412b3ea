import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOPosix

/// `loa serve`: the department's download server over an `Output` tree.
public struct StationServer: Sendable {
    public var output: URL
    public var host: String
    public var port: Int
    public var logger: Logger
    /// A connection with nothing read or written for this long, and no response going out,
    /// is closed (slow and stalled clients are dropped, not kept forever).
    public var idleTimeout: Duration

    /// The `Server` header of every response.
    static let serverName = "loa"

    public init(output: URL, host: String = "127.0.0.1", port: Int = 8080, logger: Logger,
                idleTimeout: Duration = .seconds(60)) {
        self.output = output
        self.idleTimeout = idleTimeout
        self.host = host
        self.port = port
        self.logger = logger
    }

    /// Makes Swift concurrency run on NIO's event loops, so a request's handler runs on the
    /// thread that reads and writes its connection instead of hopping to another pool and
    /// back. Only at the very start of a `loa serve` process, before anything else runs
    /// concurrently; false when it is too late (then requests just hop).
    @discardableResult
    public static func runConcurrencyOnEventLoops() -> Bool {
        return NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    }

    /// Serves until cancelled (or SIGINT/SIGTERM when `handlesSignals`); `onRunning` is told
    /// the port actually bound (useful with port 0).
    public func run(handlesSignals: Bool = true, onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let zips = try PackZips(cache: FileManager.default.temporaryDirectory
            .appendingPathComponent("loa-serve-\(getuid())-\(getpid())/zips"))
        defer { try? FileManager.default.removeItem(at: zips.cache.deletingLastPathComponent()) }
        let root = OutputRoot(path: output.standardizedFileURL.path)
        let tags = ContentTags()
        let smallFiles = SmallFiles()
        let responder = OutputResponder(root: root, tags: tags, zips: zips, logger: logger)
        // Files go out from the event loop (`FileFastPath`, which also keeps the idle
        // timer); headers are bounded.
        let (logger, idleTimeout) = (self.logger, TimeAmount(self.idleTimeout))
        let http = HTTPServerBuilder { respond in
            OutputChannel(http: HTTP1Channel(responder: respond, configuration: .init(
                idleTimeout: nil,
                httpDecoderConfiguration: .init(maxHeaderFieldSize: 8 * 1024, maxHeaderListSize: 32 * 1024,
                                                maxHeaderFieldCount: 100))),
                          root: root, tags: tags, smallFiles: smallFiles, logger: logger, idleTimeout: idleTimeout)
        }
        var quiet = logger
        quiet.logLevel = .critical
        let app = Application(responder: responder, server: http,
                              configuration: .init(address: .hostname(host, port: port), serverName: Self.serverName, backlog: 1024),
                              onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) },
                              logger: quiet)
        if handlesSignals {
            try await app.runService()
        } else {
            try await app.run()
        }
    }
}
