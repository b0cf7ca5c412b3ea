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
    /// How packs are signed: with the key `loa.yaml` names (default), a given key, or not at all.
    public var signing: PackSigning
    /// The folder takes are kept in between builds (`TakeCache`); nil builds every take afresh.
    public var takeCache: URL?
    /// The take cache's size bound.
    public var takeCacheLimitBytes: Int64 = TakeCache.defaultLimitBytes
    /// Build even when the inputs are those the day was made from (stations whose packs
    /// would come out the same still keep them).
    public var force = false

    /// The take cache's usual place: `.loa-cache/takes/` beside `loa.yaml`.
    public static func defaultTakeCache(config: URL) -> URL {
        config.deletingLastPathComponent().appendingPathComponent(".loa-cache/takes")
    }

    public init(date: CalendarDate, config: URL, bulletins: URL, voices: URL, output: URL,
                stations: [String]? = nil, formats: [OutputFormat]? = nil, assembly: Assembly = .segments,
                signing: PackSigning = .configured, takeCache: URL? = nil) {
        self.takeCache = takeCache
        self.date = date
        self.config = config
        self.bulletins = bulletins
        self.voices = voices
        self.output = output
        self.stations = stations
        self.formats = formats
        self.assembly = assembly
        self.signing = signing
    }
}

/// The day's build: bulletins and province in, every station's programmes and manifests out.
///
/// Reads only; writes only below the output folder. Everything is checked before anything
/// is written; one build per output folder runs at a time (`OutputLock`); the day is written
/// into a staging folder of this build's own and swapped in whole (`DayFolder`), so a
/// station never downloads a half-written or mixed pack, whatever happens to the build.
public struct DayBuild {
    public var options: DayBuildOptions
    public var engine: SpeechEngine
    /// Told when the build has to wait for another build of the same output.
    public var onWait: @Sendable (String) -> Void
    /// Told, before the packs are written, how much they will take and how much room there is.
    public var onPlan: @Sendable (_ bytes: Int64, _ free: Int64?) -> Void = { _, _ in }
    /// Counts the work as it is done (sentences, takes, packs), for a progress display.
    public var progress: BuildProgress?

    public init(options: DayBuildOptions, engine: SpeechEngine = .shared,
                onWait: @escaping @Sendable (String) -> Void = { _ in }) {
        self.options = options
        self.engine = engine
        self.onWait = onWait
    }

    public func run() async -> DayBuildReport {
        var report = DayBuildReport()
        do {
            try await build(into: &report)
        } catch let error as ConfigError {
            report.diagnostics.append(error.diagnostic)
            report.stopped = .failed
        } catch let error as OutputError {
            report.diagnostics.append(Diagnostic(.error, file: error.path, error.cause))
            report.stopped = .outputFailed
        } catch {
            let output = OutputError.wrapping(error, at: displayPath(options.output))
            report.diagnostics.append(Diagnostic(.error, file: output.path, "build failed: \(output.cause)"))
            report.stopped = .outputFailed
        }
        if report.stopped != nil { report.outputFolder = nil }
        return report
    }

