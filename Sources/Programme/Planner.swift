/// What an item in a programme is.
public enum ItemKind: String, Sendable, Hashable, Codable {
    case jingle, opening, bulletin, closing
    /// A bulletin a person recorded, aired from its sound file.
    case recording
}

/// A piece of audio the planner places, known by its real synthesized length.
public struct Segment: Sendable, Hashable {
    public var kind: ItemKind
    /// Bulletin id, or `opening` / `closing`.
    public var id: String
    public var title: String
    public var voice: String
    /// Length of the speech, in frames.
    public var frames: Int
    /// Silence after it when another item follows, in frames (0 when its takes carry it).
    public var gapAfterFrames: Int
    /// The takes that read it, in order.
    public var takes: [TakeKey]
    /// Each take's text as written, for captions.
    public var captions: [String]
    /// The spoken text, for the manifest's checksum.
    public var spokenText: String

    public init(kind: ItemKind, id: String, title: String, voice: String, frames: Int,
                gapAfterFrames: Int = 0, takes: [TakeKey] = [], captions: [String] = [], spokenText: String = "") {
        self.kind = kind
        self.id = id
        self.title = title
        self.voice = voice
        self.frames = frames
        self.gapAfterFrames = gapAfterFrames
        self.takes = takes
        self.captions = captions
        self.spokenText = spokenText
    }
}

/// A bulletin that may air at a station today, with its audio length.
public struct Candidate: Sendable, Hashable {
    public var bulletin: Bulletin
    public var segment: Segment
    public init(bulletin: Bulletin, segment: Segment) {
        self.bulletin = bulletin
        self.segment = segment
    }
}

/// An item placed in a programme.
public struct PlannedItem: Sendable, Hashable {
    public var segment: Segment
    public var startFrame: Int
}

/// One station's programme for one slot: items back to back with pauses between.
public struct SlotProgramme: Sendable, Hashable {
    public var slot: Slot
    public var items: [PlannedItem]
    public var totalFrames: Int
    /// Bulletins wanted in this slot that did not fit: moved to a later slot, or not aired.
    public var deferred: [String]
}

/// One station's day: a programme per slot and what could not be aired at all.
public struct StationPlan: Sendable, Hashable {
    public var station: Station
    public var programmes: [SlotProgramme]
    /// Bulletins for this station that fit in no slot today.
    public var notAired: [String]
    /// Programmes shorter than their slot's `min`, by slot id.
    public var underMinimum: [String]
}

/// Why a station's day cannot be planned.
public enum PlanningError: Error, Sendable, CustomStringConvertible {
    /// Urgent bulletins alone (with the announcements) overrun a slot.
    case urgentOverrun(station: String, slot: String, bulletins: [String], overrunSeconds: Double)

    public var description: String {
        switch self {
        case let .urgentOverrun(station, slot, bulletins, overrun):
            return "station \(station), slot \(slot): urgent bulletins \(bulletins.joined(separator: ", ")) "
                + "with the announcements overrun the slot by \(String(format: "%.1f", overrun)) s; "
                + "shorten them, restrict their slots, or lengthen the slot's max"
        }
    }
}

/// Plans a station's day. Pure: lengths in, timelines out, no audio.
///
/// Rules: every slot opens and closes with the announcements. Urgent bulletins air in
/// every slot they allow, whatever else must give way. The others air in every slot they
/// allow and fit, by priority, then approval day, then id; one that did not fit a slot is
/// deferred and goes first in the next slot; one that fits in no slot is not aired.
public struct Planner: Sendable {
    public var sampleRate: Int

    public init(sampleRate: Int) { self.sampleRate = sampleRate }

    public func plan(station: Station, slots: [Slot], openings: [String: Segment], closings: [String: Segment],
                     candidates: [Candidate]) throws(PlanningError) -> StationPlan {
        let urgent = candidates.filter { $0.bulletin.priority == .urgent }.sorted(by: Self.airingOrder)
        let others = candidates.filter { $0.bulletin.priority != .urgent }.sorted(by: Self.airingOrder)
        var carriedOver: [String] = []   // deferred from the previous slot: they go first next time
        var aired: Set<String> = []
        var programmes: [SlotProgramme] = []
        var underMinimum: [String] = []

        for slot in slots {
            guard let opening = openings[slot.id], let closing = closings[slot.id] else { continue }
            let limit = frames(ms: slot.maxMs)
            var body = urgent.filter { $0.bulletin.allows(slot: slot.id) }.map(\.segment)
            let urgentLength = length(of: [opening] + body + [closing])
            if urgentLength > limit {
                throw .urgentOverrun(station: station.code, slot: slot.id, bulletins: body.map(\.id),
                                     overrunSeconds: Double(urgentLength - limit) / Double(sampleRate))
            }
            aired.formUnion(body.map(\.id))
            var used = urgentLength
            var deferred: [String] = []
            let order = others.filter { carriedOver.contains($0.bulletin.id) }
                + others.filter { !carriedOver.contains($0.bulletin.id) }
            for candidate in order where candidate.bulletin.allows(slot: slot.id) {
                // Inserting before the closing adds the item and the pause after it.
                let added = candidate.segment.frames + candidate.segment.gapAfterFrames
                if used + added <= limit {
                    body.append(candidate.segment)
                    used += added
                    aired.insert(candidate.bulletin.id)
                } else {
                    deferred.append(candidate.bulletin.id)
                }
            }
            carriedOver = deferred
            // Within the programme, items keep priority order whatever order they were fitted in.
            let ordered = body.sorted { a, b in
                let ra = candidates.firstIndex { $0.segment == a } ?? 0, rb = candidates.firstIndex { $0.segment == b } ?? 0
                return Self.airingOrder(candidates[ra], candidates[rb])
            }
            let programme = timeline(slot: slot, segments: [opening] + ordered + [closing], deferred: deferred)
            if let minMs = slot.minMs, programme.totalFrames < frames(ms: minMs) { underMinimum.append(slot.id) }
            programmes.append(programme)
        }
        let notAired = (urgent + others).map(\.bulletin.id).filter { !aired.contains($0) }
        return StationPlan(station: station, programmes: programmes, notAired: notAired, underMinimum: underMinimum)
    }

    /// Priority first, then earlier approval, then id, so plans never depend on file order.
    static func airingOrder(_ a: Candidate, _ b: Candidate) -> Bool {
        let ka = (a.bulletin.priority.rank, a.bulletin.approval?.on.description ?? "", a.bulletin.id)
        let kb = (b.bulletin.priority.rank, b.bulletin.approval?.on.description ?? "", b.bulletin.id)
        return ka < kb
    }

    /// Total frames of segments played back to back with their pauses between them.
    func length(of segments: [Segment]) -> Int {
        segments.reduce(0) { $0 + $1.frames + $1.gapAfterFrames } - (segments.last?.gapAfterFrames ?? 0)
    }

    func timeline(slot: Slot, segments: [Segment], deferred: [String]) -> SlotProgramme {
        var items: [PlannedItem] = []
        var cursor = 0
        for (index, segment) in segments.enumerated() {
            items.append(PlannedItem(segment: segment, startFrame: cursor))
            cursor += segment.frames + (index == segments.count - 1 ? 0 : segment.gapAfterFrames)
        }
        return SlotProgramme(slot: slot, items: items, totalFrames: cursor, deferred: deferred)
    }

    func frames(ms: Int) -> Int { ms * sampleRate / 1000 }
}
