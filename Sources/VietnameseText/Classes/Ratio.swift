// Ratios and per-slashes. a/b between two numbers that is not a date is "trên":
// 136/200 xã → một trăm ba mươi sáu trên hai trăm xã. A slash after a counted
// word means "per": 3 lần/ngày → ba lần mỗi ngày; 120 phút/đài/tuần → … phút
// mỗi đài mỗi tuần; before a number it is silent: 2 ngày/1 lần → hai ngày một lần.
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
           CalendarDate.isValid(d, m, nil), d != m, !c.isSymbol(end, "%") {
            r.findings.append((.ambiguous, "read as a ratio (\(r.spoken)); if it is a date, write 'ngày \(a.parts[0])/\(b.parts[0])'"))
        }
        return r
    }

    /// Words that are counted per something even without a number before them.
    static let perWords: Set<String> = ["ngày", "tuần", "tháng", "năm", "giờ", "phút", "người", "hộ", "lần", "ca", "buổi",
                                         "đài", "xã", "kg", "km", "lượt", "suất", "con", "cái", "chiếc", "ha", "m2", "học sinh"]

    /// What a glued "/" between words says: "mỗi" after a count, silence before a
    /// number, otherwise a pause.
    enum Slash { case per, silent, pause }

    static func slash(_ c: TokenContext, at i: Int, lastQuantityEnd: Int) -> Slash {
        guard c.attached(i), c.attached(i + 1), let prev = c.token(i - 1), let next = c.token(i + 1) else { return .pause }
        guard prev.kind == .word || prev.kind == .symbol else { return .pause }
        if next.kind == .number { return prev.kind == .word ? .silent : .pause }
        guard next.kind == .word else { return .pause }
        // Between codes (A/H1N1, CT/TU) a slash is not "per".
        if prev.isAllCaps || next.isAllCaps { return .pause }
        if i - lastQuantityEnd <= 4 && i >= lastQuantityEnd { return .per }
        if perWords.contains(next.lower) && prev.kind == .word && !prev.isAllCaps { return .per }
        return .pause
    }
}