    private func build(into report: inout DayBuildReport) async throws {
        let date = options.date
        let stages = StageTimer()
        defer { report.stageSeconds = stages.seconds }
        let endStage = stages.end
        // Everything that can be wrong with the options and the configuration is found before
        // anything is written.
        try checkOptions()
        let inputs = try await DayInputs.read(date: date, config: options.config, bulletins: options.bulletins,
                                              voices: options.voices, formats: options.formats, engine: engine,
                                              display: displayPath)
        let province = inputs.province, voices = inputs.voices, normalizer = inputs.normalizer
        let airing = inputs.airing, scripts = inputs.scripts
        report.diagnostics += inputs.diagnostics
        report.findings += inputs.findings
        let stations = try selectedStations(of: province)
        let seal = PackSeal(key: try SigningKeyChoice.key(for: options.signing, province: province,
                                                           configFolder: options.config.deletingLastPathComponent(),
                                                           notice: { report.notices.append($0) }))
        report.signingKey = seal.signingKeyName

        // From here on the output is written: one build at a time, in a staging folder of its own.
        let outputDisplay = displayPath(options.output)
        let lock = try lockOutput(display: outputDisplay)
        defer { withExtendedLifetime(lock) {} }
        let dayFolder = DayFolder(output: options.output, date: date)
        dayFolder.recover()
        // Nothing changed since the build that made the day: nothing to do.
        let identity = BuildIdentity.current
        let engineVersion = try await engine.engineVersion()
        let inputsFingerprint = options.stations == nil
            ? InputFingerprint.of(options: options, province: province, engineVersion: engineVersion,
                                  signingKey: seal.signingKeyName, identity: identity)
            : nil
        let previousRecord = BuildRecord.read(in: dayFolder.day)
        if !options.force, let inputsFingerprint, let previousRecord, previousRecord.inputs == inputsFingerprint, DayVerification.isWhole(dayFolder.day) {
            report.unchangedDay = true
            report.previousOutcome = DayBuildReport.Outcome(rawValue: previousRecord.outcome)
            report.outputFolder = dayFolder.day
            endStage("reading")
            return
        }
        let cache = openTakeCache(identity: identity, report: &report)
        defer {
            if let cache {
                report.cacheCleanUp = cache.cleanUp()
                report.cache = cache.counted
                endStage("cache")
            }
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

        let spoken = Set(allTakes.compactMap { key -> String? in
            if case .speech(let sentence, _) = key.source { return sentence } else { return nil }
        })
        let recorded = Set(allTakes.compactMap { key -> RecordingCut? in
            if case .recording(let cut) = key.source { return cut } else { return nil }
        })
        try FreeSpace.require(FreeSpace.spoolBytes(texts: spoken, sampleRate: 22050)
                                + FreeSpace.spoolBytes(recordings: recorded, sampleRate: province.output.sampleRate),
                              at: options.output, display: outputDisplay)
        // Registered before it exists: Ctrl-C at any moment from here removes it.
        let staging = try dayFolder.makeStaging(before: Interruption.shared.register)
        Failpoint.check("staging")
        do {
            try await write(stationItems, province: province, voices: voices, master: master, keepsSound: keepsSound,
                            seal: seal, allTakes: allTakes, into: staging, replacing: dayFolder,
                            cache: cache, identity: identity, inputs: inputsFingerprint, previousRecord: previousRecord,
                            report: &report, stages: stages)
        } catch {
            try? FileManager.default.removeItem(at: staging)
            Interruption.shared.unregister(staging)
            throw error
        }
    }

    /// Synthesizes, plans, masters and writes every selected station's pack into `staging`,
    /// keeps the previous packs of the others, writes the index, and swaps the day in.
    private func write(_ stationItems: [(station: Station, openings: [String: ItemDraft], closings: [String: ItemDraft],
                                         bulletins: [(Bulletin, ItemDraft)])],
                       province: Province, voices: VoiceLibrary, master: TakeMaster, keepsSound: Bool,
                       seal: PackSeal, allTakes: [TakeKey], into staging: URL, replacing dayFolder: DayFolder,
                       cache: TakeCache?, identity: String, inputs: String?, previousRecord: BuildRecord?,
                       report: inout DayBuildReport, stages: StageTimer) async throws {
        let date = options.date
        let endStage = stages.end
        var takes = try TakeStore(voices: voices, master: master, assetsFolder: options.config.deletingLastPathComponent(),
                                  spoolFolder: staging, cache: cache, identity: identity)
        takes.progress = progress
        try await takes.prepare(allTakes, engine: engine)
        Failpoint.check("speech")
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
        // A station whose pack would come out as the day's pack already is keeps that pack.
        let writer = StationPackWriter(province: province, date: date, espeakVersion: try await engine.engineVersion(),
                                       assembly: options.assembly, seal: seal)
        let previous = PreviousDay(folder: dayFolder.day)
        let unchanged = try UnchangedStations(plans: plans, writer: writer, identity: identity, takes: takes,
                                              previous: previous, record: previousRecord, into: staging)
        let planned = plans.indices.compactMap { unchanged.kept[$0] == nil ? try? plans[$0].get() : nil }
        // Said before the packs are written, and refused when the disk cannot hold them.
        report.plannedBytes = FreeSpace.packBytes(planned, province: province)
        report.freeBytes = FreeSpace.available(at: staging)
        onPlan(report.plannedBytes, report.freeBytes)
        try FreeSpace.require(report.plannedBytes, at: staging, display: displayPath(options.output))
        // Takes are mastered shared ones first, then a batch of stations at a time; each
        // batch's packs are written on the pack thread while the next batch is mastered.
        // Rendering and measuring whole programmes (the baseline) is CPU work: a writer per
        // core. Joining MP3 takes is disk work: one writer keeps up. WAV masters are eight
        // times the bytes, each hashed as it is written: a writer per core, so one hashes
        // while another's direct write is with the disk.
        // A rebuild of a day (most takes from the cache, little to master) is all packs, and
        // the disk is its limit: two writers per core, so that while one hashes and copies
        // its next megabyte the others' direct writes keep the disk busy (one word changed
        // province-wide, 4.2 GB of MP3: 11.6–15.0 s with two writers, 6.8–11.1 s with four).
        let cores = ProcessInfo.processInfo.activeProcessorCount
        // (Not for programmes rendered whole: each writer holds a whole programme's sound.)
        let rebuild = previousRecord != nil && options.assembly == .segments
        let writers = rebuild ? 2 * cores : keepsSound || previousRecord != nil ? cores : 1
        let pipeline = PackPipeline(writer: writer, staging: staging, writers: writers)
        pipeline.counter = progress?.packs
        progress?.packs.expect(stationItems.count)
        progress?.packs.add(unchanged.kept.count)
        for (position, plan) in plans.enumerated() {
            if case .failure(let error) = plan { pipeline.record(error, at: position) }
        }
        let order = MasteringOrder(plans: plans.indices.map { unchanged.kept[$0] == nil ? plans[$0] : nil })
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
        report.synthesized = takes.synthesizedCount
        report.mastered = takes.masteredCount
        report.distinctTakes = takes.takes.count
        report.distinctAudioSeconds = Double(takes.takes.values.reduce(0) { $0 + $1.frames }) / Double(province.output.sampleRate)
        endStage("takes")

        let outcomes = try await pipeline.finish()
        var made: [String: DayIndex.StationEntry] = [:]
        // The manifests at hand (written now, or read to compare), for the day's report.
        var manifests: [String: StationManifest] = [:]
        for ((station, _, _, _), position) in zip(stationItems, plans.indices) {
            if let entry = unchanged.kept[position], case .success(let plan) = plans[position] {
                made[station.code] = entry
                report.keptUnchanged.append(station.code)
                if let manifest = previous.manifest(for: station.code) {
                    manifests[station.code] = manifest
                    report.stations.append(.init(
                        code: station.code, name: station.name,
                        slots: manifest.slots.map { ($0.id, $0.durationMs, $0.maxMs, $0.items.count, $0.deferred) },
                        notAired: plan.notAired, underMinimum: plan.underMinimum))
                }
                continue
            }
            switch outcomes[position] {
            case .failure(let error):
                report.failedStations.append(station.code)
                report.diagnostics.append(Diagnostic(.error, file: province.file, error.description))
            case .success(let (plan, manifest)):
                manifests[station.code] = manifest
                made[station.code] = DayIndex.StationEntry(
                    code: station.code, name: station.name,
                    district: province.district(code: station.districtCode)?.name ?? station.districtCode,
                    manifest: "\(station.code)/manifest.json",
                    slots: manifest.slots.map { .init(id: $0.id, file: "\(station.code)/\($0.file)",
                                                       durationMs: $0.durationMs, sha256: $0.sha256) },
                    status: .built)
                report.rewrittenProgrammes += manifest.slots.count
                // Which programmes now sound (or read) otherwise than the day's before.
                let before = previous.manifest(for: station.code)
                for slot in manifest.slots where before?.slots.first(where: { $0.id == slot.id })?.files != slot.files {
                    report.changedProgrammes.append("\(station.code)/\(slot.id)")
                }
                report.stations.append(.init(
                    code: station.code, name: station.name,
                    slots: manifest.slots.map { ($0.id, $0.durationMs, $0.maxMs, $0.items.count, $0.deferred) },
                    notAired: plan.notAired, underMinimum: plan.underMinimum))
            case nil:
                break
            }
        }
        var index = try dayIndex(province: province, made: made, staging: staging,
                                 previous: PreviousDay(folder: dayFolder.day), report: &report)
        index.signingKey = seal.signingKeyName
        let indexBytes = try JSONFile.write(index, to: staging.appendingPathComponent("index.json"))
        var finished = report
        finished.outputFolder = dayFolder.day
        // The day as a person checks it, every station's, beside the packs.
        try writeReport(into: staging, index: index, manifests: manifests, province: province, plans: plans, takes: takes,
                        bulletins: stationItems.flatMap { $0.bulletins.map(\.0) }, report: report, outcome: finished.outcome)
        // What the day was made from, for the next build to compare with.
        try BuildRecord(inputs: inputs, outcome: finished.outcome.rawValue,
                        stations: index.stations.compactMap { entry -> BuildRecord.StationPack? in
                            guard let position = stationItems.firstIndex(where: { $0.station.code == entry.code }),
                                  made[entry.code] != nil, let fingerprint = unchanged.fingerprints[position]
                            else { return previousRecord?.fingerprint(of: entry.code).map { .init(code: entry.code, fingerprint: $0) } }
                            return .init(code: entry.code, fingerprint: fingerprint)
                        }).write(in: staging)
        try seal.sealIndex(indexBytes, date: date.description, in: staging)
        Failpoint.check("index")
        endStage("packs")
        // How this build went, beside the day it made (not part of the day's bytes).
        try writeRun(into: staging, stages: stages, built: stationItems.map(\.station.code), cache: cache, report: report)

        try Interruption.shared.swapIn(staging) { try dayFolder.swapInDeletingOldDayLater(staging) }
        report.outputFolder = dayFolder.day
        endStage("swap")
    }

    /// The day's index: every station of the province in order, with the pack this build made,
    /// else the previous build's (kept in `staging`): unchanged for a station not selected,
    /// marked `previous` for one this build failed for.
    private func dayIndex(province: Province, made: [String: DayIndex.StationEntry], staging: URL,
                          previous: PreviousDay, report: inout DayBuildReport) throws -> DayIndex {
        var index = DayIndex(schemaVersion: StationManifest.currentSchemaVersion, loaVersion: LoaVersion.current,
                             province: province.name, date: options.date.description, stations: [], problems: [])
        let selected = Set(try selectedStations(of: province).map(\.code))
        for station in province.stations {
            if let entry = made[station.code] {
                index.stations.append(entry)
            } else if !selected.contains(station.code) {
                if let kept = try previous.keep(station.code, in: staging) { index.stations.append(kept) }
            } else if var kept = try previous.keep(station.code, in: staging) {
                kept.status = .previous
                kept.problem = "not rebuilt: this build failed for the station (see problems); the pack is an earlier build's"
                index.stations.append(kept)
                report.keptStations.append(station.code)
            }
        }
        index.problems = report.diagnostics.map {
            .init(severity: $0.severity.rawValue, file: $0.file, line: $0.line, message: $0.message)
        }
        return index
    }

    /// The take cache the options name, or nil (none named, or it cannot be opened: the build
    /// goes on without it, and says so).
    private func openTakeCache(identity: String, report: inout DayBuildReport) -> TakeCache? {
        guard let folder = options.takeCache else { return nil }
        do {
            return try TakeCache(folder: folder, identity: identity, limitBytes: options.takeCacheLimitBytes)
        } catch {
            report.notices.append("building without the take cache: \(error)")
            return nil
        }
    }

    /// Option values that would build nothing sensible, or wipe a good day: an error.
    private func checkOptions() throws(ConfigError) {
        if let stations = options.stations, stations.allSatisfy(\.isEmpty) {
            throw ConfigError(Diagnostic(.error, file: "--stations",
                "names no station; give station codes like PD,TL, or leave --stations out to build every station"))
        }
        if let formats = options.formats, formats.isEmpty {
            throw ConfigError(Diagnostic(.error, file: "--formats", "names no format; give some of wav, mp3, vtt"))
        }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: options.bulletins.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw ConfigError(Diagnostic(.error, file: displayPath(options.bulletins),
                "is not a folder; expected the folder of bulletin .txt files (--bulletins). Nothing was built, the day is unchanged"))
        }
    }

