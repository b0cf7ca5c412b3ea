import VietnameseText

/// Identifies one synthesized clip: the exact spoken sentences and the voice profile.
/// The same key is synthesized once per build, however many stations air it.
public struct ClipKey: Sendable, Hashable {
    /// Spoken sentences, grouped in paragraphs.
    public var paragraphs: [[String]]
    public var voice: String

    public init(paragraphs: [[String]], voice: String) {
        self.paragraphs = paragraphs
        self.voice = voice
    }

    /// The spoken text as one string (paragraphs on their own lines), for checksums.
    public var spokenText: String { paragraphs.map { $0.joined(separator: " ") }.joined(separator: "\n") }
}

/// The spoken form of something to read aloud: sentences as written and as said, and
/// what the normalizer could not read with confidence.
public struct Script: Sendable {
    public var paragraphs: [[SpokenSentence]]
    public var findings: [Finding]

    /// Normalizes paragraphs that start at the given lines of `file`.
    public init(paragraphs source: [(text: String, line: Int)], file: String, normalizer: Normalizer) {
        var paragraphs: [[SpokenSentence]] = []
        var findings: [Finding] = []
        for (text, line) in source {
            let normalized = normalizer.normalize(text, location: SourceLocation(file: file, line: line))
            paragraphs += normalized.paragraphs.filter { !$0.isEmpty }
            findings += normalized.findings
        }
        self.paragraphs = paragraphs
        self.findings = findings
    }

    /// A bulletin is read title first, then its body.
    public init(bulletin: Bulletin, normalizer: Normalizer) {
        let source = [(bulletin.title, bulletin.titleLine)] + bulletin.paragraphs.map { ($0.text, $0.line) }
        self.init(paragraphs: source, file: bulletin.file, normalizer: normalizer)
    }

    /// The clip key for this script in a voice.
    public func clipKey(voice: String) -> ClipKey {
        ClipKey(paragraphs: paragraphs.map { $0.map(\.spoken) }, voice: voice)
    }
}
