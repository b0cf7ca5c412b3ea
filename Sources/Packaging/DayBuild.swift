import Audio
import Foundation
import Programme
import Speech
import VietnameseText

/// Where the day's build reads and writes. Relative display paths keep messages short.
public struct DayBuildOptions: Sendable {
    public var date: CalendarDate
    public var config: URL
    public var bulletins: URL
    public var voices: URL
    public var output: URL

    public init(date: CalendarDate, config: URL, bulletins: URL, voices: URL, output: URL) {
        self.date = date
        self.config = config
        self.bulletins = bulletins
        self.voices = voices
        self.output = output
    }
}

/// What the day's build did, for the console summary and the exit status.
public struct DayBuildReport: Sendable {
    public enum Outcome: Int32, Sendable {
        /// Everything built and every bulletin aired.
        case complete = 0
        /// Built, but bulletins were skipped, or not aired, or a station failed.
        case partial = 1
        /// Nothing could be built (bad configuration).
        case failed = 2
    }

    public struct StationSummary: Sendable {
        public var code: String
        public var name: String
        public var slots: [(id: String, durationMs: Int, maxMs: Int, items: Int, deferred: [String])]
        public var notAired: [String]
        public var underMinimum: [String]
    }

    public var diagnostics: [Diagnostic] = []
    public var stations: [StationSummary] = []
    /// Normalizer findings, by bulletin id (or `announcements`).
    public var findings: [(source: String, findings: [Finding])] = []
    public var failedStations: [String] = []
    public var outputFolder: URL?
    public var distinctClips = 0

    public var outcome: Outcome {
        if outputFolder == nil { return .failed }
        let skipped = diagnostics.contains { $0.severity == .error }
        let missed = stations.contains { !$0.notAired.isEmpty }
        return skipped || missed || !failedStations.isEmpty ? .partial : .complete
    }
}

/// The day's build: bulletins and province in, every station's programmes and manifests out.
///
/// Reads only; writes only below the output folder, into a staging folder that replaces
/// `Output/<date>` when complete, so a station never downloads a half-written pack.
public struct DayBuild {
    public var options: DayBuildOptions
    public var engine: SpeechEngine

    public init(options: DayBuildOptions, engine: SpeechEngine = .shared) {
        self.options = options
        self.engine = engine
    }

    public func run() async -> DayBuildReport {
        var report = DayBuildReport()
        do {
            try await build(into: &report)
        } catch let error as ConfigError {
            report.diagnostics.append(error.diagnostic)
            report.outputFolder = nil
        } catch {
            report.diagnostics.append(Diagnostic(.error, file: options.output.path, "build failed: \(error)"))
            report.outputFolder = nil
        }
        return report
    }

