// Ratios and per-slashes. a/b between two numbers that is not a date is "trên":
// 136/200 xã → một trăm ba mươi sáu trên hai trăm xã. A slash after a counted
// word means "per": 3 lần/ngày → ba lần mỗi ngày; 120 phút/đài/tuần → … phút
// mỗi đài mỗi tuần; before "1 lần" it is silent: 2 ngày/1 lần → hai ngày một lần;
// before another number it is "trên": 24h/7 ngày → hai mươi tư giờ trên bảy ngày.
// Units keep "trên" (km/h, from the units list). A slash between words with no
// count before it is only a pause: các tỉnh/thành → các tỉnh, thành.

enum Ratio {
    static func read(_ c: TokenContext, at i: Int) -> Reading? {
        guard let a = NumberLiteral.scan(c, at: i), c.glued(a.end, "/"), let b = NumberLiteral.scan(c, at: a.end + 1)
        else { return nil }
        var parts = [a.spoken()]
        var end = b.end
        parts.append(b.spoken())
        while c.glued(end, "/"), let next = NumberLiteral.scan(c, at: end + 1), parts.count < 8 {
            parts.append(next.spoken()); end = next.end
        }
        var r = Reading(parts.map(\.spoken).joined(separator: " trên "), length: end - i, .ratio, quantity: true)
        if parts.contains(where: \.tooLong) { r.findings.append((.numberTooLong, "read digit by digit")) }
        // A d/m that could have been a date, with nothing to say so.
        if parts.count == 2, a.isPlainInteger, b.isPlainInteger, a.parts[0].utf8.count <= 2, b.parts[0].utf8.count <= 2,
           let d = NumberReading.value(a.parts[0]), let m = NumberReading.value(b.parts[0]),
           CalendarDate.isValid(d, m, nil), d != m, !c.isSymbol(end, "%"), !countsSomething(c, from: i, to: end) {
            r.findings.append((.ambiguous, "read as a ratio (\(r.spoken)); if it is a date, write 'ngày \(a.parts[0])/\(b.parts[0])'"))
        }
        return r
    }

    /// The ratio at [from, to) is plainly a share or a count, not a date written
    /// without its cue: 3/4 số hộ, có 5/10 xã, đạt 2/3, 1/2 km.
    static func countsSomething(_ c: TokenContext, from: Int, to: Int) -> Bool {
        if CountedWords.counts(c, at: to) || Measure.after(c, at: to) != nil { return true }
        guard let w = c.previousWord(from), c.tokens[from].spaceBefore else { return false }
        if CountedWords.amountCues.contains(w) { return true }
        // Round the clock: trực 24/7, hoạt động 24/7 (hours a day, days a week).
        return c.tokens[from].text == "24" && c.token(from + 2)?.text == "7" && roundTheClockCues.contains(w)
    }

    /// Words before "24/7" that make it "round the clock", not the 24th of July.
    static let roundTheClockCues: Set<String> = ["trực", "động", "vụ", "trợ", "việc", "cửa", "tục", "nhận", "sàng"]

    /// Words that are counted per something even without a number before them.
    static let perWords: Set<String> = ["ngày", "tuần", "tháng", "năm", "giờ", "phút", "người", "hộ", "lần", "ca", "buổi",
                                         "đài", "xã", "kg", "km", "lượt", "suất", "con", "cái", "chiếc", "ha", "m2", "học sinh"]

    /// What a glued "/" after a word says: "mỗi" after a count ("3 lần/tuần"),
    /// "trên" before a number ("24h/7 ngày" → hai mươi tư giờ trên bảy ngày, as units
    /// keep "trên"), silence only in the guide's "2 ngày/1 lần" (hai ngày một lần),
    /// otherwise a pause (các tỉnh/thành). Never dropped.
    enum Slash { case per, over, silent, pause }

    static func slash(_ c: TokenContext, at i: Int, lastQuantityEnd: Int) -> Slash {
        guard c.attached(i), c.attached(i + 1), let prev = c.token(i - 1), let next = c.token(i + 1) else { return .pause }
        guard prev.kind == .word || prev.kind == .symbol else { return .pause }
        if next.kind == .number {
            guard prev.kind == .word else { return .pause }
            return oncePer(c, at: i + 1) ? .silent : .over
        }
        guard next.kind == .word else { return .pause }
        // Between codes (A/H1N1, CT/TU) a slash is not "per".
        if prev.isAllCaps || next.isAllCaps { return .pause }
        if i - lastQuantityEnd <= 4 && i >= lastQuantityEnd { return .per }
        if perWords.contains(next.lower) && prev.kind == .word && !prev.isAllCaps { return .per }
        return .pause
    }

    /// "1 lần" (or "01 lần") at j: the frequency in "2 ngày/1 lần", read without the slash.
    static func oncePer(_ c: TokenContext, at j: Int) -> Bool {
        guard let n = c.token(j), n.kind == .number, n.text == "1" || n.text == "01",
              let w = c.token(j + 1), w.kind == .word, w.spaceBefore, w.lower == "lần" else { return false }
        return true
    }
}
