/// Who a bulletin is for.
public enum Target: Sendable, Hashable, CustomStringConvertible {
    case all
    case district(String)
    case station(String)

    public var description: String {
        switch self {
        case .all: return "all"
        case .district(let code): return "district:\(code)"
        case .station(let code): return "station:\(code)"
        }
    }
}

/// Who approved a bulletin and when. A bulletin without it is pending and never aired.
public struct Approval: Sendable, Hashable {
    public var by: String
    public var on: CalendarDate
}

/// A paragraph of the body exactly as staff wrote it, with the line it starts on.
public struct Paragraph: Sendable, Hashable {
    public var text: String
    public var line: Int
}

/// One approved (or pending) bulletin file: header fields and body, as written.
public struct Bulletin: Sendable, Hashable {
    /// Stable id: the `id` header, else the file name without `.txt`.
    public var id: String
    public var title: String
    /// Line of the `title` key, so the spoken title can be traced.
    public var titleLine: Int
    public var approval: Approval?
    public var validFrom: CalendarDate?
    public var validUntil: CalendarDate?
    public var priority: Priority
    public var targets: [Target]
    /// Slot ids it may air in; nil means any slot.
    public var slots: [String]?
    /// Voice profile id; nil means the station's voice.
    public var voice: String?
    public var paragraphs: [Paragraph]
    /// Path of the file it came from.
    public var file: String
    /// Line of each header key, so messages about a value point at it.
    public var headerLines: [String: Int]
    /// SHA-256 of the file's text as read (`BulletinText`: decoded, NFC, `\n` line ends):
    /// what a recorded approval is bound to. Empty when the bulletin was not read from a file.
    public var contentSHA256: String = ""
    /// For a recorded bulletin, the sound file it airs (its `recording:` line), measured
    /// when read; its body, if any, is the transcript, for captions, never spoken. Nil for
    /// a bulletin read aloud by a voice.
    public var recording: Recording?

    /// Pending bulletins have no complete approval and never air.
    public var isPending: Bool { approval == nil }

    /// First day it airs: `valid-from`, else the approval day.
    public var firstDay: CalendarDate? { validFrom ?? approval?.on }

    /// Last day it airs, inclusive: `valid-until`, else the first day.
    public var lastDay: CalendarDate? { validUntil ?? firstDay }

    /// Whether it is approved and valid on `date`. It never airs before its approval day,
    /// even when `valid-from` is earlier (it would air words nobody had approved yet).
    public func airs(on date: CalendarDate) -> Bool {
        guard let approval, let first = firstDay, let last = lastDay else { return false }
        return first <= date && date <= last && approval.on <= date
    }

    /// Whether it is addressed to `station` in `district`.
    public func targets(station: String, district: String) -> Bool {
        targets.contains { target in
            switch target {
            case .all: return true
            case .district(let code): return code == district
            case .station(let code): return code == station
            }
        }
    }

    /// Whether it may air in slot `id`.
    public func allows(slot id: String) -> Bool { slots?.contains(id) ?? true }
}
