// The classify → verbalize loop over a paragraph's tokens. At each position the
// semiotic classes are asked in a fixed order (the most specific first); the
// first that recognises the tokens says how they are spoken. What no class
// claims is a plain word or a symbol (pause, "cộng", or nothing).

struct Verbalizer {
    let c: TokenContext
    let file: String
    let recordsRewrites: Bool
    var out = SentenceBuilder()
    var findings: [Finding] = []
    var rewrites: [Rewrite] = []
    var syllableCache: [String: Bool]
    /// What became of each token (see `TokenFate`): nothing is dropped silently.
    private(set) var fates: [TokenFate]
    /// Tokens no rule accounted for (reported as `not-read`); always empty on
    /// well-handled text, checked by the tests.
    private(set) var unaccounted: [String] = []
    /// Token index just after the last quantity (number and unit), for per-slashes.
    private var lastQuantityEnd = -100

    static let scaleWords: Set<String> = ["nghìn", "ngàn", "triệu", "tỷ", "tỉ", "trăm"]

    init(context: TokenContext, file: String, recordsRewrites: Bool, syllableCache: [String: Bool]) {
        self.c = context; self.file = file; self.recordsRewrites = recordsRewrites; self.syllableCache = syllableCache
        self.fates = [TokenFate](repeating: .unaccounted, count: context.count)
    }

    mutating func run() {
        var i = 0
        let tokens = c.tokens
        while i < tokens.count {
            if i > 0 && tokens[i].lineStart { out.end(nil, token: nil, tokens: tokens) }
            if let r = classify(at: i) {
                emit(r, at: i)
                var j = i + r.length
                if r.isQuantity {
                    // A scale word may come between the number and its currency: 2 triệu USD.
                    if let w = c.token(j), w.kind == .word, Verbalizer.scaleWords.contains(w.lower), w.spaceBefore,
                       let u = Measure.after(c, at: j + 1), u.semioticClass == .money {
                        emit(Reading(w.lower, length: 1, .cardinal).plain(), at: j)
                        j += 1
                        emit(u, at: j); j += u.length
                        while let p = Measure.perUnit(c, at: j) { emit(p, at: j); j += p.length }
                    } else if let u = Measure.after(c, at: j) {
                        emit(u, at: j); j += u.length
                        while let p = Measure.perUnit(c, at: j) { emit(p, at: j); j += p.length }
                    }
                    lastQuantityEnd = j
                }
                i = j
                continue
            }
            i += symbol(at: i)
        }
        out.end(nil, token: nil, tokens: tokens)
        reportUnaccounted()
    }

    /// The safety net: a token no rule accounted for is reported, never dropped.
    private mutating func reportUnaccounted() {
        for k in 0..<fates.count where fates[k] == .unaccounted {
            let t = c.tokens[k]
            unaccounted.append(t.text)
            fates[k] = .reported
            report(.notRead, text: t.text, line: t.line, message: "no rule reads this; it was left out of the spoken text")
        }
    }

    private mutating func mark(_ i: Int, _ length: Int = 1, _ fate: TokenFate) {
        var k = i
        while k < i + max(1, length) && k < fates.count {
            if fates[k] == .unaccounted || fate == .spoken { fates[k] = fate }
            k += 1
        }
    }

    private mutating func pause(_ p: Unicode.Scalar, _ i: Int) {
        out.pause(p, token: i)
        mark(i, 1, .pause)
    }

    private mutating func end(_ p: Unicode.Scalar, _ from: Int, through last: Int) {
        out.end(p, token: last, tokens: c.tokens)
        mark(from, last - from + 1, .pause)
    }

    // MARK: Classification

