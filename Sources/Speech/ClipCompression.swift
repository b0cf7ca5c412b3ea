import Audio

extension Clip {
    /// Compresses each sentence's sound on its own (the pauses between sentences are
    /// silence and stay so): a sentence comes out the same whichever sentences share its
    /// clip, as the take cache needs, and `loa say` sounds as the day's build airs.
    mutating func compressSentences(with compressor: SpeechCompressor) {
        let rate = sampleRate
        for sentence in sentences where sentence.endFrame > sentence.startFrame {
            let range = sentence.startFrame..<min(sentence.endFrame, samples.count)
            var sound = samples[range].map { Float($0) / 32768 }
            compressor.apply(&sound, sampleRate: rate)
            // The gain never rises above 1, so the rounded samples stay in range.
            for (i, value) in zip(range, sound) {
                samples[i] = Int16(max(-32768, min(32767, (value * 32768).rounded())))
            }
        }
    }
}
