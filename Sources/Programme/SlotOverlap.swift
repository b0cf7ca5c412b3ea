/// Checks that the province's slots can all air: none longer than a day, and none still
/// running when the next one (in time of day, wrapping past midnight into the first slot of
/// the next day) starts.
///
/// A station has one loudspeaker chain; two programmes due at once means one of them is cut
/// or missed, so `loa.yaml` with overlapping slots stops the build.
enum SlotOverlap {
    static let dayMs = 24 * 60 * 60_000

    /// The first problem, naming both slots, at the line of the `max:` of the slot that runs
    /// too long; nil when the slots fit in the day. `maxLines` and `entryLines` are the lines
    /// of each slot's `max:` and of its entry, by slot id.
    static func problem(in slots: [Slot], maxLines: [String: Int], entryLines: [String: Int], file: String) -> Diagnostic? {
        for slot in slots where slot.maxMs > dayMs {
            return Diagnostic(.error, file: file, line: maxLines[slot.id],
                "slot '\(slot.id)': max \(DurationText.describe(ms: slot.maxMs)) is longer than a day; expected at most 24h")
        }
        let ordered = slots.sorted { ($0.startMinute, $0.id) < ($1.startMinute, $1.id) }
        guard ordered.count > 1 else { return nil }
        for (index, slot) in ordered.enumerated() {
            let isLast = index == ordered.count - 1
            let next = isLast ? ordered[0] : ordered[index + 1]
            let nextStartMs = (next.startMinute + (isLast ? 24 * 60 : 0)) * 60_000
            let endMs = slot.startMinute * 60_000 + slot.maxMs
            guard endMs > nextStartMs else { continue }
            let day = isLast ? " the next day" : ""
            return Diagnostic(.error, file: file, line: maxLines[slot.id],
                "slot '\(slot.id)' starts at \(slot.startText) and may run \(DurationText.describe(ms: slot.maxMs)), "
                    + "past the start of slot '\(next.id)' at \(next.startText)\(day)\(entryLines[next.id].map { " (line \($0))" } ?? ""); "
                    + "slots must not overlap: shorten its max or move a start")
        }
        return nil
    }
}
