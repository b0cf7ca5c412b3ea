/// `Output/<date>/report.json`: the day as a person checks it: what is wrong first, then each
/// station's day as a timeline of its slots with their items, and the audio made for it.
///
/// Written by the build into the staging folder with the packs and swapped in with them, so
/// it always describes the day beside it, the whole day: stations kept from an earlier build
/// (unchanged, not selected, or failed) are described from their manifests.
///
/// Deterministic: the same inputs give the same bytes, whatever the take cache held or what
/// the day was before. How this build went (cache, rewritten programmes, seconds per stage)
/// is in `BuildRun` instead. No station downloads it; `loa serve` shows it at `/<date>/report`.
public struct DayReport: Codable, Sendable, Hashable {
    public static let fileName = "report.json"
    /// Bumped when a field changes meaning.
    public static let currentSchemaVersion = 1

    /// Something a person should look at, most serious first.
    public struct Problem: Codable, Sendable, Hashable {
        /// What kind of problem (`ProblemKind`'s raw values), so a page can group them.
        public var kind: String
        /// `error` (a bulletin or station does not air as meant) or `warning`.
        public var severity: String
        /// The file and line a diagnostic is about (a bulletin, `loa.yaml`).
        public var file: String?
        public var line: Int?
        public var station: String?
        public var slot: String?
        /// Bulletin ids concerned (not aired, deferred).
        public var bulletins: [String]?
        /// One sentence, as the build says it.
        public var message: String

        public init(kind: String, severity: String, file: String? = nil, line: Int? = nil, station: String? = nil,
                    slot: String? = nil, bulletins: [String]? = nil, message: String) {
            self.kind = kind
            self.severity = severity
            self.file = file
            self.line = line
            self.station = station
            self.slot = slot
            self.bulletins = bulletins
            self.message = message
        }
    }

    public enum ProblemKind: String, Sendable, CaseIterable {
        /// A diagnostic of the build (bad bulletin file, configuration).
        case diagnostic
        /// The build failed for a station; its earlier pack (if any) stays on air.
        case stationFailed = "station-failed"
        /// A programme longer than its slot's maximum.
        case overSlot = "over-slot"
        /// Bulletins for a station that fit in no slot of the day.
        case notAired = "not-aired"
        /// Bulletins that did not fit in a slot and moved to a later one.
        case deferred
        /// A programme shorter than its slot's minimum.
        case underMinimum = "under-minimum"
    }

    public struct Item: Codable, Sendable, Hashable {
        /// `opening`, `bulletin`, `closing` or `recording`, as in the manifest.
        public var kind: String
        public var id: String
        public var title: String
        public var startMs: Int
        public var durationMs: Int
    }

    /// One programme: its items on the slot's time line.
    public struct Slot: Codable, Sendable, Hashable {
        public var id: String
        public var start: String
        public var maxMs: Int
        public var minMs: Int?
        public var durationMs: Int
        public var items: [Item]
        public var deferred: [String]
    }

    public struct Station: Codable, Sendable, Hashable {
        public var code: String
        public var name: String
        public var district: String
        /// `built`, or `previous` when the pack is an earlier build's (this build failed for it).
        public var status: String
        public var slots: [Slot]
        public var notAired: [String]
    }

    /// The day in a few figures.
    public struct Figures: Codable, Sendable, Hashable {
        public var stations: Int
        public var programmes: Int
        public var itemsAired: Int
        /// Every programme's length added up: what the loudspeakers play in the day.
        public var airedMs: Int
        /// Distinct takes (sentences, jingles, recordings with their pauses) the programmes
        /// of the stations in `audioFor` are made of, each made once however many use it
        /// (counted from the day's plans, so the same for a clean and an incremental build).
        public var distinctTakes: Int
        /// The length of those takes: the audio made once.
        public var distinctAudioMs: Int
        /// The stations the distinct audio was counted for (all, unless built with `--stations`).
        public var audioFor: [String]
    }

    public var schemaVersion = DayReport.currentSchemaVersion
    public var loaVersion: String
    public var province: String
    public var date: String
    /// `complete` or `partial`, as the build's exit status says.
    public var outcome: String
    /// Errors first, then warnings, each in the order found.
    public var problems: [Problem]
    public var figures: Figures
    public var stations: [Station]
    /// Titles of the bulletins named in `problems`, `deferred` and `notAired`, by id.
    public var titles: [String: String]

    /// The problems that are errors (they come first in `problems`).
    public var errorCount: Int { problems.filter { $0.severity == "error" }.count }
}
