import ArgumentParser
import Foundation
import Logging
import Packaging
import Serving

/// `loa serve`: the Output tree over HTTP, read-only, with pages for people.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the day's packs to stations over HTTP (read-only), with a board and station pages.",
        discussion: """
            Stations fetch with `loa fetch --from http://HOST:PORT …`. Files get strong ETags \
            (their SHA-256), 304 and Range answers. Pages: / (days), /<date>/ (the board), \
            /<date>/report (the build report: problems, each slot's time line, where the time went), \
            /<date>/<station>/ (player, items, downloads), /<date>/<station>.zip (the whole pack). \
            One log line per request on standard error. Plain nginx serving the same folder \
            works for stations too (README: Distributing packs).
            """)

    @Option(help: "Folder to serve.")
    var output = "Output"

    @Option(help: "Address to listen on (0.0.0.0 for every interface).")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on.")
    var port = 8080

    @Flag(help: "Also watch the bulletins and rebuild the days as `loa watch` does, in this process.")
    var watch = false

    @OptionGroup(title: "With --watch") var watching: WatchSettings

    func run() async throws {
        var isFolder: ObjCBool = false
        if watch, !FileManager.default.fileExists(atPath: output) {
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        }
        guard FileManager.default.fileExists(atPath: output, isDirectory: &isFolder), isFolder.boolValue else {
            throw ValidationError("--output '\(output)' is not a folder; expected the folder loa build writes (Output)")
        }
        LoggingSystem.bootstrap { LineLogHandler(label: $0) }
        let logger = Logger(label: "loa.serve")
        let server = StationServer(output: URL(fileURLWithPath: output), host: host, port: port, logger: logger)
        guard watch else {
            try await server.run { port in
                FileHandle.standardError.write(Data("loa serve: \(output) on http://\(host):\(port)/\n".utf8))
            }
            return
        }
        let watcher = DayWatcher(options: try watching.options(output: output), log: WatchLog.line)
        InterruptHandler.install()
        let watchTask = Task { await watcher.run() }
        defer { watchTask.cancel() }
        let folder = self.watching.folders.bulletins
        try await server.run { port in
            FileHandle.standardError.write(Data("loa serve: \(output) on http://\(host):\(port)/, watching \(folder)/\n".utf8))
        }
    }
}
