import Foundation
import Programme
import VietnameseText

/// What the day's build did, for the console summary and the exit status.
public struct DayBuildReport: Sendable {
    /// The exit status of `loa build`.
    public enum Outcome: Int32, Sendable {
        /// Everything built and every bulletin aired.
        case complete = 0
        /// Built, but bulletins were skipped, or not aired, or a station failed.
        case partial = 1
        /// Nothing built: the configuration, the voices or the options are wrong.
        case failed = 2
        /// Nothing built: the output could not be written (a file in the way, read-only or
        /// full file system) or the build broke off; the previous day is as it was.
        case outputFailed = 3
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
    /// Stations this build failed for whose previous pack for the date stays on air.
    public var keptStations: [String] = []
    public var outputFolder: URL?
    /// Distinct takes made (sentences and jingles with their pauses).
    public var distinctTakes = 0
    /// Seconds of audio in those takes (sound, pauses and codec padding): the audio made once.
    public var distinctAudioSeconds = 0.0
    /// Wall-clock seconds of each stage, for the summary (reading, takes, packs).
    public var stageSeconds: [(stage: String, seconds: Double)] = []

    /// Bytes the packs were estimated to take before they were written, and the free space then.
    public var plannedBytes: Int64 = 0
    public var freeBytes: Int64?
    /// Things the person running the build should know that are not problems (a key made).
    public var notices: [String] = []
    /// The key id the packs were signed with, or `unsigned`.
    public var signingKey: String?

    /// Why nothing was built, when nothing was.
    public var stopped: Outcome?

    /// Nothing changed since the build that made the day (same inputs, the day whole): nothing
    /// was written. `previousOutcome` is that build's exit status.
    public var unchangedDay = false
    public var previousOutcome: Outcome?
    /// Stations whose packs were kept as they were (their programmes did not change).
    public var keptUnchanged: [String] = []
    /// Programme files (station × slot) this build wrote.
    public var rewrittenProgrammes = 0
    /// Programmes whose files differ from the day's before (`STATION/slot`), for `loa watch`'s log.
    public var changedProgrammes: [String] = []
    /// Sentences (and jingles) synthesized, and takes mastered, by this build; the rest came
    /// from the take cache.
    public var synthesized = 0
    public var mastered = 0
    /// What the take cache did, when the build had one.
    public var cache: TakeCache.Counts?
    public var cacheCleanUp: TakeCache.CleanUp?

    public var outcome: Outcome {
        if let stopped { return stopped }
        if unchangedDay { return previousOutcome ?? .complete }
        if outputFolder == nil { return .failed }
        let skipped = diagnostics.contains { $0.severity == .error }
        let missed = stations.contains { !$0.notAired.isEmpty }
        return skipped || missed || !failedStations.isEmpty ? .partial : .complete
    }
}
