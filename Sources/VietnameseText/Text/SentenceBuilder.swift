// Assembles spoken words into sentences. Pauses (commas, colons…) are merged so
// a bracket after a comma gives one pause, not two; a sentence ends at . ? ! or
// at a line that does not continue, never at an abbreviation or a decimal point
// (those are consumed by their classes before they get here).

struct SentenceBuilder {
    private(set) var sentences: [SpokenSentence] = []
    private var spoken = ""
    private var pendingPause: Unicode.Scalar? = nil
    private var firstToken: Int? = nil
    private var lastToken: Int = -1
    private var line = 0

    /// Pause strength: a stronger pause replaces a weaker pending one.
    private static func strength(_ p: Unicode.Scalar) -> Int {
        switch p {
        case ",": return 1
        case ":": return 2
        case ";": return 3
        case ".": return 4
        case "?", "!": return 5
        default: return 0
        }
    }

    var isEmpty: Bool { spoken.isEmpty }

    /// Appends spoken words for tokens up to `token`.
    mutating func word(_ w: String, token: Int, line: Int) {
        guard !w.isEmpty else { return }
        if spoken.isEmpty {
            self.line = line
            if firstToken == nil { firstToken = token }
        } else {
            if let p = pendingPause { spoken.unicodeScalars.append(p) }
            spoken.append(" ")
        }
        pendingPause = nil
        spoken.append(w)
        lastToken = max(lastToken, token)
    }

    /// Marks the first token of the sentence being built (for `written`).
    mutating func touch(_ token: Int) {
        if firstToken == nil { firstToken = token }
        lastToken = max(lastToken, token)
    }

    mutating func pause(_ p: Unicode.Scalar, token: Int) {
        touch(token)
        guard !spoken.isEmpty else { return }
        if let q = pendingPause, SentenceBuilder.strength(q) >= SentenceBuilder.strength(p) { return }
        pendingPause = p
    }

    /// Ends the sentence; `mark` is its final punctuation, if any.
    mutating func end(_ mark: Unicode.Scalar?, token: Int?, tokens: [Token]) {
        if let token { touch(token) }
        defer { spoken = ""; pendingPause = nil; firstToken = nil; lastToken = -1 }
        guard !spoken.isEmpty, let first = firstToken else { return }
        if let mark { spoken.unicodeScalars.append(mark) }
        else if let p = pendingPause, p != "," { spoken.unicodeScalars.append(p) }
        let written = SentenceBuilder.writtenText(tokens, first, max(first, lastToken))
        sentences.append(SpokenSentence(written: written, spoken: spoken, line: line))
    }

    /// The written text of tokens first...last, spaced as written.
    static func writtenText(_ tokens: [Token], _ first: Int, _ last: Int) -> String {
        var s = ""
        guard first < tokens.count else { return s }
        for k in first...min(last, tokens.count - 1) {
            if k > first && tokens[k].spaceBefore { s.append(" ") }
            s.append(tokens[k].text)
        }
        return s
    }
}