    private mutating func classify(at i: Int) -> Reading? {
        let t = c.tokens[i]
        switch t.kind {
        case .number:
            return Telephone.read(c, at: i)
                ?? Code.read(c, at: i)
                ?? lexiconReading(at: i)
                ?? CalendarDate.read(c, at: i)
                ?? Time.read(c, at: i)
                ?? Ordinal.read(c, at: i)
                ?? CalendarDate.readWordForm(c, at: i)
                ?? NumberRange.read(c, at: i)
                ?? Ratio.read(c, at: i)
                ?? Cardinal.read(c, at: i)
        case .word:
            if let r = WebAddress.read(c, at: i, cache: &syllableCache) { return r }
            if let r = Roman.read(c, at: i) { return r }
            if let r = lexiconReading(at: i) { return r }
            if t.lower == "x", c.isNumber(i - 1) || c.token(i - 1)?.kind == .word && c.isNumber(i - 2),
               c.isNumber(i + 1) {
                return Reading("nhân", length: 1, .symbol)
            }
            return Letters.readWord(c, at: i, cache: &syllableCache)
        case .symbol:
            switch t.symbol {
            case "(", "+": return Telephone.read(c, at: i) ?? lexiconReading(at: i)
            case "/": return Code.read(c, at: i) ?? lexiconReading(at: i)
            case "$", "€", "£", "¥": return Money.prefixed(c, at: i) ?? lexiconReading(at: i)
            case "-":
                // -5°C, -5 độ C → âm năm độ xê
                if t.spaceBefore || t.lineStart, c.isNumber(i + 1), c.attached(i + 1),
                   let n = NumberLiteral.scan(c, at: i + 1),
                   c.isSymbol(n.end, "°") || c.token(n.end)?.lower == "độ" || c.token(n.end)?.text == "oC" {
                    var r = Reading("âm " + n.spoken().spoken, length: 1 + n.length, .measure, quantity: true)
                    r.isQuantity = true
                    return r
                }
                return nil
            case ".", ",", ";", ":", "!", "?", "\"", "'", ")", "]": return nil
            default: return lexiconReading(at: i)
            }
        case .otherScript, .emoji:
            return nil
        }
    }

    private func lexiconReading(at i: Int) -> Reading? {
        guard let m = c.lexicon.match(c.tokens, at: i) else { return nil }
        let cls: SemioticClass
        switch m.entry.category {
        case .loanword: cls = .loanword
        case .unit: cls = .measure
        case .currency: cls = .money
        case .letter: cls = .letters
        case .abbreviation: cls = .abbreviation
        case .staff: cls = m.entry.caseSensitive ? .abbreviation : .loanword
        }
        return Reading(m.entry.spoken, length: m.length, cls)
    }

    // MARK: Symbols

