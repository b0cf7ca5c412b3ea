// Dates: 22/9/2021 → ngày hai mươi hai tháng chín năm hai nghìn không trăm hai
// mươi mốt; d/m only where the text says it is a date (after ngày, từ, đến,
// trước, sau, hạn, hôm, sáng, trưa, chiều, tối, đêm, a weekday even with a comma
// between — Chủ nhật, 21/11 —, inside a date range, or in a list of dates);
// m/yyyy → tháng … năm …; date ranges 17/9-23/9/2021. An impossible date
// (32/13/2021) is read as numbers and reported. Written dates ("ngày 04 tháng
// 9") read the day with mồng and the month with tư for 4.

enum CalendarDate {
    static let cueWords: Set<String> = ["ngày", "từ", "đến", "hôm", "sáng", "trưa", "chiều", "tối", "đêm",
                                        "mồng", "mùng", "tới", "hết", "trước", "sau", "nhật", "cn", "hạn", "chót"]
    static let weekdayWords: Set<String> = ["hai", "ba", "tư", "năm", "sáu", "bảy", "2", "3", "4", "5", "6", "7"]

    struct DayMonth { var day: Int; var month: Int; var year: Int?; var length: Int; var yearText: String? }

    static func daysIn(_ month: Int, _ year: Int?) -> Int {
        switch month {
        case 2:
            guard let y = year else { return 29 }
            return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func isValid(_ d: Int, _ m: Int, _ y: Int?) -> Bool {
        m >= 1 && m <= 12 && d >= 1 && d <= daysIn(m, y)
    }

    /// "ngày D tháng M [năm Y]" (without "ngày" when `sayDay` is false).
    static func spoken(_ d: Int, _ m: Int, _ yearText: String?, sayDay: Bool, mong: Bool = true) -> String {
        var s = sayDay ? "ngày " : ""
        s += mong ? NumberReading.day(d) : (NumberReading.cardinal(String(d)) ?? String(d))
        s += " tháng " + NumberReading.month(m)
        if let y = yearText { s += " năm " + (NumberReading.cardinal(y) ?? y) }
        return s
    }

    /// Text before i already says "ngày" (or mồng/mùng).
    static func saysDay(_ c: TokenContext, _ i: Int) -> (day: Bool, mong: Bool) {
        guard let w = c.previousWord(i), c.tokens[i].spaceBefore || c.isSymbol(i - 1, "(") else { return (false, false) }
        if w == "mồng" || w == "mùng" { return (true, true) }
        return (w == "ngày", false)
    }

    /// The text around i says a d/m is a date: a cue word or weekday before it,
    /// or a list of dates it belongs to (ngày 17 và 18/9; 20/9, 21/9 và 22/9).
    static func hasCue(_ c: TokenContext, _ i: Int) -> Bool {
        // A list of days before it: ngày 17 và 18/9, ngày 15, 16, 17/9.
        var k = i - 1
        var listed = false
        while k >= 1, let t = c.token(k), isListSeparator(t), c.isNumber(k - 1), c.tokens[k - 1].text.utf8.count <= 2,
              !c.attached(k - 1) || !c.isSymbol(k - 2, "/") {
            k -= 2
            listed = true
        }
        if listed, let w = c.previousWord(k + 1), cueWords.contains(w) { return true }
        return directCue(c, i) || DateList.around(c, i)
    }

    /// A cue right before the d/m at i: a cue word or a weekday.
    static func directCue(_ c: TokenContext, _ i: Int) -> Bool {
        if let w = c.previousWord(i) {
            if cueWords.contains(w) { return true }
            if weekdayWords.contains(w), c.wordBefore(i, skip: 1) == "thứ" { return true }
        }
        return weekdayBefore(c, i) || deadlineBefore(c, i)
    }

    /// "hạn" (a deadline) a few words before, in the same clause: hạn nộp hồ sơ 30/11,
    /// thời hạn đăng ký 15/12. Not hạn chế (limit) or hạn hán (drought).
    static func deadlineBefore(_ c: TokenContext, _ i: Int) -> Bool {
        var k = i - 1
        var words = 0
        while k >= 0, words < 5, c.tokens[k].kind == .word {
            if c.tokens[k].lower == "hạn" {
                let next = c.token(k + 1)?.lower
                return next != "chế" && next != "hán" && next != "mức" && next != "ngạch"
            }
            words += 1
            k -= 1
        }
        return false
    }

    /// A weekday before i with a comma, colon, dash or bracket between:
    /// "thứ Hai, 15/11", "Chủ nhật (21/11)", "Thứ 7 - 20/11". Not "Thứ hai, 2/3 số xã"
    /// (an enumeration: "secondly").
    static func weekdayBefore(_ c: TokenContext, _ i: Int) -> Bool {
        var k = i - 1
        guard let sep = c.token(k), sep.kind == .symbol, ",(-:".unicodeScalars.contains(sep.symbol) else { return false }
        k -= 1
        guard let w = c.token(k), w.kind == .word || w.kind == .number else { return false }
        if c.token(i + 3)?.lower == "số" { return false }
        if w.lower == "cn" { return true }
        if w.lower == "nhật" { return c.token(k - 1)?.lower == "chủ" }
        return weekdayWords.contains(w.lower) && c.token(k - 1)?.lower == "thứ"
    }

    /// Commas, semicolons, "và", "hoặc", "&" between the items of a list.
    static func isListSeparator(_ t: Token) -> Bool {
        if t.kind == .word { return t.lower == "và" || t.lower == "hoặc" || t.lower == "đến" }
        return t.kind == .symbol && (t.symbol == "," || t.symbol == ";" || t.symbol == "&")
    }

    /// d SEP m [SEP yyyy] at i, tokens glued. `sep` is the separator used.
    static func scanDate(_ c: TokenContext, at i: Int, sep: Unicode.Scalar) -> DayMonth? {
        guard c.isNumber(i), c.tokens[i].text.utf8.count <= 2,
              c.glued(i + 1, sep), c.isNumber(i + 2), c.tokens[i + 2].text.utf8.count <= 2,
              let d = NumberReading.value(c.tokens[i].text), let m = NumberReading.value(c.tokens[i + 2].text)
        else { return nil }
        if c.glued(i + 3, sep), c.isNumber(i + 4) {
            let y = c.tokens[i + 4].text
            guard y.utf8.count == 4, let yv = NumberReading.value(y) else { return nil }
            // Not followed by more of the same (that is a code or a list).
            if c.attached(i + 5), c.isSymbol(i + 5, sep), c.isNumber(i + 6) { return nil }
            return DayMonth(day: d, month: m, year: yv, length: 5, yearText: y)
        }
        return DayMonth(day: d, month: m, year: nil, length: 3, yearText: nil)
    }

    /// A hyphen (any spacing) at j between two date parts.
    static func rangeDash(_ c: TokenContext, _ j: Int) -> Bool {
        guard c.isSymbol(j, "-") || c.isSymbol(j, "~"), let next = c.token(j + 1), next.kind == .number else { return false }
        return c.tokens[j].spaceBefore == next.spaceBefore
    }

    static func read(_ c: TokenContext, at i: Int) -> Reading? {
        guard c.isNumber(i), !c.attached(i) || !(c.token(i - 1)?.isWord ?? false) else { return nil }
        let said = saysDay(c, i)
        // d-d/m/yyyy: từ 17-23/9/2021
        if c.tokens[i].text.utf8.count <= 2, rangeDash(c, i + 1), let second = scanDate(c, at: i + 2, sep: "/"),
           second.year != nil, let d1 = NumberReading.value(c.tokens[i].text),
           isValid(d1, second.month, second.year), isValid(second.day, second.month, second.year), d1 < second.day {
            let s = (said.day ? "" : "ngày ") + (said.mong ? (NumberReading.cardinal(String(d1)) ?? "") : NumberReading.day(d1)) + " đến "
                + spoken(second.day, second.month, second.yearText, sayDay: true)
            return Reading(s, length: 2 + second.length, .date)
        }
        for sep in ["/", "-", "."] as [Unicode.Scalar] {
            guard let first = scanDate(c, at: i, sep: sep) else { continue }
            if first.year == nil && sep != "/" { continue }
            let valid = isValid(first.day, first.month, first.year)
            // A range of dates: 17/9-23/9/2021, 20/9 - 25/9.
            if valid, rangeDash(c, i + first.length), let second = scanDate(c, at: i + first.length + 1, sep: sep),
               isValid(second.day, second.month, second.year ?? first.year) {
                let year1 = first.year == nil ? nil : first.yearText
                let yearTail = second.yearText ?? (first.year == nil ? nil : first.yearText)
                let sameYear = year1 != nil && second.yearText == year1
                var s = spoken(first.day, first.month, sameYear ? nil : year1, sayDay: !said.day, mong: !said.mong)
                s += " đến " + spoken(second.day, second.month, yearTail, sayDay: true)
                return Reading(s, length: first.length + 1 + second.length, .date)
            }
            if first.year != nil {
                if valid {
                    return Reading(spoken(first.day, first.month, first.yearText, sayDay: !said.day, mong: !said.mong),
                                   length: first.length, .date)
                }
                guard sep == "/" else { return nil }
                let parts = [c.tokens[i].text, c.tokens[i + 2].text, c.tokens[i + 4].text]
                var r = Reading(parts.map { NumberReading.cardinal($0) ?? $0 }.joined(separator: " trên "),
                                length: first.length, .ratio)
                r.findings.append((.impossibleDate, "not a real date; read as numbers (\(r.spoken)). Check the day and month."))
                return r
            }
            // d/m without a year: a date only where the text says so.
            if c.attached(i + 3), c.isSymbol(i + 3, "/") { return nil }
            guard hasCue(c, i) else { return nil }
            if valid {
                return Reading(spoken(first.day, first.month, nil, sayDay: !said.day, mong: !said.mong), length: 3, .date)
            }
            if said.day {
                let parts = [c.tokens[i].text, c.tokens[i + 2].text]
                var r = Reading(parts.map { NumberReading.cardinal($0) ?? $0 }.joined(separator: " trên "), length: 3, .ratio)
                r.findings.append((.impossibleDate, "not a real date; read as a ratio (\(r.spoken)). Check the day and month."))
                return r
            }
            return nil
        }
        return monthYear(c, at: i)
    }

    /// m/yyyy → tháng M năm Y.
    static func monthYear(_ c: TokenContext, at i: Int) -> Reading? {
        guard c.tokens[i].text.utf8.count <= 2, c.glued(i + 1, "/"), c.isNumber(i + 2),
              c.tokens[i + 2].text.utf8.count == 4,
              !(c.attached(i + 3) && (c.isSymbol(i + 3, "/") || c.isSymbol(i + 3, "-"))),
              let m = NumberReading.value(c.tokens[i].text), (1...12).contains(m),
              let y = NumberReading.value(c.tokens[i + 2].text), (1900...2199).contains(y),
              c.previousWord(i) != "số" else { return nil }
        let saysMonth = c.previousWord(i) == "tháng" && c.tokens[i].spaceBefore
        let s = (saysMonth ? "" : "tháng ") + NumberReading.month(m) + " năm " + (NumberReading.cardinal(c.tokens[i + 2].text) ?? "")
        return Reading(s, length: 3, .date)
    }

    /// Written-out dates: the number after "ngày" before "tháng", and after "tháng".
    static func readWordForm(_ c: TokenContext, at i: Int) -> Reading? {
        guard c.isNumber(i), c.tokens[i].spaceBefore, c.tokens[i].text.utf8.count <= 2,
              !(c.attached(i + 1) && (c.isSymbol(i + 1, "/") || c.isSymbol(i + 1, ".") || c.isSymbol(i + 1, ",") || c.isSymbol(i + 1, "-"))),
              let v = NumberReading.value(c.tokens[i].text) else { return nil }
        let prev = c.previousWord(i)
        if prev == "tháng", (1...12).contains(v) {
            return Reading(NumberReading.month(v), length: 1, .date)
        }
        if prev == "ngày" || prev == "mồng" || prev == "mùng", (1...31).contains(v),
           let next = c.token(i + 1), next.lower == "tháng", next.spaceBefore {
            let s = prev == "ngày" ? NumberReading.day(v) : (NumberReading.cardinal(String(v)) ?? "")
            return Reading(s, length: 1, .date)
        }
        return nil
    }
}
