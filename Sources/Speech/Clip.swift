/// Where one sentence lies inside a clip, in frames.
public struct SentenceTiming: Sendable, Hashable {
    /// Index of the sentence in the order it was given (paragraphs flattened).
    public var index: Int
    public var startFrame: Int
    public var endFrame: Int

    public init(index: Int, startFrame: Int, endFrame: Int) {
        self.index = index
        self.startFrame = startFrame
        self.endFrame = endFrame
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
