import Foundation
import Logging
import Synchronization

/// `loa serve`'s log: one line per event on a file descriptor (standard error), in the
/// shape of swift-log's `StreamLogHandler` (`2026-11-29T14:37:21+0000 info loa.serve : …`).
///
/// A request log is written thousands of times a second, so this handler does the least per
/// line: the timestamp is made once a second (the stream handler made it per line, with
/// `localtime` asking the file system for the time zone each time), and the line goes out
/// in one `write(2)`, whole (no interleaving, no stdio lock shared between event loops).
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
        line.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return }
                offset += written
            }
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
