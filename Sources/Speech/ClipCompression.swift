import Audio

extension Clip {
    /// Compresses each sentence's sound on its own (the pauses between sentences are
    /// silence and stay so): a sentence comes out the same whichever sentences share its
    /// clip, as the take cache needs, and `loa say` sounds as the day's build airs.
    mutating func compressSentences(with compressor: SpeechCompressor) {
        for sentence in sentences where sentence.endFrame > sentence.startFrame {
            compressor.apply(&samples, in: sentence.startFrame ..< min(sentence.endFrame, samples.count),
                             sampleRate: sampleRate)
        }
    }
}
