// Units after a number: 12 km → mười hai ki-lô-mét; 38°C → ba mươi tám độ xê;
// 40 km/h → bốn mươi ki-lô-mét trên giờ; % → phần trăm, ‰ → phần nghìn.
// Units are read only right after a number, so words that look like units
// stay words (Hà Tĩnh, "ha" alone, "m" as an initial). A number glued to capital
// letters reads number then letters: 5K → năm ca, 4G → bốn giê.
// The list of units is data: Lexicon/units.tsv.

enum Measure {
    /// What follows a quantity that ends at j: %, a unit or currency, capital letters.
    static func after(_ c: TokenContext, at j: Int) -> Reading? {
        guard let t = c.token(j), !t.lineStart else { return nil }
        if t.kind == .symbol {
            if t.symbol == "%" { return Reading("phần trăm", length: 1, .measure) }
            if t.symbol == "‰" { return Reading("phần nghìn", length: 1, .measure) }
        }
        if let m = c.lexicon.match(c.tokens, at: j, units: true) {
            // A spaced unit must not run into more letters ("5 m" yes, "5 mét" is a word anyway).
            let endTok = c.token(j + m.length)
            if let e = endTok, c.attached(j + m.length), e.kind == .word { return nil }
            let cls: SemioticClass = m.entry.category == .currency ? .money : .measure
            return Reading(m.entry.spoken, length: m.length, cls)
        }
        // 5K, 3G, 90N: capital letters glued to the number.
        if t.kind == .word, c.attached(j), t.isAllCaps, t.text.unicodeScalars.count <= 3 {
            return Reading(Letters.spell(t.text, c.lexicon), length: 1, .letters)
        }
        return nil
    }

    /// A unit after a per-slash: đ/kg → đồng mỗi ki-lô-gam.
    static func perUnit(_ c: TokenContext, at j: Int) -> Reading? {
        guard c.glued(j, "/"), let m = c.lexicon.match(c.tokens, at: j + 1, units: true),
              c.lexicon.match(c.tokens, at: j + 1)?.length ?? 0 <= m.length else { return nil }
        if let e = c.token(j + 1 + m.length), c.attached(j + 1 + m.length), e.kind == .word { return nil }
        return Reading("mỗi " + m.entry.spoken, length: 1 + m.length, .per)
    }
}
