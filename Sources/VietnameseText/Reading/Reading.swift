// What a semiotic class returns when it recognises tokens: the spoken words,
// how many tokens it covered, and anything to report.

struct Reading {
    var spoken: String
    /// Tokens covered, from the position the class was asked about.
    var length: Int
    var semioticClass: SemioticClass
    var findings: [(kind: Finding.Kind, message: String)] = []
    /// A pause to make after the words (a heading number's dot, a code hyphen).
    var pauseAfter: Unicode.Scalar? = nil
    /// The reading is a quantity: units, % and per-slashes may follow.
    var isQuantity: Bool = false
    /// A word read as itself (not a rewrite worth listing in --explain).
    var isPlainWord: Bool = false

    init(_ spoken: String, length: Int, _ cls: SemioticClass, quantity: Bool = false) {
        self.spoken = spoken; self.length = length; self.semioticClass = cls; self.isQuantity = quantity
    }
}

/// Read-only view of a paragraph's tokens with the lookups every class needs.
final class TokenContext {
    let tokens: [Token]
    let lexicon: Lexicon

    init(tokens: [Token], lexicon: Lexicon) { self.tokens = tokens; self.lexicon = lexicon }

    var count: Int { tokens.count }

    @inline(__always) func token(_ j: Int) -> Token? { j >= 0 && j < tokens.count ? tokens[j] : nil }

    /// Token j exists and is glued to the one before it (no space).
    @inline(__always) func attached(_ j: Int) -> Bool {
        j > 0 && j < tokens.count && !tokens[j].spaceBefore && !tokens[j].lineStart
    }

    @inline(__always) func isSymbol(_ j: Int, _ c: Unicode.Scalar) -> Bool {
        j >= 0 && j < tokens.count && tokens[j].kind == .symbol && tokens[j].symbol == c
    }

    @inline(__always) func isNumber(_ j: Int) -> Bool { j >= 0 && j < tokens.count && tokens[j].kind == .number }

    /// Symbol c at j, attached to what comes before and after it.
    @inline(__always) func glued(_ j: Int, _ c: Unicode.Scalar) -> Bool {
        isSymbol(j, c) && attached(j) && attached(j + 1)
    }

    /// The lower-case word just before j (spaced or not), skipping one opening bracket.
    func previousWord(_ j: Int) -> String? {
        var k = j - 1
        if k >= 0, tokens[k].kind == .symbol, tokens[k].symbol == "(" { k -= 1 }
        guard k >= 0, tokens[k].kind == .word else { return nil }
        return tokens[k].lower
    }

    /// The lower-case word two words before j (for "thứ Hai", "đại hội").
    func wordBefore(_ j: Int, skip: Int) -> String? {
        var k = j - 1
        var seen = 0
        while k >= 0 {
            if tokens[k].kind == .word {
                if seen == skip { return tokens[k].lower }
                seen += 1
            } else if tokens[k].kind != .number { return nil }
            else if seen == skip { return tokens[k].lower }
            else { seen += 1 }
            k -= 1
        }
        return nil
    }

    /// Up to n previous words (lower case, nearest last), stopping at sentence punctuation.
    func recentWords(_ j: Int, _ n: Int) -> [String] {
        var out: [String] = []
        var k = j - 1
        while k >= 0 && out.count < n {
            let t = tokens[k]
            if t.kind == .word { out.append(t.lower) }
            else if t.kind == .symbol && (t.symbol == "." || t.symbol == ";" || t.symbol == "!" || t.symbol == "?") { break }
            k -= 1
        }
        return out.reversed()
    }

    /// The written text of tokens [from, from+length).
    func written(_ from: Int, _ length: Int) -> String {
        SentenceBuilder.writtenText(tokens, from, from + max(1, length) - 1)
    }

    /// Token j starts a line (ignoring a leading opening bracket).
    func startsLine(_ j: Int) -> Bool {
        guard let t = token(j) else { return false }
        return t.lineStart
    }

    /// j is the last token of its line, or followed only by closing punctuation.
    func endsLine(_ j: Int) -> Bool {
        j + 1 >= tokens.count || tokens[j + 1].lineStart
    }
}
