import Foundation
import Programme

/// Writes stations' packs on a thread of its own while the build masters the next
/// stations' takes.
///
/// A province's programme files are about 4 GB, written once and mostly disk time; written
/// after the mastering they added 5–6 s to a province build, written beside it they cost
/// the mastering only the hashing. One writer is enough to keep up, and leaves the
/// cores to the mastering; programmes rendered whole (WAV masters, measured whole; the
/// benchmark's baseline, encoded whole) are CPU work, and get a writer per core. A rebuild
/// from the take cache has almost nothing to master and waits on the disk: two writers per
/// core keep several direct writes in flight. Stations are handed over in
/// batches with a copy of the take store as it then is (copy on write: the takes' audio
/// is shared, not copied).
final class PackPipeline: @unchecked Sendable {
    typealias Outcome = Result<(StationPlan, StationManifest), PlanningError>

    private let writer: StationPackWriter
    private let staging: URL
    private let queues: [DispatchQueue]
    private var handedOver = 0
    private let lock = NSLock()
    private var outcomes: [Int: Outcome] = [:]
    private var failure: Error?
    /// Counts the packs written, for a progress display.
    var counter: ProgressCounter?

    init(writer: StationPackWriter, staging: URL, writers: Int = 1) {
        self.writer = writer
        self.staging = staging
        queues = (0 ..< max(writers, 1)).map { DispatchQueue(label: "loa.packs.\($0)", qos: .userInitiated) }
    }

    /// Queues the packs of `stations` (position in the province, plan); every take their
    /// programmes air must be in `takes`. Stations go to the writers in turn. Called from
    /// one task at a time.
    func write(_ stations: [(position: Int, plan: StationPlan)], takes: TakeStore) {
        for (position, plan) in stations {
            let queue = queues[handedOver % queues.count]
            handedOver += 1
            queue.async { [self] in
                guard lock.withLock({ failure == nil }) else { return }
                do {
                    let folder = staging.appendingPathComponent(plan.station.code)
                    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
                    let manifest = try writer.write(plan: plan, takes: takes, to: folder)
                    lock.withLock { outcomes[position] = .success((plan, manifest)) }
                    counter?.add()
                } catch {
                    lock.withLock { failure = failure ?? error }
                }
            }
        }
    }

    /// Drops the packs not yet written; `finish` then throws `error`.
    func stop(because error: Error) {
        lock.withLock { failure = failure ?? error }
    }

    /// Records a station that could not be planned.
    func record(_ error: PlanningError, at position: Int) {
        lock.withLock { outcomes[position] = .failure(error) }
    }

    /// Waits for every queued pack; the outcomes by position, or the first write error.
    func finish() async throws -> [Int: Outcome] {
        for queue in queues {
            await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in queue.async { done.resume() } }
        }
        return try lock.withLock {
            if let failure { throw failure }
            return outcomes
        }
    }
}
