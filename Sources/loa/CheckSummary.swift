import Foundation
import Packaging

/// `loa check`'s report for people: a block per bulletin, problems in the compiler's shape
/// (so editors can jump to them), what airs where, then one line that sums up.
enum CheckSummary {
    static func print(_ report: CheckReport) {
        for problem in report.problems { Swift.print(problem) }
        if report.stopped {
            Swift.print("nothing checked: fix the error above")
            return
        }
        for bulletin in report.bulletins {
            Swift.print("")
            Swift.print(bulletin.file + (bulletin.title.map { ": \($0)" } ?? ""))
            if let recording = bulletin.recording { Swift.print("  recording: \(recording.file): \(recording.summary)") }
            if let approval = bulletin.approval { Swift.print("  approval: \(approval.summary)") }
            for problem in bulletin.problems { Swift.print("  \(problem)") }
            Swift.print("  " + airing(bulletin, date: report.date))
            for deferral in bulletin.deferred { Swift.print("  deferred: \(deferral.station) \(deferral.slot) was full") }
            if !bulletin.findings.isEmpty {
                Swift.print("  the reader may stumble on \(bulletin.findings.count):")
                for finding in bulletin.findings.prefix(10) { Swift.print("    \(finding)") }
                if bulletin.findings.count > 10 { Swift.print("    … and \(bulletin.findings.count - 10) more") }
            }
        }
        for failure in report.stationFailures { Swift.print("station failure: \(failure)") }
        let airing = report.bulletins.filter { !$0.airings.isEmpty }.count
        let broken = report.bulletins.filter(\.hasErrors).count
        Swift.print("")
        Swift.print("\(report.date): \(report.bulletins.count) bulletin file\(report.bulletins.count == 1 ? "" : "s"), "
            + "\(airing) air, \(broken) with errors; nothing was written")
    }

    /// Where it airs on the day, or why not.
    static func airing(_ bulletin: CheckReport.Bulletin, date: String) -> String {
        guard bulletin.id != nil else { return "does not air: it cannot be read (see above)" }
        guard bulletin.airsToday else {
            if bulletin.approval.map({ !["approved", "approved-header"].contains($0.state) }) ?? false {
                return "does not air on \(date): not approved"
            }
            return "does not air on \(date) (not valid that day, or see above)"
        }
        var lines: [String] = []
        if !bulletin.airings.isEmpty {
            let spoken = Set(bulletin.airings.map(\.spokenMs)).sorted().map(clock).joined(separator: " / ")
            lines.append("airs on \(date), \(bulletin.recording == nil ? "spoken length" : "recorded, length") \(spoken):")
            let byStation = Dictionary(grouping: bulletin.airings, by: \.station)
            for station in byStation.keys.sorted() {
                let slots = byStation[station]!.map { "\($0.slot) \($0.slotStart) +\(clock($0.startMs))" }.joined(separator: ", ")
                lines.append("    \(station): \(slots)")
            }
        }
        if !bulletin.notAiredAt.isEmpty {
            lines.append("NOT AIRED at \(bulletin.notAiredAt.joined(separator: ", ")): it fits in no slot there today")
        }
        return lines.isEmpty ? "airs at no station on \(date): it targets none" : lines.joined(separator: "\n  ")
    }

    static func clock(_ ms: Int) -> String { BuildSummary.clock(ms) }
}
