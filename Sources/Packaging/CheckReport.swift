import Programme

/// What `loa check` found, for people (`loa check`) and tools (`loa check --json`).
public struct CheckReport: Sendable, Codable {
    /// A problem as the build reports it: `file:line: severity: message`.
    public struct Problem: Sendable, Codable, Hashable, CustomStringConvertible {
        public var severity: String
        public var file: String
        public var line: Int?
        public var message: String

        public init(_ diagnostic: Diagnostic) {
            severity = diagnostic.severity.rawValue
            file = diagnostic.file
            line = diagnostic.line
            message = diagnostic.message
        }

        public var description: String { "\(file)\(line.map { ":\($0)" } ?? ""): \(severity): \(message)" }
    }

    /// Where a bulletin stands with its approval.
    public struct ApprovalStatus: Sendable, Codable, Hashable {
        /// `approved`, `approved-header`, `pending`, `not-approved`, `changed-after-approval`.
        public var state: String
        public var summary: String
    }

    /// One airing: a station's slot, where in the programme, how long it is spoken.
    public struct Airing: Sendable, Codable, Hashable {
        public var station: String
        public var slot: String
        public var slotStart: String
        /// Offset of the bulletin in the programme.
        public var startMs: Int
        /// Its spoken length there (title and body, in that station's voice; a recording's
        /// length, silence before and after trimmed).
        public var spokenMs: Int
        public var voice: String

        enum CodingKeys: String, CodingKey {
            case station, slot, slotStart = "slot_start", startMs = "start_ms", spokenMs = "spoken_ms", voice
        }
    }

    /// A slot a bulletin was wanted in but did not fit (it moves to a later slot, or is not aired).
    public struct Deferral: Sendable, Codable, Hashable {
        public var station: String
        public var slot: String
    }

    /// A recorded bulletin's sound file, as measured.
    public struct RecordingInfo: Sendable, Codable, Hashable {
        public var file: String
        /// Container and encoding, in libsndfile's words.
        public var format: String
        public var sampleRate: Int
        public var channels: Int
        /// The whole file, and what airs (silence before and after trimmed).
        public var durationMs: Int
        public var soundMs: Int
        /// Integrated loudness as recorded (before levelling), LUFS.
        public var loudnessLufs: Double
        public var sha256: String
        /// The line for people.
        public var summary: String

        public init(_ recording: Recording) {
            file = recording.file
            format = recording.format
            sampleRate = recording.sampleRate
            channels = recording.channels
            durationMs = recording.durationMs
            soundMs = recording.soundMs
            loudnessLufs = (recording.loudnessLUFS * 10).rounded() / 10
            sha256 = recording.sha256
            summary = recording.summary
        }

        enum CodingKeys: String, CodingKey {
            case file, format, sampleRate = "sample_rate", channels, durationMs = "duration_ms", soundMs = "sound_ms"
            case loudnessLufs = "loudness_lufs", sha256, summary
        }
    }

    /// One file under the bulletins folder.
    public struct Bulletin: Sendable, Codable, Hashable {
        public var file: String
        /// Nil when the file could not be read as a bulletin (see `problems`).
        public var id: String?
        public var title: String?
        public var approval: ApprovalStatus?
        /// For a recorded bulletin, its sound file as measured.
        public var recording: RecordingInfo?
        /// Whether it is approved, valid on the date and not far too long: a candidate for the day.
        public var airsToday = false
        public var airings: [Airing] = []
        public var deferred: [Deferral] = []
        /// Stations it targets where it fits in no slot today.
        public var notAiredAt: [String] = []
        public var problems: [Problem] = []
        /// What the normalizer could not read with confidence (`file:line: …`).
        public var findings: [String] = []

        public init(file: String) { self.file = file }

        enum CodingKeys: String, CodingKey {
            case file, id, title, approval, recording, airsToday = "airs_today", airings, deferred
            case notAiredAt = "not_aired_at", problems, findings
        }

        /// Errors stop a bulletin; a bulletin that fits nowhere at a station it targets is not aired there.
        public var hasErrors: Bool { problems.contains { $0.severity == "error" } }
    }

    public var date: String
    public var bulletins: [Bulletin] = []
    /// Problems not about one bulletin: `loa.yaml`, the approvals file, the lexicon.
    public var problems: [Problem] = []
    /// Stations the build would fail for, and why.
    public var stationFailures: [String] = []
    /// True when nothing could be checked (bad `loa.yaml`, voices or key).
    public var stopped = false

    public init(date: String) { self.date = date }

    enum CodingKeys: String, CodingKey {
        case date, bulletins, problems, stationFailures = "station_failures", stopped
    }

    /// The exit status, as `loa build` would give it: 0 every bulletin fine and aired where
    /// it airs; 1 some bulletin has an error or is not aired, or a station would fail;
    /// 2 nothing checked.
    public var exitStatus: Int32 {
        if stopped { return 2 }
        let troubled = bulletins.contains { $0.hasErrors || !$0.notAiredAt.isEmpty }
            || problems.contains { $0.severity == "error" } || !stationFailures.isEmpty
        return troubled ? 1 : 0
    }
}
