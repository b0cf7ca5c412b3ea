import Foundation
import Programme
import Speech
import VietnameseText

/// `loa check`: everything the day's build would say about the bulletins, without writing
/// any audio: problems with each file, its approval, what the normalizer could not read,
/// and for the date the stations and slots it airs in with its spoken length (from
/// synthesis, which is cheap; a recording's, measured), or why it is deferred or not aired.
///
/// It reads what the build reads (`DayInputs`) and plans as the build plans (`Planner` on
/// the synthesized lengths), so what it says is what the build will do. Only a scratch
/// spool in the system's temporary folder is written, and removed.
public struct BulletinCheck {
    public var date: CalendarDate
    public var config: URL
    public var bulletins: URL
    public var voices: URL
    /// Only these files (paths as shown, relative to the working folder), all when empty.
    public var files: [String]
    public var engine: SpeechEngine

    public init(date: CalendarDate, config: URL, bulletins: URL, voices: URL, files: [String] = [],
                engine: SpeechEngine = .shared) {
        self.date = date
        self.config = config
        self.bulletins = bulletins
        self.voices = voices
        self.files = files
        self.engine = engine
    }

    /// Checks; a bad `loa.yaml`, voices or key gives a report with `stopped` set.
    public func run() async -> CheckReport {
        var report = CheckReport(date: date.description)
        do {
            try await check(into: &report)
        } catch let error as ConfigError {
            report.problems.append(.init(error.diagnostic))
            report.stopped = true
        } catch {
            report.problems.append(.init(Diagnostic(.error, file: displayPath(config), "check failed: \(error)")))
            report.stopped = true
        }
        return report
    }

    private func check(into report: inout CheckReport) async throws {
        let inputs = try await DayInputs.read(date: date, config: config, bulletins: bulletins, voices: voices,
                                              engine: engine, display: displayPath)
        let province = inputs.province
        let wanted = Set(files.map { URL(fileURLWithPath: $0).standardizedFileURL.path })
        func selected(_ file: String) -> Bool {
            wanted.isEmpty || wanted.contains(URL(fileURLWithPath: file).standardizedFileURL.path)
        }
        // Every file that is a bulletin or was reported, in path order.
        let bulletinFiles = Set(inputs.bulletins.map(\.file))
        let reported = inputs.diagnostics.map(\.file).filter { $0.hasPrefix(displayPath(bulletins)) || bulletinFiles.contains($0) }
        let paths = Set(inputs.bulletins.map(\.file) + reported).filter(selected).sorted()
        for path in wanted.subtracting(Set(paths).map { URL(fileURLWithPath: $0).standardizedFileURL.path }).sorted() {
            report.problems.append(.init(Diagnostic(.error, file: displayPath(URL(fileURLWithPath: path)),
                "is not a bulletin in \(displayPath(bulletins)); loa check reads that folder as the build does: "
                    + "put the file there (or give --bulletins its folder) and check again")))
        }
        let (plans, failures) = try await plan(inputs)
        report.stationFailures = failures
        let sampleRate = province.output.sampleRate
        for path in paths {
            var entry = CheckReport.Bulletin(file: path)
            if let bulletin = inputs.bulletins.first(where: { $0.file == path }) {
                entry.id = bulletin.id
                entry.title = bulletin.title
                entry.approval = inputs.approvalStates[path].map { .init(state: $0.code, summary: $0.summary) }
                entry.recording = bulletin.recording.map(CheckReport.RecordingInfo.init)
                entry.findings = inputs.findings.first { $0.source == bulletin.id }?.findings.map(\.description) ?? []
                for plan in plans {
                    for programme in plan.programmes {
                        if let item = programme.items.first(where: { [.bulletin, .recording].contains($0.segment.kind) && $0.segment.id == bulletin.id }) {
                            entry.airings.append(.init(station: plan.station.code, slot: programme.slot.id,
                                                       slotStart: programme.slot.startText,
                                                       startMs: item.startFrame * 1000 / sampleRate,
                                                       spokenMs: item.segment.frames * 1000 / sampleRate,
                                                       voice: item.segment.voice))
                        }
                        if programme.deferred.contains(bulletin.id) {
                            entry.deferred.append(.init(station: plan.station.code, slot: programme.slot.id))
                        }
                    }
                    if plan.notAired.contains(bulletin.id) { entry.notAiredAt.append(plan.station.code) }
                }
                entry.airsToday = inputs.airing.contains { $0.id == bulletin.id }
            }
            entry.problems = inputs.diagnostics.filter { $0.file == path }.map(CheckReport.Problem.init)
            report.bulletins.append(entry)
        }
        report.problems += inputs.diagnostics.filter { !paths.contains($0.file) && !selectedElsewhere($0.file, inputs) }
            .map(CheckReport.Problem.init)
    }

