import Foundation

/// Work done in one stage of a build, counted as it is done, for a progress display.
/// Thread-safe: mastering tasks and pack writers count from their own threads.
public final class ProgressCounter: @unchecked Sendable {
    /// `synthesis`, `mastering`, `packs`.
    public let stage: String
    /// What is counted: `sentences`, `takes`, `stations`.
    public let unit: String
    private let lock = NSLock()
    private var total = 0, done = 0
    private var started: Date?

    public init(stage: String, unit: String) {
        self.stage = stage
        self.unit = unit
    }

    /// Adds `count` to the work expected (the stage starts with the first call).
    public func expect(_ count: Int) {
        lock.withLock {
            if started == nil { started = Date() }
            total += count
        }
    }

    /// Counts `count` more done.
    public func add(_ count: Int = 1) { lock.withLock { done += count } }

    /// Done, expected, and seconds since the stage started (nil before it has).
    public var figures: (done: Int, total: Int, seconds: Double)? {
        lock.withLock { started.map { (done, total, Date().timeIntervalSince($0)) } }
    }
}

/// The stages a day's build counts: sentences synthesized, takes mastered (or read from the
/// take cache), station packs written (or kept).
public struct BuildProgress: Sendable {
    public let synthesis = ProgressCounter(stage: "synthesis", unit: "sentences")
    public let mastering = ProgressCounter(stage: "mastering", unit: "takes")
    public let packs = ProgressCounter(stage: "packs", unit: "stations")

    public init() {}

    public var stages: [ProgressCounter] { [synthesis, mastering, packs] }
}
