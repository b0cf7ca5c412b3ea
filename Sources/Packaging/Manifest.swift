/// `Output/<date>/<station>/manifest.json`: what a station downloads and airs, with
/// checksums so the pack can be verified with standard tools.
public struct StationManifest: Codable, Sendable, Hashable {
    /// Bumped when a field changes meaning; stations' players check it.
    public static let currentSchemaVersion = 3

    public struct StationInfo: Codable, Sendable, Hashable {
        public var code: String
        public var name: String
        public var kind: String
        public var district: String
    }

    public struct Item: Codable, Sendable, Hashable {
        /// `opening`, `bulletin`, `closing`, or `recording` (a bulletin a person recorded).
        public var kind: String
        public var id: String
        public var title: String
        public var startMs: Int
        public var durationMs: Int
        /// SHA-256 of the spoken text, so a changed wording is visible without listening
        /// (of a recording, its transcript; of an empty one, of nothing).
        public var textSha256: String
        /// The voice profile; empty for a recording.
        public var voice: String
        /// SHA-256 of a recording's sound file, as checked and approved; absent for other
        /// items (so a changed recording is visible without listening too).
        public var recordingSha256: String?
    }

    /// One file of a slot's programme.
    public struct FileEntry: Codable, Sendable, Hashable {
        public var path: String
        /// `wav`, `mp3` or `vtt`.
        public var format: String
        public var sha256: String
        public var durationMs: Int
        /// Size in bytes (schema 3; absent in older manifests), for downloads' progress and limits.
        public var bytes: Int?
    }

    public struct SlotEntry: Codable, Sendable, Hashable {
        public var id: String
        public var start: String
        public var maxMs: Int
        /// The main audio file (the WAV master, or the MP3 when no master is made).
        public var file: String
        public var sampleRate: Int
        public var durationMs: Int
        /// SHA-256 of `file`.
        public var sha256: String
        /// Every file of this programme.
        public var files: [FileEntry]
        /// Integrated loudness (EBU R128), LUFS.
        public var loudnessLufs: Double
        /// Highest true peak, dBTP.
        public var truePeakDbtp: Double
        public var items: [Item]
        /// Bulletins wanted in this slot that did not fit (moved to a later slot or not aired).
        public var deferred: [String]
    }

    public var schemaVersion: Int
    public var loaVersion: String
    public var espeakNgVersion: String
    public var station: StationInfo
    public var date: String
    public var slots: [SlotEntry]
    /// Bulletins for this station that fit in no slot of the day.
    public var notAired: [String]
    /// The minisign key id `manifest.json.minisig` is made with, or `unsigned` (schema 3;
    /// absent in older manifests).
    public var signingKey: String?
}

/// `Output/<date>/index.json`: every station's pack for the day, for the department and
/// for the download server.
public struct DayIndex: Codable, Sendable, Hashable {
    public struct SlotFile: Codable, Sendable, Hashable {
        public var id: String
        public var file: String
        public var durationMs: Int
        public var sha256: String
    }

    /// Whether a station's pack is the one the build that wrote the index made.
    public enum PackStatus: String, Codable, Sendable, Hashable {
        /// Made by the build that wrote this index (or by an earlier `--stations` build that
        /// did not include the station, and kept since).
        case built
        /// That build failed for the station (see `problem`); the pack is the one an
        /// earlier build made for the same date, kept so the station still has a programme.
        case previous
    }

    public struct StationEntry: Codable, Sendable, Hashable {
        public var code: String
        public var name: String
        public var district: String
        public var manifest: String
        public var slots: [SlotFile]
        /// Absent in indexes written before Loa 0.2, whose packs were all built.
        public var status: PackStatus?
        /// Why the station was not rebuilt, when `status` is `previous`.
        public var problem: String?
    }

    public struct Problem: Codable, Sendable, Hashable {
        public var severity: String
        public var file: String
        public var line: Int?
        public var message: String
    }

    public var schemaVersion: Int
    public var loaVersion: String
    public var province: String
    public var date: String
    public var stations: [StationEntry]
    /// Bulletins and stations that could not be built, and warnings.
    public var problems: [Problem]
    /// The key id `index.json.minisig` is made with, or `unsigned` (schema 3).
    public var signingKey: String?
}
