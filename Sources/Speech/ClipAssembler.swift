/// Builds a clip while the engine streams sentences in: trims each sentence's leading and
/// trailing silence, puts the profile's pause before each sentence after the first that
/// made sound, and places word starts. Samples are copied once, from the engine's buffer
/// straight into the clip.
struct ClipAssembler {
    let sentencePause: Int
    let paragraphPause: Int
    let sampleRate: Int
    let threshold: Int16

    private var samples: [Int16] = []
    private var timings: [SentenceTiming] = []
    private var startsParagraph: [Bool] = []
    private var leadingCharacters: [Int] = []

    private var spokeBefore = false        // has an earlier sentence made sound?
    private var paragraphChanged = false   // did a paragraph begin since the last sound?

    // The sentence being received.
    private var index = 0
    private var rawCount = 0               // samples received so far, untrimmed
    private var rawSoundStart: Int?        // raw offset of its first loud sample
    private var soundStart = 0             // where that sample sits in the clip
    private var soundEnd = 0               // one past its last loud sample in the clip
    private var words: [(rawFrame: Int, characterOffset: Int, characterCount: Int)] = []

    init(sentencePause: Int, paragraphPause: Int, sampleRate: Int, threshold: Int16) {
        self.sentencePause = sentencePause
        self.paragraphPause = paragraphPause
        self.sampleRate = sampleRate
        self.threshold = threshold
    }

    /// Declare the next sentence, in order, before any audio arrives.
    mutating func plan(startsParagraph: Bool, leadingCharacters: Int) {
        self.startsParagraph.append(startsParagraph)
        self.leadingCharacters.append(leadingCharacters)
    }

    mutating func reserve(frames: Int) { samples.reserveCapacity(max(frames, 0)) }

    mutating func beginSentence() {
        if startsParagraph[index] && spokeBefore { paragraphChanged = true }
        rawCount = 0
        rawSoundStart = nil
        words.removeAll(keepingCapacity: true)
    }

    /// A word event: `ms` from the start of this sentence's audio, position 1-based.
    mutating func word(ms: Int, textPosition: Int, length: Int) {
        guard length > 0 else { return }   // espeak-ng marks clause ends with empty words
        words.append((ms * sampleRate / 1000, textPosition - 1 + leadingCharacters[index], length))
    }

    /// The next buffer of this sentence's audio.
    mutating func append(_ chunk: UnsafeBufferPointer<Int16>) {
        let t = threshold
        defer { rawCount += chunk.count }
        var from = 0
        if rawSoundStart == nil {
            // Still in leading silence: drop samples until the first loud one.
            guard let first = chunk.firstIndex(where: { $0 > t || $0 < -t }) else { return }
            if spokeBefore {
                samples.append(contentsOf: repeatElement(0, count: paragraphChanged ? paragraphPause : sentencePause))
            }
            rawSoundStart = rawCount + first
            soundStart = samples.count
            from = first
        }
        let base = samples.count - from
        samples.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[from...]))
        if let last = chunk.lastIndex(where: { $0 > t || $0 < -t }) {
            soundEnd = base + last + 1
        }
    }

    mutating func endSentence() {
        defer { index += 1 }
        guard let rawStart = rawSoundStart else {
            // No sound: no audio, no pause; an empty range where it would have been.
            timings.append(SentenceTiming(index: index, startFrame: samples.count, endFrame: samples.count))
            return
        }
        samples.removeLast(samples.count - soundEnd)   // trailing silence
        let placed = words.map { w in
            WordTiming(startFrame: soundStart + min(max(w.rawFrame - rawStart, 0), soundEnd - soundStart - 1),
                       characterOffset: w.characterOffset, characterCount: w.characterCount)
        }
        timings.append(SentenceTiming(index: index, startFrame: soundStart, endFrame: soundEnd, words: placed))
        spokeBefore = true
        paragraphChanged = false
    }

    /// The clip, taking the assembler's buffer (call it on `consume assembler`), so the
    /// samples have one owner and compressing them in place does not copy the whole clip
    /// first (copy-on-write).
    consuming func clip() -> Clip {
        Clip(samples: samples, sampleRate: sampleRate, sentences: timings)
    }
}
