import Foundation
import Packaging
import Programme

/// The console summary of a day's build: problems first, then a line per station.
enum BuildSummary {
    static func print(_ report: DayBuildReport, date: CalendarDate) {
        if report.unchangedDay {
            Swift.print("unchanged: \(report.outputFolder?.path ?? "the day") was built from these same inputs and is whole; nothing written"
                + (report.outcome == .complete ? "" : " (that build exited \(report.outcome.rawValue): its problems are in index.json)"))
            return
        }
        for diagnostic in report.diagnostics {
            FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8))
        }
        for (source, findings) in report.findings where !findings.isEmpty {
            Swift.print("normalizer: \(source): \(findings.count) to check")
            for finding in findings.prefix(10) { Swift.print("  \(finding)") }
            if findings.count > 10 { Swift.print("  … and \(findings.count - 10) more") }
        }
        for station in report.stations {
            let slots = station.slots.map { slot in
                "\(slot.id) \(clock(slot.durationMs))/\(clock(slot.maxMs)) (\(slot.items) items"
                    + (slot.deferred.isEmpty ? ")" : ", deferred: \(slot.deferred.joined(separator: ", ")))")
            }.joined(separator: "; ")
            var line = "\(station.code.padding(toLength: max(6, station.code.count), withPad: " ", startingAt: 0)) \(station.name): \(slots)"
            if !station.notAired.isEmpty { line += "; NOT AIRED: \(station.notAired.joined(separator: ", "))" }
            if !station.underMinimum.isEmpty { line += "; under minimum: \(station.underMinimum.joined(separator: ", "))" }
            Swift.print(line)
        }
        for code in report.failedStations {
            Swift.print("\(code): FAILED (see above)"
                + (report.keptStations.contains(code) ? "; its previous pack for \(date) stays on air" : ""))
        }
        if !report.stageSeconds.isEmpty, report.stopped == nil {
            Swift.print("time: " + report.stageSeconds.map { String(format: "%@ %.1f s", $0.stage, $0.seconds) }.joined(separator: ", ")
                + String(format: "; %d distinct takes, %.0f s of audio", report.distinctTakes, report.distinctAudioSeconds))
        }
        if report.stopped == nil, report.outputFolder != nil {
            let written = report.stations.count - report.keptUnchanged.count
            var line = "rewritten: \(report.rewrittenProgrammes) programmes (\(written) stations); "
                + "unchanged: \(report.keptUnchanged.count) stations kept as they were; "
                + "synthesized \(report.synthesized) sentences, mastered \(report.mastered) takes"
            if let cache = report.cache {
                line += "; take cache: \(cache.takesFound) takes and \(cache.lengthsFound) lengths found, \(cache.written) entries written"
                    + (cache.damaged > 0 ? ", \(cache.damaged) damaged entries made again" : "")
            }
            Swift.print(line)
        }
        for notice in report.notices { Swift.print("note: \(notice)") }
        if let folder = report.outputFolder, report.stopped == nil {
            Swift.print("report: \(folder.appendingPathComponent(DayReport.fileName).path) (with loa serve: /\(date)/report)")
        }

        if report.outputFolder != nil, let key = report.signingKey {
            Swift.print(key == PackSeal.unsignedName
                ? "UNSIGNED: built with --unsigned; stations' loa fetch will refuse these packs"
                : "signed with department key \(key) (manifest.json.minisig, index.json.minisig)")
        }
        switch report.outcome {
        case .complete:
            Swift.print("built \(date) for \(report.stations.count) stations (\(report.distinctTakes) distinct takes) → \(report.outputFolder?.path ?? "")")
        case .partial:
            Swift.print("built \(date) for \(report.stations.count) stations with problems (listed above) → \(report.outputFolder?.path ?? "")")
        case .failed:
            Swift.print("nothing built for \(date): fix the error above; the day's output is unchanged")
        case .outputFailed:
            Swift.print("nothing built for \(date): the output could not be written (above); the day's output is unchanged")
        }
    }

    /// What `--quiet` prints: the problems, and the outcome when the build was not complete.
    static func printProblems(_ report: DayBuildReport) {
        for diagnostic in report.diagnostics where diagnostic.severity == .error {
            FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8))
        }
        for code in report.failedStations {
            FileHandle.standardError.write(Data("\(code): FAILED; its previous pack stays on air\n".utf8))
        }
        for station in report.stations where !station.notAired.isEmpty {
            FileHandle.standardError.write(Data("\(station.code): NOT AIRED: \(station.notAired.joined(separator: ", "))\n".utf8))
        }
    }

    /// Milliseconds as m:ss.
    static func clock(_ ms: Int) -> String {
        let seconds = ms / 1000
        return "\(seconds / 60):" + (seconds % 60 < 10 ? "0" : "") + "\(seconds % 60)"
    }
}
