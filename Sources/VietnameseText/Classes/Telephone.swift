// Telephone numbers: digit by digit, grouping ignored: 19009095 → một chín
// không không chín không chín năm; (0239) 800126 → không hai ba chín tám không
// không một hai sáu. A number is a telephone number after a cue word (điện
// thoại, số máy, đường dây nóng, tổng đài, hotline, gọi, liên hệ, nhắn tin đến),
// or when it starts with 0 and has 9–11 digits, or starts with 1800/1900 and has
// 8 or 10. Short service numbers after a cue (113, 1022) are `ServiceNumber`.

enum Telephone {
    static let cues = ["điện thoại", "số máy", "đường dây nóng", "tổng đài", "hotline", "gọi", "liên hệ",
                       "nhắn tin đến", "nhắn tin tới", "nhắn tin", "đt", "sđt", "fax", "di động", "quay số",
                       "bấm số", "đầu số", "số khẩn cấp"]

    private static let cueWords: [[String]] = cues.map { $0.split(separator: " ").map(String.init) }

    /// The text just before i (up to six words, within the sentence) has a telephone cue.
    /// `extra` adds cues that only count for some numbers (the services a short number
    /// calls); `within` is how many words may come between the cue and the number.
    static func hasCue(_ c: TokenContext, _ i: Int, extra: [[String]] = [], within: Int = 6) -> Bool {
        let words = c.recentWords(i, 6)
        guard !words.isEmpty else { return false }
        for cue in cueWords + extra where cue.count <= words.count {
            for p in 0...(words.count - cue.count) where words[p] == cue[0] && words.count - p - cue.count <= within {
                // "kêu gọi" is an appeal, not a call.
                if cue[0] == "gọi", p > 0, words[p - 1] == "kêu" { continue }
                if Array(words[p..<(p + cue.count)]) == cue { return true }
            }
        }
        return false
    }

    static func read(_ c: TokenContext, at i: Int) -> Reading? {
        if let service = ServiceNumber.read(c, at: i) { return service }
        var j = i
        var groups: [String] = []
        var prefix = ""
        // (0239) 800126
        if c.isSymbol(i, "("), c.isNumber(i + 1), c.attached(i + 1), c.tokens[i + 1].text.hasPrefix("0"),
           (2...5).contains(c.tokens[i + 1].text.utf8.count), c.isSymbol(i + 2, ")"), c.attached(i + 2),
           c.isNumber(i + 3) {
            groups.append(c.tokens[i + 1].text)
            j = i + 3
            groups.append(c.tokens[j].text)
            j += 1
            collect(c, &j, &groups, spaced: true)
            guard groups.joined().utf8.count <= 12 else { return nil }
            return Reading(NumberReading.digitByDigit(groups.joined()), length: j - i, .telephone)
        }
        // +84 912 345 678
        if c.isSymbol(i, "+"), c.isNumber(i + 1), c.attached(i + 1), c.tokens[i + 1].text.hasPrefix("84") {
            prefix = "cộng "
            j = i + 1
        }
        guard c.isNumber(j) else { return nil }
        let first = c.tokens[j].text
        groups.append(first)
        j += 1
        let leadingZero = first.hasPrefix("0") || !prefix.isEmpty
        let service = first.hasPrefix("1800") || first.hasPrefix("1900")
        // The cue is looked for only when the number could be one (six digits or more).
        let cue = (leadingZero || service || first.utf8.count >= 6 || c.isNumber(j) || c.isSymbol(j, ".") || c.isSymbol(j, "-"))
            && hasCue(c, i)
        collect(c, &j, &groups, spaced: leadingZero || service || cue)
        let digits = groups.joined()
        let n = digits.utf8.count
        var isPhone = false
        if !prefix.isEmpty { isPhone = n >= 10 && n <= 12 }
        else if leadingZero && (9...11).contains(n) { isPhone = true }
        else if (digits.hasPrefix("1800") || digits.hasPrefix("1900")) && (n == 8 || n == 10) { isPhone = true }
        else if cue && n >= 6 && n <= 12 {
            // With a cue, a number written with thousands dots is still a quantity.
            let lit = NumberLiteral.scan(c, at: i)
            if let lit, lit.separators.count > 0, case .integer = lit.shape, !first.hasPrefix("0") { isPhone = false }
            else { isPhone = true }
        }
        guard isPhone else { return nil }
        return Reading(prefix + NumberReading.digitByDigit(digits), length: j - i, .telephone)
    }

    /// Appends further digit groups glued by . or - (or spaces when `spaced`).
    private static func collect(_ c: TokenContext, _ j: inout Int, _ groups: inout [String], spaced: Bool) {
        while groups.joined().utf8.count < 12 {
            if (c.isSymbol(j, ".") || c.isSymbol(j, "-")) && c.attached(j) && c.isNumber(j + 1) && c.attached(j + 1)
                && (2...4).contains(c.tokens[j + 1].text.utf8.count) {
                groups.append(c.tokens[j + 1].text); j += 2
            } else if spaced, c.isNumber(j), c.tokens[j].spaceBefore, !c.tokens[j].lineStart,
                      (2...4).contains(c.tokens[j].text.utf8.count), groups.joined().utf8.count + c.tokens[j].text.utf8.count <= 11,
                      !(c.attached(j + 1) && c.token(j + 1)?.kind == .word) {
                groups.append(c.tokens[j].text); j += 1
            } else { break }
        }
    }
}
