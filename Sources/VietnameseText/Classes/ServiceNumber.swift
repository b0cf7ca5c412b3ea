// Service and hotline numbers: after a telephone cue (tổng đài, đường dây nóng,
// hotline, số máy, gọi, liên hệ, số điện thoại …) the short numbers people dial
// are read digit by digit, as on the phone: gọi 113 → gọi một một ba; tổng đài
// 1022 → một không hai hai; đường dây nóng 113, 114, 115 → … một một năm.
// They are the emergency numbers 111–119 and the four-digit 10xx service lines,
// with the cue at most two words before (gọi ngay 115; số máy 113 hoặc 114);
// 1800/1900 numbers (1900 9095, 1800 1091, 1900 561 292) are read by `Telephone`.
// A number followed by something it counts (115 cuộc gọi, 113 hộ) stays a
// quantity even after a cue.

enum ServiceNumber {
    /// The services short numbers call, cues for them only: công an 113, cấp cứu 115.
    static let serviceCues: [[String]] = [["cấp", "cứu"], ["công", "an"], ["cứu", "hỏa"], ["cứu", "nạn"],
                                          ["cứu", "hộ"], ["khẩn", "cấp"]]

    /// A short number people dial: 111–119 or 10xx.
    static func isServiceNumber(_ digits: String) -> Bool {
        let u = Array(digits.utf8)
        switch u.count {
        case 3: return u[0] == 49 && u[1] == 49 && u[2] != 48 // 111–119
        case 4: return u[0] == 49 && u[1] == 48              // 1000–1099
        default: return false
        }
    }

    static func read(_ c: TokenContext, at i: Int) -> Reading? {
        guard c.isNumber(i), !(c.attached(i) && c.token(i - 1)?.kind != .symbol) else { return nil }
        let digits = c.tokens[i].text
        guard isServiceNumber(digits) else { return nil }
        // Nothing glued after it that makes it something else (113.000, 114/2021, 115km, 1022-1030).
        if let n = c.token(i + 1), c.attached(i + 1), !(n.kind == .symbol && ",;:.)!?".unicodeScalars.contains(n.symbol)) {
            return nil
        }
        if c.isSymbol(i + 1, "."), c.attached(i + 1), c.isNumber(i + 2), c.attached(i + 2) { return nil }
        if c.isSymbol(i + 1, ","), c.attached(i + 1), c.isNumber(i + 2), c.attached(i + 2) { return nil }
        // Not a count: 115 cuộc gọi, 113 hộ, 114 km.
        if let w = c.token(i + 1), w.kind == .word, !w.lineStart {
            if CountedWords.nouns.contains(w.lower) || Measure.after(c, at: i + 1) != nil { return nil }
        }
        guard Telephone.hasCue(c, i, extra: serviceCues, within: 2) else { return nil }
        return Reading(NumberReading.digitByDigit(digits), length: 1, .telephone)
    }
}
