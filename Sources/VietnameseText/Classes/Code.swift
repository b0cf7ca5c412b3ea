// Codes and document references. A document number keeps its number and spells
// its code letter by letter, even where a part is a known abbreviation; the
// slash is "trên", the hyphen a short pause: 13/KH-TBTT → mười ba trên ca hát,
// tê bê tê tê; 16/CT-TTg → mười sáu trên xê tê, tê tê giê (every letter is said,
// a repeated one too, as reading-guide.md says). Leading zeros of a
// document number are read (01/KH → không một trên ca hát) because they are part
// of its name. A hyphen glued between letters and digits (COVID-19) is silent.

enum Code {
    /// A code part: a word with a capital letter, maybe with digits glued (VX1).
    private static func codePart(_ c: TokenContext, at j: Int) -> (spoken: String, length: Int)? {
        guard let t = c.token(j), t.kind == .word, t.upperCount > 0, c.attached(j) else { return nil }
        var len = 1
        var text = t.text
        while let n = c.token(j + len), c.attached(j + len), n.kind == .number || (n.kind == .word && n.upperCount > 0), len < 4 {
            text += n.text; len += 1
        }
        return (Letters.spell(text, c.lexicon), len)
    }

    private static func number(_ text: String) -> String {
        if text.utf8.count > 1 && text.utf8.first == 48 { return NumberReading.digitByDigit(text) }
        return NumberReading.cardinal(text) ?? NumberReading.digitByDigit(text)
    }

    static func read(_ c: TokenContext, at i: Int) -> Reading? {
        var words: [String] = []
        var j = i
        var sawCode = false
        if c.isSymbol(i, "/") {
            // "Số: /BC-STTTT": a reference whose number was left blank.
            guard !c.attached(i) || c.token(i - 1)?.kind == .symbol, codePart(c, at: i + 1) != nil else { return nil }
            j = i
        } else {
            guard c.isNumber(i), !(c.attached(i) && c.token(i - 1)?.kind == .word) else { return nil }
            words.append(number(c.tokens[i].text))
            j = i + 1
        }
        var firstCodeLetters = 0
        var hyphens = 0
        while j < c.count, j - i < 24 {
            guard let t = c.token(j), t.kind == .symbol, t.symbol == "/" || t.symbol == "-", c.attached(j + 1) else { break }
            if j > i, !c.attached(j) { break }
            if let part = codePart(c, at: j + 1) {
                if !sawCode { firstCodeLetters = c.tokens[j + 1].upperCount + c.tokens[j + 1].lowerCount }
                if t.symbol == "-" { hyphens += 1 }
                words.append(t.symbol == "/" ? (words.isEmpty ? "" : "trên") : ",")
                words.append(part.spoken)
                sawCode = true
                j += 1 + part.length
            } else if c.isNumber(j + 1), t.symbol == "/" || sawCode {
                words.append(t.symbol == "/" ? "trên" : ",")
                words.append(number(c.tokens[j + 1].text))
                j += 2
            } else { break }
        }
        guard sawCode else {
            // số 12/2021: a reference without letters, after "số".
            if c.previousWord(i) == "số", j == i + 1, c.glued(j, "/"), c.isNumber(j + 1), c.isNumber(i) {
                var k = i + 1
                var w = [number(c.tokens[i].text)]
                while c.glued(k, "/"), c.isNumber(k + 1), k - i < 12 { w.append("trên"); w.append(number(c.tokens[k + 1].text)); k += 2 }
                return Reading(w.joined(separator: " "), length: k - i, .code)
            }
            return nil
        }
        // One capital letter after a slash alone is not enough to be a code (12/A is a ratio-like label).
        if firstCodeLetters < 2 && hyphens == 0 { return nil }
        let spoken = words.filter { !$0.isEmpty }.joined(separator: " ").replacingOccurrences(of: " ,", with: ",")
        return Reading(spoken, length: j - i, .code)
    }
}