    private func build(into report: inout DayBuildReport) async throws {
        let date = options.date
        let province = try ProvinceLoader.load(options.config, display: displayPath(options.config))
        let voices = try VoiceLibrary.load(directory: options.voices, displayPrefix: displayPath(options.voices))
        try checkVoices(of: province, in: voices)

        var lexicon = Lexicon.builtIn
        let staffLexicon = options.bulletins.appendingPathComponent("lexicon.tsv")
        if FileManager.default.fileExists(atPath: staffLexicon.path) {
            let problems = try lexicon.merge(contentsOf: staffLexicon)
            report.findings.append((source: displayPath(staffLexicon), findings: problems))
        }
        let normalizer = Normalizer(lexicon: lexicon)

        let loaded = BulletinLibrary.load(directory: options.bulletins, displayPrefix: displayPath(options.bulletins))
        report.diagnostics += loaded.diagnostics
        let validated = BulletinValidator.validate(loaded.bulletins, province: province, voices: voices)
        report.diagnostics += validated.diagnostics
        let airing = validated.valid.filter { $0.airs(on: date) }

        var scripts: [String: Script] = [:]
        for bulletin in airing {
            let script = Script(bulletin: bulletin, normalizer: normalizer)
            scripts[bulletin.id] = script
            if !script.findings.isEmpty { report.findings.append((source: bulletin.id, findings: script.findings)) }
        }

        let sampleRate = try await engine.sampleRate()
        let planner = Planner(sampleRate: sampleRate)
        var clips = ClipStore(voices: voices, engine: engine)
        let staging = options.output.appendingPathComponent(".\(date).partial")
        try? FileManager.default.removeItem(at: staging)
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        let espeakVersion = try await engine.engineVersion()

        var index = DayIndex(schemaVersion: StationManifest.currentSchemaVersion, loaVersion: LoaVersion.current,
                             province: province.name, date: date.description, stations: [], problems: [])
        for station in province.stations {
            let district = province.district(code: station.districtCode)
            func segment(kind: ItemKind, id: String, title: String, script: Script, voice: String) async throws -> Segment {
                let key = script.clipKey(voice: voice)
                let clip = try await clips.clip(for: key)
                let gap = (voices[voice]?.paragraphPauseMs ?? 0) * sampleRate / 1000
                return Segment(kind: kind, id: id, title: title, voice: voice, frames: clip.frameCount,
                               gapAfterFrames: gap, clipKey: key)
            }
            let stationVoice = province.voice(for: station)
            var openings: [String: Segment] = [:]
            var closings: [String: Segment] = [:]
            for slot in province.slots {
                for (kind, template) in [(ItemKind.opening, province.announcements.opening),
                                         (ItemKind.closing, province.announcements.closing)] {
                    let text = AnnouncementWriter.text(template, station: station, district: district, slot: slot, date: date)
                    let script = Script(paragraphs: [(text, 1)], file: province.file, normalizer: normalizer)
                    let made = try await segment(kind: kind, id: kind.rawValue, title: text, script: script, voice: stationVoice)
                    if kind == .opening { openings[slot.id] = made } else { closings[slot.id] = made }
                }
            }
            var candidates: [Candidate] = []
            for bulletin in airing where bulletin.targets(station: station.code, district: station.districtCode) {
                guard let script = scripts[bulletin.id] else { continue }
                let made = try await segment(kind: .bulletin, id: bulletin.id, title: bulletin.title, script: script,
                                             voice: bulletin.voice ?? stationVoice)
                candidates.append(Candidate(bulletin: bulletin, segment: made))
            }

            let plan: StationPlan
            do {
                plan = try planner.plan(station: station, slots: province.slots, openings: openings,
                                        closings: closings, candidates: candidates)
            } catch {
                report.failedStations.append(station.code)
                report.diagnostics.append(Diagnostic(.error, file: province.file, error.description))
                continue
            }
            let folder = staging.appendingPathComponent(station.code)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let manifest = try StationPackWriter.write(plan: plan, district: district, date: date, clips: clips.clips,
                                                       sampleRate: sampleRate, espeakVersion: espeakVersion, to: folder)
            index.stations.append(DayIndex.StationEntry(
                code: station.code, name: station.name, district: district?.name ?? station.districtCode,
                manifest: "\(station.code)/manifest.json",
                slots: manifest.slots.map { .init(id: $0.id, file: "\(station.code)/\($0.file)",
                                                   durationMs: $0.durationMs, sha256: $0.sha256) }))
            report.stations.append(.init(
                code: station.code, name: station.name,
                slots: manifest.slots.map { ($0.id, $0.durationMs, $0.maxMs, $0.items.count, $0.deferred) },
                notAired: plan.notAired, underMinimum: plan.underMinimum))
        }
        report.distinctClips = clips.clips.count
        index.problems = report.diagnostics.map {
            .init(severity: $0.severity.rawValue, file: $0.file, line: $0.line, message: $0.message)
        }
        try JSONFile.write(index, to: staging.appendingPathComponent("index.json"))

        let final = options.output.appendingPathComponent(date.description)
        try? FileManager.default.removeItem(at: final)
        try FileManager.default.moveItem(at: staging, to: final)
        report.outputFolder = final
    }

    /// Every voice the province names must have a profile, or nothing can air.
    private func checkVoices(of province: Province, in voices: VoiceLibrary) throws(ConfigError) {
        let named = [(province.defaultVoice, "the province's voice")]
            + province.stations.compactMap { station in station.voice.map { ($0, "station \(station.code)'s voice") } }
        for (voice, whose) in named where voices[voice] == nil {
            throw ConfigError(Diagnostic(.error, file: province.file,
                "\(whose) '\(voice)' has no profile in Voices/; expected one of \(voices.ids.joined(separator: ", "))"))
        }
    }

    /// Paths under the working directory are shown relative to it.
    private func displayPath(_ url: URL) -> String {
        let cwd = FileManager.default.currentDirectoryPath + "/"
        let path = url.standardizedFileURL.path
        return path.hasPrefix(cwd) ? String(path.dropFirst(cwd.count)) : path
    }
}
