import Foundation
#if canImport(Glibc)
import Glibc
#endif

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
        for staging in stagings { Self.remove(staging) }
        stagings = []
    }

    /// Removes a staging folder the build's other threads may still be writing into.
    ///
    /// Deleting it in place races them: a file created after the deletion listed the
    /// folder makes its last `rmdir` fail, and the folder stays (seen on a loaded machine).
    /// So it is first renamed to a superseded day's name: writers, which reach the staging
    /// folder by its path, can no longer add to it, and a folder that still cannot be
    /// deleted is one the next build's `DayFolder.recover` deletes.
    static func remove(_ staging: URL) {
        let fileManager = FileManager.default
        var doomed = staging
        if staging.lastPathComponent.hasSuffix(".partial") {
            let name = String(staging.lastPathComponent.dropLast(".partial".count)) + SupersededDays.suffix
            let renamed = staging.deletingLastPathComponent().appendingPathComponent(name)
            if rename(staging.path, renamed.path) == 0 { doomed = renamed }
        }
        for _ in 0..<5 where fileManager.fileExists(atPath: doomed.path) {
            try? fileManager.removeItem(at: doomed)
        }
    }
}
