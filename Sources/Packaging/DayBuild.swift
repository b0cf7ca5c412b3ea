import Audio
import Foundation
import Programme
import Speech
import VietnameseText

/// How programme files are made from their takes.
public enum Assembly: String, Sendable, CaseIterable {
    /// Each distinct take is levelled and encoded once; programmes are joined from encoded
    /// takes (the fast way, and the default).
    case segments
    /// Each programme is rendered whole and encoded whole (the straightforward way; kept as
    /// the benchmark's baseline).
    case whole
}

/// Where the day's build reads and writes, and what it makes.
public struct DayBuildOptions: Sendable {
    public var date: CalendarDate
    public var config: URL
    public var bulletins: URL
    public var voices: URL
    public var output: URL
    /// Only these stations (all when nil).
    public var stations: [String]?
    /// Formats for every station, overriding `loa.yaml` (nil keeps the configuration's).
    public var formats: [OutputFormat]?
    public var assembly: Assembly

    public init(date: CalendarDate, config: URL, bulletins: URL, voices: URL, output: URL,
                stations: [String]? = nil, formats: [OutputFormat]? = nil, assembly: Assembly = .segments) {
        self.date = date
        self.config = config
        self.bulletins = bulletins
        self.voices = voices
        self.output = output
        self.stations = stations
        self.formats = formats
        self.assembly = assembly
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
    /// Normalizer findings, by bulletin id (or the staff lexicon).
    public var findings: [(source: String, findings: [Finding])] = []
    public var failedStations: [String] = []
    public var outputFolder: URL?
    /// Distinct takes made (sentences and jingles with their pauses).
    public var distinctTakes = 0
    /// Seconds of audio in those takes (sound, pauses and codec padding): the audio made once.
    public var distinctAudioSeconds = 0.0
    /// Wall-clock seconds of each stage, for the summary (reading, takes, packs).
    public var stageSeconds: [(stage: String, seconds: Double)] = []

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
            report.outputFolder = nil  // the outcome is then `.failed`
        } catch {
            report.diagnostics.append(Diagnostic(.error, file: options.output.path, "build failed: \(error)"))
            report.outputFolder = nil
        }
        return report
    }

    private func build(into report: inout DayBuildReport) async throws {
        let date = options.date
        let clock = ContinuousClock()
        var stageStart = clock.now
        func endStage(_ name: String) {
            let elapsed = stageStart.duration(to: clock.now)
            report.stageSeconds.append((name, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18))
            stageStart = clock.now
        }
        var province = try ProvinceLoader.load(options.config, display: displayPath(options.config))
        if let formats = options.formats {
            province.output.formats = formats
            for d in province.districts.indices {
                for s in province.districts[d].stations.indices { province.districts[d].stations[s].formats = nil }
            }
        }
        let voices = try VoiceLibrary.load(directory: options.voices, displayPrefix: displayPath(options.voices))
        try checkVoices(of: province, in: voices)
        let stations = try selectedStations(of: province)

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

        // Every station's items, as takes; then every distinct take is made once.
        let formats = Set(stations.flatMap { province.formats(for: $0) })
        let keepsSound = formats.contains(.wav) || options.assembly == .whole
        let master = try TakeMaster(settings: province.output, makesMP3: formats.contains(.mp3), keepsSound: keepsSound)
        let items = ItemWriter(province: province, voices: voices, normalizer: normalizer, date: date)
        var stationItems: [(station: Station, openings: [String: ItemDraft], closings: [String: ItemDraft],
                            bulletins: [(Bulletin, ItemDraft)])] = []
        var allTakes: [TakeKey] = []
        for station in stations {
            let openings = Dictionary(uniqueKeysWithValues: province.slots.map { ($0.id, items.opening(station: station, slot: $0)) })
            let closings = Dictionary(uniqueKeysWithValues: province.slots.map { ($0.id, items.closing(station: station, slot: $0)) })
            let bulletins = airing.filter { $0.targets(station: station.code, district: station.districtCode) }
                .compactMap { bulletin in scripts[bulletin.id].map { (bulletin, items.bulletin(bulletin, script: $0, station: station)) } }
            allTakes += openings.values.flatMap(\.takes) + closings.values.flatMap(\.takes) + bulletins.flatMap(\.1.takes)
            stationItems.append((station, openings, closings, bulletins))
        }
        endStage("reading")

        let staging = options.output.appendingPathComponent(".\(date).partial")
        try? FileManager.default.removeItem(at: staging)
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        var takes = try TakeStore(voices: voices, master: master, assetsFolder: options.config.deletingLastPathComponent(),
                                  spoolFolder: staging)
        try await takes.prepare(allTakes, engine: engine)
        endStage("speech")

        // Every station is planned on the real lengths; then only the takes that air are mastered.
        let planner = Planner(sampleRate: province.output.sampleRate)
        let prepared = takes, slots = province.slots
        let plans: [Result<StationPlan, PlanningError>] = stationItems.map { station, openings, closings, bulletins in
            do throws(PlanningError) {
                return .success(try planner.plan(station: station, slots: slots,
                                                 openings: openings.mapValues { $0.segment(prepared) },
                                                 closings: closings.mapValues { $0.segment(prepared) },
                                                 candidates: bulletins.map { Candidate(bulletin: $0.0, segment: $0.1.segment(prepared)) }))
            } catch {
                return .failure(error)
            }
        }
        // Takes are mastered shared ones first, then a batch of stations at a time; each
        // batch's packs are written on the pack thread while the next batch is mastered.
        let writer = StationPackWriter(province: province, date: date, espeakVersion: try await engine.engineVersion(),
                                       assembly: options.assembly)
        // Rendering and measuring whole programmes (WAV masters, the baseline) is CPU work:
        // a writer per core. Joining MP3 takes is disk work: one writer.
        let pipeline = PackPipeline(writer: writer, staging: staging,
                                    writers: keepsSound ? ProcessInfo.processInfo.activeProcessorCount : 1)
        for (position, plan) in plans.enumerated() {
            if case .failure(let error) = plan { pipeline.record(error, at: position) }
        }
        let order = MasteringOrder(plans: plans)
        do {
            try await takes.master(order.shared)
            for batch in order.batches {
                try await takes.master(batch.keys)
                pipeline.write(batch.stations.compactMap { position in
                    guard case .success(let plan) = plans[position] else { return nil }
                    return (position, plan)
                }, takes: takes)
            }
        } catch {
            // No pack is written once the build has failed.
            pipeline.stop(because: error)
            _ = try? await pipeline.finish()
            throw error
        }
        takes.releaseRawSound()
        report.distinctTakes = takes.takes.count
        report.distinctAudioSeconds = Double(takes.takes.values.reduce(0) { $0 + $1.frames }) / Double(province.output.sampleRate)
        endStage("takes")

        var index = DayIndex(schemaVersion: StationManifest.currentSchemaVersion, loaVersion: LoaVersion.current,
                             province: province.name, date: date.description, stations: [], problems: [])
        let outcomes = try await pipeline.finish()
        let packs = plans.indices.compactMap { outcomes[$0] }
        for ((station, _, _, _), pack) in zip(stationItems, packs) {
            switch pack {
            case .failure(let error):
                report.failedStations.append(station.code)
                report.diagnostics.append(Diagnostic(.error, file: province.file, error.description))
            case .success(let (plan, manifest)):
                index.stations.append(DayIndex.StationEntry(
                    code: station.code, name: station.name,
                    district: province.district(code: station.districtCode)?.name ?? station.districtCode,
                    manifest: "\(station.code)/manifest.json",
                    slots: manifest.slots.map { .init(id: $0.id, file: "\(station.code)/\($0.file)",
                                                       durationMs: $0.durationMs, sha256: $0.sha256) }))
                report.stations.append(.init(
                    code: station.code, name: station.name,
                    slots: manifest.slots.map { ($0.id, $0.durationMs, $0.maxMs, $0.items.count, $0.deferred) },
                    notAired: plan.notAired, underMinimum: plan.underMinimum))
            }
        }
        index.problems = report.diagnostics.map {
            .init(severity: $0.severity.rawValue, file: $0.file, line: $0.line, message: $0.message)
        }
        try JSONFile.write(index, to: staging.appendingPathComponent("index.json"))
        endStage("packs")

        let final = options.output.appendingPathComponent(date.description)
        try? FileManager.default.removeItem(at: final)
        try FileManager.default.moveItem(at: staging, to: final)
        report.outputFolder = final
    }

    /// The stations to build: all, or those named with `--stations` (unknown codes are an error).
    private func selectedStations(of province: Province) throws(ConfigError) -> [Station] {
        guard let codes = options.stations else { return province.stations }
        let known = Set(province.stations.map(\.code))
        if let unknown = codes.first(where: { !known.contains($0) }) {
            throw ConfigError(Diagnostic(.error, file: province.file, "station '\(unknown)' given to --stations is not in the province"))
        }
        return province.stations.filter { codes.contains($0.code) }
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
