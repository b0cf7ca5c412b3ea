// Letters, acronyms and foreign words. An all-capital word that is a Vietnamese
// syllable is a word (KHÓ KHĂN → khó khăn); any other all-capital token not in
// the lexicon is spelled with Vietnamese letter names and reported (VTV → vê tê
// vê). A word that is not Vietnamese and in no lexicon is left to the voice and
// reported, so staff can add it. CamelCase names are read by their parts when
// every part is known (QRCode → quy a cốt). Case does not hide a known form: a
// listed acronym written in lower case reads as its capitals do (sms → ét-em-ét,
// ubnd → ủy ban nhân dân), and a unit standing alone reads as a unit (Km 12 →
// ki-lô-mét mười hai; tốc độ (km/h) → ki-lô-mét trên giờ).

enum Letters {
    /// Spells letters by their Vietnamese names; digits inside are read as a number.
    static func spell(_ text: String, _ lexicon: Lexicon) -> String {
        var words: [String] = []
        var digits = ""
        func flush() {
            if !digits.isEmpty { words.append(NumberReading.cardinal(digits) ?? NumberReading.digitByDigit(digits)); digits = "" }
        }
        for s in text.unicodeScalars {
            if s.value >= 48 && s.value <= 57 { digits.unicodeScalars.append(s); continue }
            flush()
            if let name = lexicon.letterName(s) { words.append(name) }
            else if Scalars.classify(s) == .latinLetter { words.append(String(Scalars.lower(s))) }
        }
        flush()
        return words.joined(separator: " ")
    }

    /// Reads a word token that no lexicon entry matched.
    static func readWord(_ c: TokenContext, at i: Int, cache: inout [String: Bool]) -> Reading {
        let t = c.tokens[i]
        if isVietnamese(t.key, cache: &cache) {
            return Reading(t.lower, length: 1, .letters).plain()
        }
        if t.upperCount + t.lowerCount >= 2 {
            if !t.isAllCaps, let m = c.lexicon.matchAcronymAnyCase(c.tokens, at: i) {
                return Reading(m.entry.spoken, length: m.length, .abbreviation)
            }
            if let m = c.lexicon.match(c.tokens, at: i, units: true), m.entry.category == .unit,
               !(c.attached(i + m.length) && c.token(i + m.length)?.kind == .word) {
                return Reading(m.entry.spoken, length: m.length, .measure)
            }
        }
        if t.upperCount + t.lowerCount == 1 && t.text.unicodeScalars.count == 1 {
            // A single letter that is not a word: its name (điểm b → điểm bê).
            return Reading(spell(t.text, c.lexicon), length: 1, .letters)
        }
        if t.isAllCaps {
            var r = Reading(spell(t.text, c.lexicon), length: 1, .letters)
            r.findings.append((.unknownAcronym, "spelled as \(r.spoken); add it to Bulletins/lexicon.tsv if it has a reading"))
            return r
        }
        if t.upperCount > 0, t.lowerCount > 0, let parts = camelParts(t.key), parts.count > 1 {
            var spoken: [String] = []
            for p in parts {
                if let e = c.lexicon.match([tokenFor(p)], at: 0) { spoken.append(e.entry.spoken) }
                else if isVietnamese(p, cache: &cache) { spoken.append(Scalars.lowercased(p)) }
                else if p.unicodeScalars.allSatisfy({ Scalars.isUpper($0) }), p.unicodeScalars.count <= 4 {
                    spoken.append(spell(p, c.lexicon))
                } else { spoken = []; break }
            }
            if !spoken.isEmpty { return Reading(spoken.joined(separator: " "), length: 1, .loanword) }
        }
        var r = Reading(t.lower, length: 1, .loanword)
        r.findings.append((.unknownForeignWord, "not Vietnamese and in no lexicon; left to the voice. Add it to Bulletins/lexicon.tsv"))
        return r
    }

    static func isVietnamese(_ word: String, cache: inout [String: Bool]) -> Bool {
        if let v = cache[word] { return v }
        let v = VietnameseSyllable.isSyllable(word)
        if cache.count < 50_000 { cache[word] = v }
        return v
    }

    /// Splits MyTV → My, TV; QRCode → QR, Code; FiberVNN → Fiber, VNN.
    static func camelParts(_ word: String) -> [String]? {
        let s = Array(word.unicodeScalars)
        guard s.count <= 40 else { return nil }
        var parts: [String] = []
        var cur = String.UnicodeScalarView()
        for k in 0..<s.count {
            let up = Scalars.isUpper(s[k])
            if k > 0, up, !cur.isEmpty {
                let prevLower = Scalars.isLower(s[k - 1])
                let nextLower = k + 1 < s.count && Scalars.isLower(s[k + 1])
                if prevLower || (Scalars.isUpper(s[k - 1]) && nextLower) {
                    parts.append(String(cur)); cur = String.UnicodeScalarView()
                }
            }
            cur.append(s[k])
        }
        if !cur.isEmpty { parts.append(String(cur)) }
        return parts
    }

    static func tokenFor(_ text: String) -> Token {
        var upper = 0, lower = 0
        for s in text.unicodeScalars { if Scalars.isUpper(s) { upper += 1 } else if Scalars.isLower(s) { lower += 1 } }
        var t = Token(kind: .word, text: text, key: text, lower: Scalars.lowercased(text), spaceBefore: true, line: 0, lineStart: false)
        t.upperCount = upper; t.lowerCount = lower
        return t
    }
}

extension Reading {
    /// A word read as itself: not worth a line in --explain.
    func plain() -> Reading { var r = self; r.semioticClass = .letters; r.isPlainWord = true; return r }
}
