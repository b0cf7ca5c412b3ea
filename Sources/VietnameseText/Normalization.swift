// The values the normalizer hands to the rest of Loa: spoken sentences grouped in
// paragraphs, what could not be read with confidence, and (for --explain) what
// was rewritten.

/// A place in a staff-written file, for reports.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// The file as staff know it (a path relative to where Loa runs, or `<stdin>`).
    public var file: String
    /// 1-based line number, so editors can jump to it.
    public var line: Int
    /// A location in `file` at `line`.
    public init(file: String, line: Int) { self.file = file; self.line = line }
    /// `file:line`, the form editors and compilers use.
    public var description: String { "\(file):\(line)" }
}

/// Something the normalizer could not read with confidence, so staff can fix
/// the text or add a lexicon entry.
public struct Finding: Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem it is.
    public enum Kind: String, Sendable, Hashable {
        /// An all-capital token in no lexicon; it was spelled letter by letter.
        case unknownAcronym = "unknown-acronym"
        /// A Latin-script word that is not Vietnamese and in no lexicon; left to the voice.
        case unknownForeignWord = "unknown-foreign-word"
        /// Text in another script; not read.
        case otherScript = "other-script"
        /// Emoji; not read.
        case emoji
        /// A control or invisible character; dropped.
        case controlCharacter = "control-character"
        /// A date that cannot exist (32/13/2021); read as numbers.
        case impossibleDate = "impossible-date"
        /// A number too long to say as a quantity; read digit by digit.
        case numberTooLong = "number-too-long"
        /// Two readings were possible; the one a listener cannot misunderstand was chosen.
        case ambiguous
        /// A staff lexicon line that is not `written TAB spoken`; skipped.
        case malformedLexiconEntry = "malformed-lexicon-entry"
        /// A symbol with no reading in the house style (^, §, ©), or anything else no
        /// rule reads: left out of the spoken text, and said so here rather than dropped.
        case notRead = "not-read"
    }
    /// What kind of problem it is.
    public var kind: Kind
    /// The text as written.
    public var text: String
    /// Where it is, so staff can find and fix it.
    public var location: SourceLocation?
    /// What was done and what staff can do about it.
    public var message: String
    /// A finding about `text` at `location`.
    public init(kind: Kind, text: String, location: SourceLocation?, message: String) {
        self.kind = kind; self.text = text; self.location = location; self.message = message
    }
    /// One report line: `file:line: kind: 'text' — message`.
    public var description: String {
        "\(location.map { "\($0): " } ?? "")\(kind.rawValue): '\(text)' — \(message)"
    }
}

/// One sentence, as written (for captions) and as spoken (for the voice).
public struct SpokenSentence: Sendable, Hashable {
    /// The sentence as written in the bulletin (after hygiene), for captions.
    public var written: String
    /// The words to say, lower case, with the sentence punctuation that drives pauses.
    public var spoken: String
    /// 1-based line in the source where the sentence starts.
    public var line: Int
    /// A sentence starting at `line`.
    public init(written: String, spoken: String, line: Int) {
        self.written = written; self.spoken = spoken; self.line = line
    }
}

/// The semiotic classes of the house style: what kind of written thing a
/// rewrite recognised. Named as in the classic normalizers (Sparrowhawk, NeMo).
public enum SemioticClass: String, Sendable, Hashable, CaseIterable {
    /// Whole numbers (212.924).
    case cardinal
    /// Numbers with a decimal point or comma (99,61).
    case decimal
    /// thứ 4, lần thứ 1.
    case ordinal
    /// 22/9/2021, 7/2020, ngày 04 tháng 9.
    case date
    /// 6h30, 06:00.
    case time
    /// 15-20, 3 - 4.
    case range
    /// 136/200.
    case ratio
    /// The per-slash: lần/ngày.
    case per
    /// Telephone numbers, read digit by digit.
    case telephone
    /// Amounts with a currency.
    case money
    /// Amounts with a unit, %, ‰.
    case measure
    /// Spelled letters and plain words.
    case letters
    /// Abbreviations from the lexicon (UBND).
    case abbreviation
    /// Foreign words from the lexicon (Zalo).
    case loanword
    /// Document references and codes (13/KH-TBTT).
    case code
    /// Roman numerals (Quý III).
    case roman
    /// URLs and e-mail addresses.
    case url
    /// Symbols read as words (+, &, =).
    case symbol
    /// Text changed by hygiene only.
    case hygiene
}

/// One rewrite the normalizer made, for `loa normalize --explain`.
public struct Rewrite: Sendable, Hashable, CustomStringConvertible {
    /// Which class recognised the written form.
    public var semioticClass: SemioticClass
    /// The written form.
    public var written: String
    /// What is said for it.
    public var spoken: String
    /// 1-based line in the source.
    public var line: Int
    /// A rewrite of `written` into `spoken` on `line`.
    public init(semioticClass: SemioticClass, written: String, spoken: String, line: Int) {
        self.semioticClass = semioticClass; self.written = written; self.spoken = spoken; self.line = line
    }
    /// `line TAB class TAB written TAB spoken`.
    public var description: String { "\(line)\t\(semioticClass.rawValue)\t\(written)\t\(spoken)" }
}

/// The spoken form of a text: sentences grouped in paragraphs, plus findings.
public struct Normalization: Sendable {
    /// Paragraphs (blank-line separated in the text), each a list of sentences,
    /// so synthesis can pause naturally between them.
    public var paragraphs: [[SpokenSentence]]
    /// What could not be read with confidence, in text order.
    public var findings: [Finding]
    /// Every rewrite made, in text order (for --explain).
    public var rewrites: [Rewrite]
    /// Tokens that no rule accounted for (each also reported as `not-read`, never
    /// dropped). Empty unless a class has a bug; the tests and the fuzzer check it.
    public internal(set) var unaccounted: [String] = []
    /// Each token's fate, when the normalizer was asked to keep them (tests only).
    var fates: [(token: String, fate: TokenFate)] = []
    /// A result made of these parts.
    public init(paragraphs: [[SpokenSentence]], findings: [Finding], rewrites: [Rewrite] = []) {
        self.paragraphs = paragraphs; self.findings = findings; self.rewrites = rewrites
    }
    /// All spoken sentences joined with spaces, paragraphs with newlines.
    public var spokenText: String {
        paragraphs.map { $0.map(\.spoken).joined(separator: " ") }.joined(separator: "\n")
    }
    /// The spoken form line by line: element k holds every sentence that starts on
    /// the k-th line of the text (empty for blank lines), for `--lines`.
    public func spokenLines(firstLine: Int = 1, lineCount: Int) -> [String] {
        var lines = [String](repeating: "", count: max(0, lineCount))
        for p in paragraphs {
            for s in p {
                let k = s.line - firstLine
                guard k >= 0 && k < lines.count else { continue }
                lines[k] += lines[k].isEmpty ? s.spoken : " " + s.spoken
            }
        }
        return lines
    }
}
