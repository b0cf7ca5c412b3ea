/// Wall-clock seconds of each stage of a build, for the console summary.
final class StageTimer {
    private let clock = ContinuousClock()
    private var start: ContinuousClock.Instant
    private(set) var seconds: [(stage: String, seconds: Double)] = []

    init() { start = clock.now }

    /// Ends the stage under way, naming it, and starts the next.
    func end(_ stage: String) {
        let elapsed = start.duration(to: clock.now)
        seconds.append((stage, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18))
        start = clock.now
    }
}
