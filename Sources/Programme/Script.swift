import Speech
import VietnameseText

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
            paragraphs += normalized.paragraphs.map { $0.filter { Self.hasWords($0.spoken) } }.filter { !$0.isEmpty }
            findings += normalized.findings
        }
        self.paragraphs = paragraphs
        self.findings = findings
    }

    /// A bulletin is read title first, then its body. A recorded bulletin has nothing to
    /// speak (its body is a transcript of the recording, in another language).
    public init(bulletin: Bulletin, normalizer: Normalizer) {
        let source = bulletin.recording != nil ? []
            : [(bulletin.title, bulletin.titleLine)] + bulletin.paragraphs.map { ($0.text, $0.line) }
        self.init(paragraphs: source, file: bulletin.file, normalizer: normalizer)
    }

    /// The spoken text, paragraphs on their own lines.
    public var spokenText: String { paragraphs.map { $0.map(\.spoken).joined(separator: " ") }.joined(separator: "\n") }

    /// The takes that read this script in `voice`: the voice's sentence pause inside a
    /// paragraph, its paragraph pause between paragraphs, and `pauseAfterMs` at the end.
    public func takes(voice: VoiceProfile, pauseAfterMs: Int) -> [(key: TakeKey, caption: String)] {
        var result: [(key: TakeKey, caption: String)] = []
        for (p, paragraph) in paragraphs.enumerated() {
            for (s, sentence) in paragraph.enumerated() {
                let pause = s < paragraph.count - 1 ? voice.sentencePauseMs
                    : p < paragraphs.count - 1 ? voice.paragraphPauseMs : pauseAfterMs
                result.append((TakeKey(source: .speech(sentence: sentence.spoken, voice: voice.id), pauseAfterMs: pause),
                               sentence.written))
            }
        }
        return result
    }

    /// Whether a spoken sentence has anything to say (not only punctuation).
    static func hasWords(_ text: String) -> Bool { text.contains { $0.isLetter || $0.isNumber } }
}
