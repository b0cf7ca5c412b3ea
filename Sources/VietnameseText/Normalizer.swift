// INTERIM API SKETCH — the full normalizer is being implemented. Do not ship as is.
import Foundation

/// A place in a staff-written file, for reports.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public init(file: String, line: Int) { self.file = file; self.line = line }
    public var description: String { "\(file):\(line)" }
}

/// Something the normalizer could not read with confidence.
public struct Finding: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        case unknownAcronym = "unknown-acronym"
        case unknownForeignWord = "unknown-foreign-word"
        case otherScript = "other-script"
        case emoji
        case impossibleDate = "impossible-date"
        case numberTooLong = "number-too-long"
        case ambiguous
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

/// One sentence, as written and as spoken.
public struct SpokenSentence: Sendable, Hashable {
    public var written: String
    public var spoken: String
    /// 1-based line in the source where the sentence starts.
    public var line: Int
    public init(written: String, spoken: String, line: Int) {
        self.written = written; self.spoken = spoken; self.line = line
    }
}

/// The spoken form of a text: sentences grouped in paragraphs, plus findings.
public struct Normalization: Sendable {
    public var paragraphs: [[SpokenSentence]]
    public var findings: [Finding]
    public init(paragraphs: [[SpokenSentence]], findings: [Finding]) {
        self.paragraphs = paragraphs; self.findings = findings
    }
    /// All spoken sentences joined with spaces, paragraphs with newlines.
    public var spokenText: String {
        paragraphs.map { $0.map(\.spoken).joined(separator: " ") }.joined(separator: "\n")
    }
}

/// Turns written Vietnamese bulletin text into the words an announcer would say.
public struct Normalizer: Sendable {
    public init(lexicon: Lexicon = .builtIn) {}

    /// Normalize text; paragraphs are separated by blank lines. `location` is where the
    /// first line of `text` stands in its file, so findings point at real lines.
    public func normalize(_ text: String, location: SourceLocation? = nil) -> Normalization {
        let firstLine = location?.line ?? 1
        var paragraphs: [[SpokenSentence]] = []
        var line = firstLine
        var current: [SpokenSentence] = []
        for raw in text.components(separatedBy: "\n") {
            let t = raw.trimmingCharacters(in: .whitespaces)
            if t.isEmpty { if !current.isEmpty { paragraphs.append(current); current = [] } }
            else { current.append(SpokenSentence(written: t, spoken: t.lowercased(), line: line)) }
            line += 1
        }
        if !current.isEmpty { paragraphs.append(current) }
        return Normalization(paragraphs: paragraphs, findings: [])
    }
}

/// Word lists: abbreviations, loanwords, letter names, units; staff entries override.
public struct Lexicon: Sendable {
    public static let builtIn = Lexicon()
    /// Merge a staff lexicon file (written form TAB spoken form, `#` comments).
    /// Malformed lines are returned as findings and skipped.
    public mutating func merge(contentsOf url: URL) throws -> [Finding] { [] }
}