    /// Makes the output folder if needed and takes its lock.
    private func lockOutput(display: String) throws -> OutputLock {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: options.output.path, isDirectory: &isFolder) {
            guard isFolder.boolValue else {
                throw OutputError(path: display, cause: "is a file, not a folder; give --output a folder")
            }
        } else {
            do {
                try FileManager.default.createDirectory(at: options.output, withIntermediateDirectories: true)
            } catch {
                throw OutputError.wrapping(error, at: display)
            }
        }
        return try OutputLock(output: options.output, display: display, waiting: onWait)
    }

    /// The stations to build: all, or those named with `--stations` (unknown codes are an error).
    private func selectedStations(of province: Province) throws(ConfigError) -> [Station] {
        guard let codes = options.stations?.filter({ !$0.isEmpty }) else { return province.stations }
        let known = Set(province.stations.map(\.code))
        if let unknown = codes.first(where: { !known.contains($0) }) {
            throw ConfigError(Diagnostic(.error, file: province.file, "station '\(unknown)' given to --stations is not in the province"))
        }
        return province.stations.filter { codes.contains($0.code) }
    }

    /// Paths under the working directory are shown relative to it.
    private func displayPath(_ url: URL) -> String {
        let cwd = FileManager.default.currentDirectoryPath + "/"
        let path = url.standardizedFileURL.path
        return path.hasPrefix(cwd) ? String(path.dropFirst(cwd.count)) : path
    }
}
