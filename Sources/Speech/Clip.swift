/// When one word starts inside a clip, from espeak-ng's word events.
public struct WordTiming: Sendable, Hashable {
    /// First frame of the word in the clip (espeak-ng reports whole milliseconds).
    public var startFrame: Int
    /// Where the word starts in its sentence text, in characters (Unicode scalars), from 0.
    public var characterOffset: Int
    /// Length of the word in characters, as espeak-ng counted it.
    public var characterCount: Int

    public init(startFrame: Int, characterOffset: Int, characterCount: Int) {
        self.startFrame = startFrame
        self.characterOffset = characterOffset
        self.characterCount = characterCount
    }
}

/// Where one sentence lies inside a clip, in frames.
public struct SentenceTiming: Sendable, Hashable {
    /// Index of the sentence in the order it was given (paragraphs flattened).
    public var index: Int
    /// First frame of the sentence's sound.
    public var startFrame: Int
    /// One past its last frame (`startFrame == endFrame` for a sentence that made no sound).
    public var endFrame: Int
    /// Word starts inside the sentence, in order, as espeak-ng reported them while speaking.
    public var words: [WordTiming]

    public init(index: Int, startFrame: Int, endFrame: Int, words: [WordTiming] = []) {
        self.index = index
        self.startFrame = startFrame
        self.endFrame = endFrame
        self.words = words
    }
}

/// Synthesized speech for one text in one voice: 16-bit mono PCM and sentence timings.
///
/// The clip holds the voice's sentence and paragraph pauses between sentences but no
/// leading or trailing silence; the planner decides the gaps between items.
public struct Clip: Sendable {
    public var samples: [Int16]
    public var sampleRate: Int
    public var sentences: [SentenceTiming]

    public init(samples: [Int16], sampleRate: Int, sentences: [SentenceTiming]) {
        self.samples = samples
        self.sampleRate = sampleRate
        self.sentences = sentences
    }

    /// Length in frames (mono: one sample a frame).
    public var frameCount: Int { samples.count }

    /// Length in milliseconds, rounded down.
    public var durationMs: Int { sampleRate == 0 ? 0 : samples.count * 1000 / sampleRate }
}