    /// Handles a token no class claimed; returns how many tokens it used.
    private mutating func symbol(at i: Int) -> Int {
        let t = c.tokens[i]
        switch t.kind {
        case .otherScript:
            report(.otherScript, text: t.text, line: t.line, message: "text in another script is not read")
            out.touch(i)
            mark(i, 1, .reported)
            return 1
        case .emoji:
            report(.emoji, text: t.text, line: t.line, message: "emoji are not read")
            out.touch(i)
            mark(i, 1, .reported)
            return 1
        default: break
        }
        switch t.symbol {
        case ".", "…":
            // "./." closes an administrative text.
            if t.symbol == ".", c.glued(i + 1, "/"), c.isSymbol(i + 2, "."), c.attached(i + 2) {
                end(".", i, through: i + 2)
                return 3
            }
            var run = 1
            while c.isSymbol(i + run, ".") && c.attached(i + run) { run += 1 }
            let ellipsis = t.symbol == "…" || run >= 2
            let next = i + run
            let nextToken = c.token(next)
            let atEnd = nextToken == nil || nextToken!.lineStart
            let startsNew = atEnd || (nextToken!.spaceBefore && startsSentence(nextToken!))
                || (!nextToken!.spaceBefore && nextToken!.isCapitalized && !ellipsis)
            if startsNew { end(".", i, through: next - 1) }
            else { out.pause(",", token: next - 1); mark(i, run, .pause) }
            return run
        case "!", "?":
            var run = 1
            while let n = c.token(i + run), n.kind == .symbol, n.symbol == "!" || n.symbol == "?", !n.spaceBefore { run += 1 }
            end(t.symbol, i, through: i + run - 1)
            return run
        case ",", ";", ":":
            pause(t.symbol, i)
        case "(", ")", "[", "]", "{", "}", "\"", "|", "•", "\\":
            pause(",", i)
        case "-", "'":
            if SilentMarks.isJoint(c, i) { out.touch(i); mark(i, 1, .silent) } // vắc-xin, COVID-19, H'Mông
            else if t.symbol == "'" { out.touch(i); mark(i, 1, .silent) }    // a single quote
            else { pause(",", i) }
        case "/":
            switch Ratio.slash(c, at: i, lastQuantityEnd: lastQuantityEnd) {
            case .per:
                say("mỗi", i, .per)
                lastQuantityEnd = i + 2
            case .over: say("trên", i, .per)
            case .silent: out.touch(i); mark(i, 1, .silent)
            case .pause: pause(",", i)
            }
        case "+": say("cộng", i, .symbol)
        case "&": say("và", i, .symbol)
        case "=": say("bằng", i, .symbol)
        case "@": say("a còng", i, .symbol)
        case "%": say("phần trăm", i, .symbol)
        case "‰": say("phần nghìn", i, .symbol)
        case "~": say("khoảng", i, .symbol)
        case "×": say("nhân", i, .symbol)
        case "°": say("độ", i, .symbol)
        case "№": say("số", i, .symbol)
        case "$": say("đô la", i, .symbol)
        case "<": say(c.isNumber(i + 1) ? "dưới" : "nhỏ hơn", i, .symbol)
        case ">": say(c.isNumber(i + 1) ? "trên" : "lớn hơn", i, .symbol)
        case "≤": say("không quá", i, .symbol)
        case "≥": say("không dưới", i, .symbol)
        default:
            out.touch(i)
            if SilentMarks.decorations.contains(t.symbol) {
                mark(i, 1, .silent) // quotes, asterisks, hash signs: not read
            } else {
                mark(i, 1, .reported)
                report(.notRead, text: t.text, line: t.line, message: "a symbol with no reading; it is not read")
            }
        }
        return 1
    }

    private func startsSentence(_ t: Token) -> Bool {
        switch t.kind {
        case .word: return t.isCapitalized
        case .number: return true
        case .symbol: return t.symbol == "\"" || t.symbol == "(" || t.symbol == "-" || t.symbol == "•" || t.symbol == "'"
        default: return true
        }
    }

    private mutating func say(_ words: String, _ i: Int, _ cls: SemioticClass) {
        emit(Reading(words, length: 1, cls), at: i)
    }

    // MARK: Output

    private mutating func emit(_ r: Reading, at i: Int) {
        let t = c.tokens[i]
        out.touch(i)
        out.word(r.spoken, token: i + max(1, r.length) - 1, line: t.line)
        if !r.spoken.isEmpty { mark(i, r.length, .spoken) }
        else if !r.findings.isEmpty { mark(i, r.length, .reported) }
        if let p = r.pauseAfter { out.pause(p, token: i + r.length - 1) }
        if !r.findings.isEmpty {
            let written = c.written(i, r.length)
            for f in r.findings { report(f.kind, text: written, line: t.line, message: f.message) }
        }
        if recordsRewrites && !r.isPlainWord {
            let written = c.written(i, r.length)
            if written != r.spoken {
                rewrites.append(Rewrite(semioticClass: r.semioticClass, written: written, spoken: r.spoken, line: t.line))
            }
        }
    }

    private mutating func report(_ kind: Finding.Kind, text: String, line: Int, message: String) {
        let shown = text.unicodeScalars.count > 80 ? String(String.UnicodeScalarView(text.unicodeScalars.prefix(80))) + "…" : text
        findings.append(Finding(kind: kind, text: shown, location: SourceLocation(file: file, line: line), message: message))
    }
}
