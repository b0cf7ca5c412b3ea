import Foundation

/// What Ctrl-C or `kill` leaves behind: nothing. The running build's staging folder is
/// removed and the day stays as it was; a swap already under way finishes first, so the
/// day is never left half replaced.
public final class Interruption: @unchecked Sendable {
    public static let shared = Interruption()

    private let lock = NSLock()
    private var stagings: [URL] = []
    private var interrupted = false

    /// Thrown by `swapIn` once the process is being interrupted.
    struct Interrupted: Error {}

    /// A staging folder to remove if the process is interrupted.
    func register(_ staging: URL) {
        lock.withLock { stagings.append(staging) }
    }

    /// Forgets a staging folder the build removed itself.
    func unregister(_ staging: URL) {
        lock.withLock { stagings.removeAll { $0 == staging } }
    }

    /// Runs `swap`, which puts `staging` in place of the day, unless an interruption came
    /// first; `staging` is then no longer removed on interruption. An interruption that comes
    /// while `swap` runs waits for it.
    func swapIn(_ staging: URL, by swap: () throws -> Void) throws {
        lock.lock()
        defer { lock.unlock() }
        if interrupted { throw Interrupted() }
        stagings.removeAll { $0 == staging }
        try swap()
    }

    /// Removes every registered staging folder. Keeps the lock: the caller exits next, and
    /// no swap may start after this.
    public func interrupt() {
        lock.lock()
        interrupted = true
        for staging in stagings { try? FileManager.default.removeItem(at: staging) }
        stagings = []
    }
}
