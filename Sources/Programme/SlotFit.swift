/// Finds, before synthesis, a bulletin that is clearly too long for every slot it may air in.
///
/// Such a bulletin can never air (audio is never cut), and synthesizing it first costs
/// minutes for a 1 MB body. The check is conservative, so it never keeps off the air a
/// bulletin that might fit: the length is `SpokenLength`'s short-side estimate at the
/// fastest voice that could read it, and the bulletin is refused only when even
/// `fitMargin` of that estimate exceeds the longest allowed slot less its announcements.
/// Borderline bulletins are left to the planner, which uses the real lengths. A recorded
/// bulletin's length is measured (`Recording.soundMs`), so it is refused when it exceeds
/// that room at all.
extension BulletinValidator {
    /// Share of the estimated length that must still overrun the slot before a bulletin is
    /// refused.
    public static let fitMargin = 0.8

    /// An error when `bulletin` could not fit in any slot it may air in, else nil.
    ///
    /// - Parameters:
    ///   - voices: the voice profiles; the fastest `rate` among the voices that could read
    ///     the bulletin (its own `voice:`, else those of the stations it targets) is used.
    ///     Without them, `SpokenLength.defaultWordsPerMinute`.
    ///   - spokenText: the normalized text (`Script.spokenText`), when already made: it
    ///     counts numbers and acronyms as said, so the estimate is closer.
    public static func fitsNoSlot(_ bulletin: Bulletin, province: Province, voices: VoiceLibrary? = nil,
                                  spokenText: String? = nil) -> Diagnostic? {
        guard let slot = province.slots.filter({ bulletin.allows(slot: $0.id) }).max(by: { $0.maxMs < $1.maxMs }) else {
            return nil  // names no slot of the province: the validator reports that
        }
        let rate = fastestRate(for: bulletin, province: province, voices: voices)
        let announcements = SpokenLength.estimatedMs(
            of: withoutPlaceholders(province.announcements.opening + " " + province.announcements.closing),
            wordsPerMinute: rate)
        let room = slot.maxMs - announcements
        let which = "\(bulletin.slots == nil ? "the longest slot" : "the longest slot it allows"), '\(slot.id)' "
            + "(\(DurationText.describe(ms: slot.maxMs))), leaves about \(DurationText.describe(ms: room)) after the opening "
            + "and closing announcements"
        if let recording = bulletin.recording {
            // Measured, not estimated: refused when longer than the room (which errs long,
            // the announcements' estimate erring short), so nothing that could fit is refused.
            guard recording.soundMs > room else { return nil }
            return Diagnostic(.error, file: bulletin.file, line: recording.line,
                "recording \(recording.file) is too long for any slot it may air in: it lasts "
                    + "\(DurationText.describe(ms: recording.soundMs)) (silence before and after trimmed), but \(which). "
                    + "It does not air; record it in shorter parts, each with its own text file")
        }
        let words = spokenText.map { SpokenLength.words(in: $0) } ?? SpokenLength.words(in: bulletin)
        let estimate = SpokenLength.estimatedMs(words: words, wordsPerMinute: rate, spoken: spokenText != nil)
        guard Double(estimate) * fitMargin > Double(room) else { return nil }
        return Diagnostic(.error, file: bulletin.file, line: bulletin.headerLines["slots"],
            "is too long for any slot it may air in: read aloud it takes at least "
                + "\(DurationText.describe(ms: Int(Double(estimate) * fitMargin))) (\(words) words at the voice's rate \(rate)), "
                + "but \(which). It is not read; split it into shorter bulletins")
    }

    /// The fastest `rate` among the voices that could read `bulletin`.
    static func fastestRate(for bulletin: Bulletin, province: Province, voices: VoiceLibrary?) -> Int {
        guard let voices else { return SpokenLength.defaultWordsPerMinute }
        let ids = bulletin.voice.map { [$0] }
            ?? province.stations.filter { bulletin.targets(station: $0.code, district: $0.districtCode) }
                .map { province.voice(for: $0) }
        return ids.compactMap { voices[$0]?.rate }.max() ?? SpokenLength.defaultWordsPerMinute
    }

    /// A template without its `{placeholders}`, which are not counted (the estimate errs short).
    static func withoutPlaceholders(_ template: String) -> String {
        var result = ""
        var inPlaceholder = false
        for character in template {
            if character == "{" { inPlaceholder = true; result.append(" ") }
            else if character == "}" { inPlaceholder = false }
            else if !inPlaceholder { result.append(character) }
        }
        return result
    }
}
