import Foundation

/// Word lists that say how written forms are spoken: abbreviations (UBND →
/// ủy ban nhân dân), loanwords (Zalo → da-lô), units (km → ki-lô-mét),
/// currencies (đ → đồng) and letter names (B → bê).
///
/// The lists ship as TSV files in the package (`Sources/VietnameseText/Lexicon`)
/// so that language knowledge is data, not code; a staff lexicon
/// (`Bulletins/lexicon.tsv`) merged at run time overrides and extends them
/// without rebuilding.
///
/// Matching: a written form with an upper-case letter matches exactly that
/// spelling (`TP.`, `UBND`); a written form in lower case matches any
/// capitalisation (`zalo` matches Zalo and ZALO). Forms may span several
/// tokens (`TT&TT`, `PGS.TS.`, `Sở TTTT`); the longest match wins.
public struct Lexicon: Sendable {
    /// Which list an entry came from; it decides where the entry applies.
    public enum Category: String, Sendable {
        /// Administrative abbreviations (abbreviations.tsv): exact spelling.
        case abbreviation
        /// Foreign words (loanwords.tsv).
        case loanword
        /// Units, read only after a number (units.tsv).
        case unit
        /// Currencies, read only after a number (currencies.tsv).
        case currency
        /// Letter names for spelling (letters.tsv).
        case letter
        /// Entries from a staff lexicon; they win over the built-in lists.
        case staff
    }

    struct PatternToken: Sendable, Hashable {
        var key: String
        var lower: String
        var spaceBefore: Bool
    }

    struct Entry: Sendable {
        var written: String
        var pattern: [PatternToken]
        var spoken: String
        var category: Category
        var caseSensitive: Bool
    }

    /// Entries that apply anywhere, by first token (exact spelling).
    private(set) var exact: [String: [Entry]] = [:]
    /// Entries that apply anywhere, by first token in lower case.
    private(set) var folded: [String: [Entry]] = [:]
    /// Units and currencies: read only right after a number (`5 m`, `45.000 đ`).
    private(set) var units: [String: [Entry]] = [:]
    private(set) var foldedUnits: [String: [Entry]] = [:]
    /// All-capital abbreviations and acronyms (UBND, SMS, GPS) by their first token in
    /// lower case, for words written in another case (sms, Gps) that are not Vietnamese.
    private(set) var acronymsAnyCase: [String: [Entry]] = [:]
    /// Upper-case letter → its Vietnamese name.
    private(set) var letterNames: [Unicode.Scalar: String] = [:]

    /// An empty lexicon (letters still have names: the built-in ones).
    public init() {}

    /// A lexicon with only the given entries (written form → spoken form),
    /// as if they were a staff file. Useful for tests and tools.
    public init(entries: [(written: String, spoken: String)]) {
        self.init()
        for e in entries { add(written: e.written, spoken: e.spoken, category: .staff) }
    }

    /// The word lists shipped with Loa. Empty lists if the resources are missing.
    public static let builtIn: Lexicon = {
        var lexicon = Lexicon()
        let files: [(String, Category)] = [
            ("letters", .letter), ("abbreviations", .abbreviation), ("loanwords", .loanword),
            ("units", .unit), ("currencies", .currency),
        ]
        for (name, category) in files {
            guard let url = Bundle.module.url(forResource: name, withExtension: "tsv", subdirectory: "Lexicon")
                    ?? Bundle.module.url(forResource: name, withExtension: "tsv"),
                  let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
            _ = lexicon.merge(tsv: text, file: "Lexicon/\(name).tsv", category: category)
        }
        return lexicon
    }()

    /// Every spoken form the lexicon can put into a script (letter names included), for
    /// checks that the voices can say them (each written syllable one spoken syllable).
    public var spokenForms: Set<String> {
        var forms = Set(letterNames.values)
        for table in [exact, folded, units, foldedUnits, acronymsAnyCase] {
            for entries in table.values { forms.formUnion(entries.map(\.spoken)) }
        }
        return forms
    }

    /// Number of entries (for reports).
    public var count: Int {
        exact.values.reduce(0) { $0 + $1.count } + folded.values.reduce(0) { $0 + $1.count }
            + units.values.reduce(0) { $0 + $1.count } + foldedUnits.values.reduce(0) { $0 + $1.count }
            + letterNames.count
    }