    /// A diagnostic about a bulletin that was left out by the FILE arguments is not shown.
    private func selectedElsewhere(_ file: String, _ inputs: DayInputs) -> Bool {
        !files.isEmpty && (inputs.bulletins.contains { $0.file == file } || file.hasPrefix(displayPath(bulletins)))
    }

    /// Every station's day planned on the synthesized lengths, as the build plans it, and
    /// why the build would fail for a station (urgent bulletins overrunning a slot).
    private func plan(_ inputs: DayInputs) async throws -> (plans: [StationPlan], failures: [String]) {
        let province = inputs.province
        let formats = Set(province.stations.flatMap { province.formats(for: $0) })
        let master = try TakeMaster(settings: province.output, makesMP3: formats.contains(.mp3), keepsSound: false)
        let items = ItemWriter(province: province, voices: inputs.voices, normalizer: inputs.normalizer, date: date)
        let spool = FileManager.default.temporaryDirectory.appendingPathComponent("loa-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: spool, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: spool) }
        var takes = try TakeStore(voices: inputs.voices, master: master, assetsFolder: config.deletingLastPathComponent(),
                                  spoolFolder: spool)
        var drafts: [(Station, [String: ItemDraft], [String: ItemDraft], [(Bulletin, ItemDraft)])] = []
        var keys: [TakeKey] = []
        for station in province.stations {
            let openings = Dictionary(uniqueKeysWithValues: province.slots.map { ($0.id, items.opening(station: station, slot: $0)) })
            let closings = Dictionary(uniqueKeysWithValues: province.slots.map { ($0.id, items.closing(station: station, slot: $0)) })
            let bulletins = inputs.airing.filter { $0.targets(station: station.code, district: station.districtCode) }
                .compactMap { bulletin in inputs.scripts[bulletin.id].map { (bulletin, items.bulletin(bulletin, script: $0, station: station)) } }
            keys += openings.values.flatMap(\.takes) + closings.values.flatMap(\.takes) + bulletins.flatMap(\.1.takes)
            drafts.append((station, openings, closings, bulletins))
        }
        try await takes.prepare(keys, engine: engine)
        let planner = Planner(sampleRate: province.output.sampleRate)
        var plans: [StationPlan] = []
        var failures: [String] = []
        for (station, openings, closings, bulletins) in drafts {
            do throws(PlanningError) {
                plans.append(try planner.plan(station: station, slots: province.slots,
                                              openings: openings.mapValues { $0.segment(takes) },
                                              closings: closings.mapValues { $0.segment(takes) },
                                              candidates: bulletins.map { Candidate(bulletin: $0.0, segment: $0.1.segment(takes)) }))
            } catch {
                failures.append(error.description)
            }
        }
        return (plans, failures)
    }

    /// Paths under the working directory are shown relative to it, as the build shows them.
    private func displayPath(_ url: URL) -> String {
        let cwd = FileManager.default.currentDirectoryPath + "/"
        let path = url.standardizedFileURL.path
        return path.hasPrefix(cwd) ? String(path.dropFirst(cwd.count)) : path
    }
}
