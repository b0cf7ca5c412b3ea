import Foundation

/// Turns written Vietnamese bulletin text into the words an announcer on a
/// commune loudspeaker would say, following the house style (reading-guide.md):
/// hygiene → tokenize → classify (one semiotic class per file) → verbalize.
///
/// Pure and deterministic: no I/O, no global state; safe to share across threads.
public struct Normalizer: Sendable {
    /// The word lists in use (built-in, plus any staff lexicon merged in).
    public let lexicon: Lexicon
    /// Join a line that does not end a sentence with a next line that starts in
    /// lower case (hard-wrapped paragraphs). Off for `loa normalize --lines`.
    public var joinsWrappedLines: Bool
    /// Record every rewrite in `Normalization.rewrites` (for --explain).
    public var recordsRewrites: Bool
    /// Keep every token's fate in `Normalization.fates` (for the tests).
    var recordsFates = false

    /// A normalizer using `lexicon` (default: the built-in word lists).
    public init(lexicon: Lexicon = .builtIn, joinsWrappedLines: Bool = true, recordsRewrites: Bool = false) {
        self.lexicon = lexicon
        self.joinsWrappedLines = joinsWrappedLines
        self.recordsRewrites = recordsRewrites
    }

    /// Normalize text; paragraphs are separated by blank lines. `location` is where the
    /// first line of `text` stands in its file, so findings point at real lines.
    public func normalize(_ text: String, location: SourceLocation? = nil) -> Normalization {
        let firstLine = location?.line ?? 1
        let file = location?.file ?? "<text>"
        var paragraphs: [[SpokenSentence]] = []
        var findings: [Finding] = []
        var rewrites: [Rewrite] = []
        var unaccounted: [String] = []
        var fates: [(token: String, fate: TokenFate)] = []
        var cache: [String: Bool] = [:]
        var paragraph: [Token] = []
        var previousLineEnds = true

        func flush() {
            guard !paragraph.isEmpty else { return }
            var v = Verbalizer(context: TokenContext(tokens: paragraph, lexicon: lexicon), file: file,
                               recordsRewrites: recordsRewrites, syllableCache: cache)
            v.run()
            cache = v.syllableCache
            if !v.out.sentences.isEmpty { paragraphs.append(v.out.sentences) }
            findings += v.findings
            rewrites += v.rewrites
            unaccounted += v.unaccounted
            if recordsFates { fates += zip(paragraph, v.fates).map { ($0.text, $1) } }
            paragraph.removeAll(keepingCapacity: true)
        }

        let scalars = Array(text.unicodeScalars)
        var lineNumber = firstLine
        var start = 0
        var k = 0
        let n = scalars.count
        while start <= n {
            // Find the end of this line (\n, \r\n or \r).
            k = start
            while k < n, scalars[k] != "\n", scalars[k] != "\r" { k += 1 }
            let clean = TextHygiene.clean(scalars[start..<k])
            if clean.droppedControls > 0 {
                findings.append(Finding(kind: .controlCharacter, text: "\(clean.droppedControls) character(s)",
                                        location: SourceLocation(file: file, line: lineNumber),
                                        message: "control or invisible characters were dropped"))
            }
            let before = paragraph.count
            Tokenizer.tokenize(clean.scalars, lineNumber: lineNumber, into: &paragraph)
            if paragraph.count == before {
                flush()
                previousLineEnds = true
            } else {
                if joinsWrappedLines, before > 0, !previousLineEnds, paragraph[before].kind == .word,
                   !paragraph[before].isCapitalized {
                    paragraph[before].lineStart = false
                }
                if let last = paragraph.last {
                    previousLineEnds = last.kind == .symbol && ".!?:;…".unicodeScalars.contains(last.symbol)
                }
            }
            if k < n, scalars[k] == "\r", k + 1 < n, scalars[k + 1] == "\n" { k += 1 }
            start = k + 1
            lineNumber += 1
        }
        flush()
        var result = Normalization(paragraphs: paragraphs, findings: findings, rewrites: rewrites)
        result.unaccounted = unaccounted
        result.fates = fates
        return result
    }

    /// The spoken form of one line (or any short text), as a single string.
    public func spoken(_ text: String) -> String {
        normalize(text).spokenText
    }
}
