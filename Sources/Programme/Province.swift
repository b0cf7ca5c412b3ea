/// A broadcast slot: when a programme airs and how long it may be.
public struct Slot: Sendable, Hashable {
    public var id: String
    /// Minutes after midnight.
    public var startMinute: Int
    public var maxMs: Int
    /// Optional floor; a shorter programme is reported, never padded.
    public var minMs: Int?
    /// Spoken label, e.g. "buổi sáng".
    public var label: String

    /// "06:00".
    public var startText: String {
        let h = startMinute / 60, m = startMinute % 60
        return (h < 10 ? "0\(h)" : "\(h)") + ":" + (m < 10 ? "0\(m)" : "\(m)")
    }
}

/// Kinds of commune-level station, as said aloud in the announcements.
public enum StationKind: String, Sendable, Hashable, CaseIterable {
    case xa = "xã"
    case phuong = "phường"
    case thiTran = "thị trấn"
}

/// A commune loudspeaker station.
public struct Station: Sendable, Hashable {
    public var code: String
    public var name: String
    public var kind: StationKind
    public var districtCode: String
    /// Voice profile id; nil means the province's default.
    public var voice: String?
    /// Formats this station gets; nil means the province's.
    public var formats: [OutputFormat]? = nil
}

/// A district and its stations.
public struct District: Sendable, Hashable {
    public var code: String
    public var name: String
    public var stations: [Station]
}

/// Opening and closing announcement templates with `{placeholders}`.
public struct Announcements: Sendable, Hashable {
    public var opening: String
    public var closing: String
}

/// The province's configuration (`loa.yaml`): stations, slots, default voice, announcements.
public struct Province: Sendable, Hashable {
    public var name: String
    public var defaultVoice: String
    public var slots: [Slot]
    public var districts: [District]
    public var announcements: Announcements
    /// Rendering, levelling and encoding settings.
    public var output: OutputSettings = OutputSettings()
    /// The department key packs are signed with (`signing:`); nil when not configured.
    public var signing: SigningSettings?
    /// How bulletins are approved (`approval:`, `approvals-file:`): recorded by default.
    public var approval: ApprovalSettings = ApprovalSettings()
    /// Path of the file it came from.
    public var file: String

    /// Every station, district by district, in file order.
    public var stations: [Station] { districts.flatMap(\.stations) }

    public func district(code: String) -> District? { districts.first { $0.code == code } }

    /// The formats a station gets.
    public func formats(for station: Station) -> [OutputFormat] { station.formats ?? output.formats }

    /// The voice profile id a station uses unless a bulletin names one.
    public func voice(for station: Station) -> String { station.voice ?? defaultVoice }
}
