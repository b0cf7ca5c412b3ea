// The values the normalizer hands to the rest of Loa: spoken sentences grouped in
// paragraphs, what could not be read with confidence, and (for --explain) what
// was rewritten.

/// A place in a staff-written file, for reports.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public init(file: String, line: Int) { self.file = file; self.line = line }
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
    }
    public var kind: Kind
    /// The text as written.
    public var text: String
    public var location: SourceLocation?
    /// What was done and what staff can do about it.
    public var message: String
    public init(kind: Kind, text: String, location: SourceLocation?, message: String) {
        self.kind = kind; self.text = text; self.location = location; self.message = message
    }
    public var description: String {
        "\(location.map { "\($0): " } ?? "")\(kind.rawValue): '\(text)' — \(message)"
    }
}

/// One sentence, as written (for captions) and as spoken (for the voice).
public struct SpokenSentence: Sendable, Hashable {
    public var written: String
    public var spoken: String
    /// 1-based line in the source where the sentence starts.
    public var line: Int
    public init(written: String, spoken: String, line: Int) {
        self.written = written; self.spoken = spoken; self.line = line
    }
}

/// The semiotic classes of the house style: what kind of written thing a
/// rewrite recognised. Named as in the classic normalizers (Sparrowhawk, NeMo).
public enum SemioticClass: String, Sendable, Hashable, CaseIterable {
    case cardinal, decimal, ordinal, date, time, range, ratio, per, telephone, money, measure
    case letters, abbreviation, loanword, code, roman, url, symbol, hygiene
}

/// One rewrite the normalizer made, for `loa normalize --explain`.
public struct Rewrite: Sendable, Hashable, CustomStringConvertible {
    public var semioticClass: SemioticClass
    /// The written form.
    public var written: String
    /// What is said for it.
    public var spoken: String
    /// 1-based line in the source.
    public var line: Int
    public init(semioticClass: SemioticClass, written: String, spoken: String, line: Int) {
        self.semioticClass = semioticClass; self.written = written; self.spoken = spoken; self.line = line
    }
    public var description: String { "\(line)\t\(semioticClass.rawValue)\t\(written)\t\(spoken)" }
}

/// The spoken form of a text: sentences grouped in paragraphs, plus findings.
public struct Normalization: Sendable {
    public var paragraphs: [[SpokenSentence]]
    public var findings: [Finding]
    /// Every rewrite made, in text order (for --explain).
    public var rewrites: [Rewrite]
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
