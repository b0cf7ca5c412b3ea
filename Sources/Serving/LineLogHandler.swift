import Foundation
import Logging
import NIOCore
import NIOPosix
import Synchronization

/// `loa serve`'s log: one line per event on a file descriptor (standard error), in the
/// shape of swift-log's `StreamLogHandler` (`2026-11-29T14:37:21+0000 info loa.serve : …`).
///
/// A request log is written thousands of times a second, so this handler does the least per
/// line: the timestamp is made once a second (the stream handler made it per line, with
/// `localtime` asking the file system for the time zone each time), and the line goes out
/// whole (no interleaving, no stdio lock shared between event loops). Lines logged on an
/// event loop are gathered and written in one `write(2)` once the loop has handled what the
/// socket gave it this turn (microseconds later: several requests' lines per write when many
/// stations ask at once); lines from anywhere else are written at once.
public struct LineLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    private let label: String
    private let descriptor: Int32

    public init(label: String, descriptor: Int32 = STDERR_FILENO) {
        self.label = label
        self.descriptor = descriptor
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var line = Self.timestamp()
        line.reserveCapacity(160)
        line += " "
        line += event.level.rawValue
        line += " "
        line += label
        line += " :"
        if !metadata.isEmpty || event.metadata?.isEmpty == false {
            let merged = metadata.merging(event.metadata ?? [:]) { $1 }
            line += " " + merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        }
        line += " "
        line += event.message.description
        line += "\n"
        if let loop = MultiThreadedEventLoopGroup.currentEventLoop {
            LineBatch.add(line, descriptor: descriptor, on: loop)
        } else {
            line.withUTF8 { Self.write($0, to: descriptor) }
        }
    }

    /// Writes all of `bytes` (a short write is continued; an error drops the rest).
    static func write(_ bytes: UnsafeBufferPointer<UInt8>, to descriptor: Int32) {
        var offset = 0
        while offset < bytes.count {
            let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return }
            offset += written
        }
    }

    /// Local time to the second, remade when the second changes.
    private static let clock = Mutex<(second: Int, text: String)>((-1, ""))

    private static func timestamp() -> String {
        var now = time(nil)
        return clock.withLock { cached in
            if cached.second != Int(now) {
                var parts = tm()
                localtime_r(&now, &parts)
                var bytes = [CChar](repeating: 0, count: 32)
                let count = strftime(&bytes, bytes.count, "%Y-%m-%dT%H:%M:%S%z", &parts)
                cached = (Int(now), String(decoding: bytes[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self))
            }
            return cached.text
        }
    }
}

/// The lines one event loop logged this turn, written together at its end.
private final class LineBatch: @unchecked Sendable {  // each used by its own thread only
    private var bytes: [UInt8] = []
    private var descriptor: Int32 = -1
    private var scheduled = false

    private static let perThread = ThreadSpecificVariable<LineBatch>()
    /// A batch this large is written at once.
    private static let largest = 64 * 1024

    static func add(_ line: String, descriptor: Int32, on loop: any EventLoop) {
        let batch = perThread.currentValue ?? {
            let made = LineBatch()
            perThread.currentValue = made
            return made
        }()
        if batch.descriptor != descriptor { batch.flush() }
        batch.descriptor = descriptor
        batch.bytes.append(contentsOf: line.utf8)
        if batch.bytes.count >= largest {
            batch.flush()
        } else if !batch.scheduled {
            batch.scheduled = true
            loop.assumeIsolated().execute { batch.flush() }
        }
    }

    private func flush() {
        scheduled = false
        guard !bytes.isEmpty else { return }
        bytes.withUnsafeBufferPointer { LineLogHandler.write($0, to: descriptor) }
        bytes.removeAll(keepingCapacity: true)
    }
}
