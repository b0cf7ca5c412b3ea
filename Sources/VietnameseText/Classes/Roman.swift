// Roman numerals are cardinals after Chương, Mục, Phần, Quý, Khóa, Đại hội,
// thế kỷ, hạng, loại, tập, kỳ, vùng, or as a heading number at the start of a
// line (II. Nhiệm vụ → hai. nhiệm vụ); after "thứ" they are ordinals (thứ II →
// thứ hai). Elsewhere "I" is the letter i. Quý I/2021 → quý một năm hai nghìn….

enum Roman {
    static let cues: Set<String> = ["chương", "mục", "phần", "quý", "khóa", "hạng", "loại", "tập", "kỳ", "vùng",
                                    "khu", "cấp", "độ", "giai", "đoạn"]
    static let twoWordCues: Set<String> = ["đại hội", "thế kỷ", "kỳ họp", "hội nghị", "khu vực", "giai đoạn"]

    static func value(_ text: String, allowed: Set<Unicode.Scalar>) -> Int? {
        let s = Array(text.unicodeScalars)
        guard !s.isEmpty, s.count <= 12, s.allSatisfy({ allowed.contains($0) }) else { return nil }
        let v: [Unicode.Scalar: Int] = ["I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000]
        var total = 0
        for k in 0..<s.count {
            let a = v[s[k]]!
            if k + 1 < s.count, a < v[s[k + 1]]! { total -= a } else { total += a }
        }
        guard total > 0, total < 4000, roman(total) == text else { return nil }
        return total
    }

    static func roman(_ n: Int) -> String {
        let table: [(Int, String)] = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                                      (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
        var n = n, s = ""
        for (v, r) in table { while n >= v { s += r; n -= v } }
        return s
    }

    static func read(_ c: TokenContext, at i: Int) -> Reading? {
        let t = c.tokens[i]
        guard t.kind == .word, t.isAllCaps, t.upperCount <= 8 else { return nil }
        let prev = c.previousWord(i)
        let prev2 = c.wordBefore(i, skip: 1).map { $0 + " " + (prev ?? "") }
        var value: Int?
        var ordinal = false
        var heading = false
        if t.spaceBefore, let p = prev, cues.contains(p) || (prev2.map { twoWordCues.contains($0) } ?? false) {
            value = Roman.value(t.text, allowed: ["I", "V", "X", "L", "C", "D", "M"])
        } else if t.spaceBefore, prev == "thứ" {
            value = Roman.value(t.text, allowed: ["I", "V", "X"])
            ordinal = true
        } else if t.lineStart {
            // II. Nhiệm vụ / II KẾT QUẢ / IV
            let dot = c.isSymbol(i + 1, ".") && c.attached(i + 1)
            let capsHeading = (c.token(i + 1)?.isAllCaps ?? false) && (c.token(i + 1)?.spaceBefore ?? false)
            if dot || capsHeading || c.endsLine(i) {
                value = Roman.value(t.text, allowed: ["I", "V", "X"])
                heading = dot
            }
        }
        guard let v = value else { return nil }
        var spoken = ordinal ? Ordinal.word(v) : (NumberReading.cardinal(String(v)) ?? "")
        var length = 1
        // Quý I/2021
        if c.glued(i + 1, "/"), c.isNumber(i + 2), c.tokens[i + 2].text.utf8.count == 4 {
            spoken += " năm " + (NumberReading.cardinal(c.tokens[i + 2].text) ?? "")
            length = 3
        }
        var r = Reading(spoken, length: length + (heading ? 1 : 0), .roman)
        if heading { r.pauseAfter = "." }
        return r
    }
}
