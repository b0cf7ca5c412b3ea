import Foundation
import Programme
#if canImport(Glibc)
import Glibc
#endif

/// Shows a build's progress on standard error: on a terminal, one line redrawn five times a
/// second (`mastering  812/1775 takes  ▕████▍     ▏ 46 %  93/s  0:10 left`); otherwise (a log
/// file, cron) a plain line when a stage starts and ends, and every 15 s between.
final class ProgressDisplay: @unchecked Sendable {
    let progress = BuildProgress()
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private let timer: DispatchSourceTimer
    private let lock = NSLock()
    private var lastPlain: [String: (done: Int, at: Date)] = [:]
    private var finished: Set<String> = []
    private var drawn = false

    init() {
        timer = DispatchSource.makeTimerSource(queue: .global(qos: .utility))
        timer.schedule(deadline: .now() + 0.2, repeating: isTerminal ? 0.2 : 1.0)
        timer.setEventHandler { [weak self] in self?.draw() }
        timer.resume()
    }

    /// Stops drawing and clears the line.
    func stop() {
        timer.cancel()
        lock.withLock {
            if isTerminal && drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        }
    }

    private func draw() {
        lock.withLock {
            let running = progress.stages.compactMap { counter in counter.figures.map { (counter, $0) } }
            guard !running.isEmpty else { return }
            if isTerminal {
                // The stage under way: the last one started.
                let (counter, figures) = running.last!
                FileHandle.standardError.write(Data(("\r\u{1B}[K" + Self.line(counter, figures, bar: true)).utf8))
                drawn = true
                return
            }
            for (counter, figures) in running where !finished.contains(counter.stage) {
                let last = lastPlain[counter.stage]
                let done = figures.total > 0 && figures.done >= figures.total
                if last == nil || done || Date().timeIntervalSince(last!.at) >= 15 {
                    if last?.done == figures.done && !done { continue }
                    FileHandle.standardError.write(Data(("loa: " + Self.line(counter, figures, bar: false) + "\n").utf8))
                    lastPlain[counter.stage] = (figures.done, Date())
                    if done { finished.insert(counter.stage) }
                }
            }
        }
    }

    static func line(_ counter: ProgressCounter, _ figures: (done: Int, total: Int, seconds: Double), bar: Bool) -> String {
        let (done, total, seconds) = figures
        let share = total > 0 ? min(1, Double(done) / Double(total)) : 1
        let rate = seconds > 0.5 ? Double(done) / seconds : 0
        var text = "\(counter.stage.padding(toLength: 10, withPad: " ", startingAt: 0)) \(done)/\(total) \(counter.unit)"
        if bar {
            let width = 20, filled = Int(share * Double(width))
            text += "  ▕" + String(repeating: "█", count: filled) + String(repeating: " ", count: width - filled) + "▏"
        }
        text += String(format: " %3.0f %%", share * 100)
        if rate > 0 { text += String(format: "  %.0f/s", rate) }
        if rate > 0, done < total {
            let left = Int(Double(total - done) / rate)
            text += "  \(left / 60):" + (left % 60 < 10 ? "0" : "") + "\(left % 60) left"
        }
        return text
    }
}