    /// Merge a staff lexicon file (written form TAB spoken form, `#` comments).
    /// Malformed lines are returned as findings (with their line number) and skipped.
    /// Throws only when the file cannot be read.
    public mutating func merge(contentsOf url: URL) throws -> [Finding] {
        let data = try Data(contentsOf: url)
        let text = String(decoding: data, as: UTF8.self)
        return merge(tsv: text, file: url.relativePath, category: .staff)
    }

    /// Merge lexicon text in the staff format; `file` names it in findings.
    public mutating func merge(tsv text: String, file: String) -> [Finding] {
        merge(tsv: text, file: file, category: .staff)
    }

    /// Adds or replaces one staff entry.
    public mutating func add(written: String, spoken: String) {
        add(written: written, spoken: spoken, category: .staff)
    }

    mutating func merge(tsv text: String, file: String, category: Category) -> [Finding] {
        var findings: [Finding] = []
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = Substring(rawLine)
            if line.hasSuffix("\r") { line = line.dropLast() }
            if lineNumber == 1, line.hasPrefix("\u{FEFF}") { line = line.dropFirst() }
            // `#` at line start or after white space starts a comment.
            if let hash = Lexicon.commentStart(line) { line = line[line.startIndex..<hash] }
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            let nonEmpty = fields.filter { !$0.isEmpty }
            guard fields.count >= 2, !fields[0].isEmpty, !fields[1].isEmpty, nonEmpty.count == 2 else {
                let why = fields.count < 2 ? "no TAB between written and spoken form"
                    : (nonEmpty.count > 2 ? "more than two fields" : "an empty written or spoken form")
                findings.append(Finding(kind: .malformedLexiconEntry, text: String(line),
                                        location: SourceLocation(file: file, line: lineNumber),
                                        message: "skipped: \(why); write: written form, one TAB, spoken form"))
                continue
            }
            if !add(written: fields[0], spoken: fields[1], category: category) {
                findings.append(Finding(kind: .malformedLexiconEntry, text: String(line),
                                        location: SourceLocation(file: file, line: lineNumber),
                                        message: "skipped: the written form has nothing readable"))
            }
        }
        return findings
    }

    static func commentStart(_ line: Substring) -> Substring.Index? {
        var prev: Character = " "
        var i = line.startIndex
        while i < line.endIndex {
            let c = line[i]
            if c == "#" && (prev == " " || prev == "\t") { return i }
            prev = c
            i = line.index(after: i)
        }
        return nil
    }

    @discardableResult
    mutating func add(written: String, spoken rawSpoken: String, category: Category) -> Bool {
        let writtenNFC = written.precomposedStringWithCanonicalMapping
        let clean = TextHygiene.clean(ArraySlice(Array(writtenNFC.unicodeScalars)))
        var tokens: [Token] = []
        Tokenizer.tokenize(clean.scalars, lineNumber: 0, into: &tokens)
        guard let first = tokens.first else { return false }
        let spoken = Lexicon.spokenForm(rawSpoken)
        guard !spoken.isEmpty else { return false }

        if tokens.count == 1, first.text.unicodeScalars.count == 1, let letter = first.text.unicodeScalars.first,
           category == .letter || (category == .staff && first.upperCount == 1 && letterNames[letter] != nil) {
            letterNames[letter] = spoken
            if category == .letter { return true }
        }
        // Units and currencies of two letters or more match any capitalisation (km, Km,
        // KM); one-letter ones only as listed (m, M; g, G are different things).
        let letters = tokens.reduce(0) { $0 + $1.upperCount + $1.lowerCount }
        let caseSensitive = category == .unit || category == .currency ? letters < 2 : tokens.contains { $0.upperCount > 0 }
        let pattern = tokens.enumerated().map { idx, t in
            PatternToken(key: t.key, lower: t.lower, spaceBefore: idx == 0 ? false : t.spaceBefore)
        }
        let entry = Entry(written: writtenNFC, pattern: pattern, spoken: spoken, category: category,
                          caseSensitive: caseSensitive)
        let isUnit = category == .unit || category == .currency
            || (category == .staff && (units[first.key]?.contains { $0.pattern == pattern } ?? false
                                       || foldedUnits[first.lower]?.contains { $0.pattern.map(\.lower) == pattern.map(\.lower) } ?? false))
        if isUnit {
            var e = entry
            if category == .staff {
                // A staff entry for a unit replaces it in place and keeps its class for --explain.
                let old = (units[first.key] ?? []) + (foldedUnits[first.lower] ?? [])
                let replaced = old.first { $0.pattern.map(\.lower) == pattern.map(\.lower) }
                e.category = replaced?.category ?? .unit
                // It applies in the same cases as the entry it replaces (km: also Km, KM).
                e.caseSensitive = replaced?.caseSensitive ?? true
            }
            if e.caseSensitive { Lexicon.insert(e, key: first.key, into: &units) }
            else { Lexicon.insert(e, key: first.lower, into: &foldedUnits) }
            if category != .staff { return true }
        }
        if caseSensitive {
            Lexicon.insert(entry, key: first.key, into: &exact)
            if category == .abbreviation || category == .staff, letters >= 2,
               !tokens.contains(where: { $0.lowerCount > 0 }) {
                var anyCase = entry
                anyCase.caseSensitive = false
                Lexicon.insert(anyCase, key: first.lower, into: &acronymsAnyCase)
            }
        }
        else { Lexicon.insert(entry, key: first.lower, into: &folded) }
        return true
    }

    /// Later entries with the same pattern replace earlier ones; lists are kept
    /// longest pattern first.
    private static func insert(_ entry: Entry, key: String, into table: inout [String: [Entry]]) {
        var list = table[key] ?? []
        list.removeAll { $0.pattern.map(\.lower) == entry.pattern.map(\.lower) && $0.caseSensitive == entry.caseSensitive
                         && ($0.caseSensitive ? $0.pattern == entry.pattern : true) }
        // Before the first entry that is not longer: the newest wins among equals.
        let at = list.firstIndex { $0.pattern.count <= entry.pattern.count } ?? list.count
        list.insert(entry, at: at)
        table[key] = list
    }

    /// Spoken forms are stored in lower case, NFC, with hyphens as spaces.
    static func spokenForm(_ raw: String) -> String {
        let nfc = raw.precomposedStringWithCanonicalMapping
        var out = String.UnicodeScalarView()
        var lastSpace = true
        for s in nfc.unicodeScalars {
            var c = Scalars.lower(s)
            if c == "-" || c == "\u{2013}" || c == "\t" { c = " " }
            if c == " " { if lastSpace { continue }; lastSpace = true } else { lastSpace = false }
            out.append(c)
        }
        var s = String(out)
        while s.hasSuffix(" ") { s.removeLast() }
        // Tone marks in the house placement, word by word.
        return s.split(separator: " ").map { w in ToneMarks.housePlacement(String(w)) ?? String(w) }.joined(separator: " ")
    }

    // MARK: Matching

    /// The longest entry matching tokens at `i`, with the number of tokens it covers.
    func match(_ tokens: [Token], at i: Int, units useUnits: Bool = false) -> (entry: Entry, length: Int)? {
        let t = tokens[i]
        var best: (Entry, Int)?
        let exactTable = useUnits ? units : exact
        let foldedTable = useUnits ? foldedUnits : folded
        if let list = exactTable[t.key] {
            for e in list where Lexicon.matches(e, tokens, i) {
                best = (e, e.pattern.count); break
            }
        }
        if let list = foldedTable[t.lower] {
            for e in list where Lexicon.matches(e, tokens, i) {
                if best == nil || e.pattern.count > best!.1 || (e.pattern.count == best!.1 && e.category == .staff && best!.0.category != .staff) {
                    best = (e, e.pattern.count)
                }
                break
            }
        }
        return best
    }

    /// The longest all-capital abbreviation matching tokens at `i` in any case
    /// (sms → SMS, Gps → GPS), for words that are neither Vietnamese nor listed as written.
    func matchAcronymAnyCase(_ tokens: [Token], at i: Int) -> (entry: Entry, length: Int)? {
        guard let list = acronymsAnyCase[tokens[i].lower] else { return nil }
        for e in list where Lexicon.matches(e, tokens, i) { return (e, e.pattern.count) }
        return nil
    }

    private static func matches(_ e: Entry, _ tokens: [Token], _ i: Int) -> Bool {
        let p = e.pattern
        guard i + p.count <= tokens.count else { return false }
        for (k, pt) in p.enumerated() {
            let t = tokens[i + k]
            if k > 0 && t.spaceBefore != pt.spaceBefore { return false }
            if e.caseSensitive { if t.key != pt.key { return false } } else if t.lower != pt.lower { return false }
        }
        // A match must end at a token boundary: not glued to more letters or digits
        // of the same kind (e.g. "m" must not match the start of "m2" when "m2" is not listed).
        return true
    }

    /// The spoken name of a letter (any case), or nil for non-letters.
    func letterName(_ s: Unicode.Scalar) -> String? {
        let u = Scalars.upper(s)
        if let n = letterNames[u] { return n }
        let b = ToneMarks.base(u)
        return letterNames[b]
    }
}
