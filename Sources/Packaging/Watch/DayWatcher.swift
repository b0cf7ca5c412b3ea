import Foundation
import Programme
import Speech

/// What `loa watch` watches and builds.
public struct WatchOptions: Sendable {
    /// How every build is made (its `date` is replaced by each day watched).
    public var build: DayBuildOptions
    /// Days from today to build: 2 is today and tomorrow.
    public var days: Int = 2
    /// Fixed days instead (tests, or a department that builds a set date).
    public var dates: [CalendarDate]?
    /// Seconds between looks at the files.
    public var interval: Double = 2
    /// Seconds the files must stay the same (size and time) before a build: a file being
    /// saved or copied is not read half-written.
    public var settle: Double = 3

    public init(build: DayBuildOptions) { self.build = build }
}

/// `loa watch`: looks at `loa.yaml`, the approvals file, `Bulletins/` and `Voices/` every few
/// seconds; once what changed has stopped changing, rebuilds the days watched (today and
/// tomorrow) and logs what each rebuild changed, which stations and slots; keeps going
/// through bad files (reported in the log and in `Output/.loa-watch.json`, which the server's
/// pages show) and through builds that fail (the day on air stays as it was).
///
/// Started again after a stop, it builds at once: a build whose inputs are the ones the day
/// was made from does nothing (`BuildRecord`), one whose inputs changed while the watcher was
/// down rebuilds only what they changed.
public final class DayWatcher: @unchecked Sendable {
    public let options: WatchOptions
    let engine: SpeechEngine
    /// Told each log line.
    let log: @Sendable (String) -> Void
    private var status = WatchStatus()

    public init(options: WatchOptions, engine: SpeechEngine = .shared, log: @escaping @Sendable (String) -> Void) {
        self.options = options
        self.engine = engine
        self.log = log
        if let data = FileManager.default.contents(atPath: options.build.output.appendingPathComponent(WatchStatus.fileName).path),
           let earlier = WatchStatus.read(from: data) {
            status = earlier
        }
    }

    /// Watches until the task is cancelled.
    public func run() async {
        var built: InputSnapshot?
        var builtDays: [CalendarDate] = []
        var seen = snapshot()
        var changedAt = Date.distantPast
        var announced = false
        while !Task.isCancelled {
            let days = watchedDays()
            let current = snapshot()
            if current != seen {
                seen = current
                changedAt = Date()
                if !announced, built != nil {
                    log("change seen: \(current.changes(since: built!).prefix(5).joined(separator: ", ")); waiting until it settles")
                    announced = true
                }
            }
            if Date().timeIntervalSince(changedAt) >= options.settle, current != built || days != builtDays {
                let changes = built.map { current.changes(since: $0) } ?? ["(started: building the days watched)"]
                let toBuild = current != built ? days : days.filter { !builtDays.contains($0) }
                for day in toBuild where !Task.isCancelled {
                    await build(day, changes: changes)
                }
                built = current
                builtDays = days
                announced = false
            }
            try? await Task.sleep(nanoseconds: UInt64(options.interval * 1e9))
        }
    }

    func watchedDays() -> [CalendarDate] {
        if let dates = options.dates { return dates }
        let today = CalendarDate.today()
        return (0 ..< max(options.days, 1)).map { today.adding(days: $0) }
    }

    func snapshot() -> InputSnapshot {
        let build = options.build
        var files = [build.config]
        if let province = try? ProvinceLoader.load(build.config, display: build.config.path) {
            files.append(ApprovalBook.file(of: province, configFolder: build.config.deletingLastPathComponent()))
            for jingle in [province.output.openingJingle, province.output.closingJingle].compactMap({ $0 }) {
                files.append(build.config.deletingLastPathComponent().appendingPathComponent(jingle))
            }
        }
        return InputSnapshot.take(files: files, folders: [build.bulletins, build.voices], display: Self.display)
    }

    /// Builds one day and logs what it changed.
    func build(_ day: CalendarDate, changes: [String]) async {
        var options = self.options.build
        options.date = day
        let started = Date()
        let report = await DayBuild(options: options, engine: engine).run()
        let seconds = Date().timeIntervalSince(started)
        let problems = report.diagnostics.map(\.description)
        let summary: String
        switch report.outcome {
        case _ where report.unchangedDay:
            summary = "\(day): unchanged (the day was built from these inputs)"
        case .failed, .outputFailed:
            summary = String(format: "\(day): NOT rebuilt (%.1f s): the day on air is as it was; see the problems", seconds)
        default:
            let written = report.stations.count - report.keptUnchanged.count
            summary = String(format: "\(day): rebuilt in %.1f s: %d programmes rewritten in %d stations, %d stations unchanged",
                             seconds, report.rewrittenProgrammes, written, report.keptUnchanged.count)
                + (report.failedStations.isEmpty ? "" : "; FAILED: \(report.failedStations.joined(separator: ", ")) (previous packs kept)")
        }
        // The status file first, then the details, the summary line last: whoever acts on the
        // summary (a person, a script, the tests) finds the status page and the log already
        // saying everything about this build.
        record(WatchStatus.Event(time: Self.clock(), date: day.description, changes: changes, summary: summary,
                                 programmes: report.changedProgrammes, problems: problems),
               day: day, problems: problems)
        for problem in problems { log("\(day): \(problem)") }
        if !report.unchangedDay, !report.changedProgrammes.isEmpty {
            log("\(day): programmes changed: \(Self.grouped(report.changedProgrammes))")
        }
        log(summary)
    }

    /// `PD/sang, PD/trua, TL/sang` as `PD (sang, trua), TL (sang)`.
    static func grouped(_ programmes: [String]) -> String {
        var order: [String] = []
        var slots: [String: [String]] = [:]
        for programme in programmes {
            let parts = programme.split(separator: "/", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            if slots[parts[0]] == nil { order.append(parts[0]) }
            slots[parts[0], default: []].append(parts[1])
        }
        return order.map { "\($0) (\(slots[$0]!.joined(separator: ", ")))" }.joined(separator: ", ")
    }

    private func record(_ event: WatchStatus.Event, day: CalendarDate, problems: [String]?) {
        status.events.append(event)
        if status.events.count > WatchStatus.keptEvents { status.events.removeFirst(status.events.count - WatchStatus.keptEvents) }
        if let problems { status.problems[day.description] = problems }
        let watched = Set(watchedDays().map(\.description))
        status.problems = status.problems.filter { watched.contains($0.key) }
        status.updated = Self.clock()
        do {
            try FileManager.default.createDirectory(at: options.build.output, withIntermediateDirectories: true)
            try status.write(in: options.build.output)
        } catch {
            log("cannot write \(WatchStatus.fileName): \(error.localizedDescription)")
        }
    }

    static func clock() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: Date())
    }

    static func display(_ url: URL) -> String {
        let cwd = FileManager.default.currentDirectoryPath + "/"
        let path = url.standardizedFileURL.path
        return path.hasPrefix(cwd) ? String(path.dropFirst(cwd.count)) : path
    }
}
