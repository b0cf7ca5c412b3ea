import Foundation
import Synchronization

/// What `loa fetch` shows while it works: a bar redrawn in place on a terminal, one line per
/// file otherwise (a timer's log).
public final class FetchProgress: Sendable {
    private let isTerminal: Bool
    private let write: @Sendable (String) -> Void
    private let state = Mutex<(files: Int, done: Int, bytes: Int, received: Int, current: String)>((0, 0, 0, 0, ""))

    public init(isTerminal: Bool, write: @escaping @Sendable (String) -> Void) {
        self.isTerminal = isTerminal
        self.write = write
    }

    func begin(files: Int, bytes: Int) {
        state.withLock { $0 = (files, 0, bytes, 0, "") }
    }

    /// A line of its own (above the bar on a terminal).
    func line(_ text: String) {
        write(isTerminal ? "\r\u{1B}[K\(text)\n" : "\(text)\n")
    }

    /// A file is being downloaded and `bytes` of the whole fetch have arrived.
    func receiving(_ name: String, total received: Int) {
        guard isTerminal else { return }
        let (files, done, bytes) = state.withLock { state -> (Int, Int, Int) in
            state.received = received
            state.current = name
            return (state.files, state.done, state.bytes)
        }
        let share = bytes > 0 ? min(1, Double(received) / Double(bytes)) : 1
        let filled = Int(share * 24)
        write("\r\u{1B}[K[\(String(repeating: "#", count: filled))\(String(repeating: ".", count: 24 - filled))] "
            + "\(done)/\(files) files \(Self.megabytes(received))/\(Self.megabytes(bytes)) MB \(name)")
    }

    func finished(_ name: String, _ how: String) {
        state.withLock { $0.done += 1 }
        line("\(name): \(how)")
    }

    func end() {
        if isTerminal { write("\r\u{1B}[K") }
    }

    static func megabytes(_ bytes: Int) -> String { String(format: "%.1f", Double(bytes) / 1_000_000) }
}
