import Foundation
import Testing
@testable import Speech

/// The spread of a clip's level: the 90th minus the 10th percentile, in dB, of its 30 ms
/// frames (about a third of a syllable) within 40 dB of the loudest (pauses left out).
private func levelSpreadDB(_ samples: ArraySlice<Int16>, rate: Int) -> Double {
    let frame = rate * 3 / 100
    var levels: [Double] = []
    var start = samples.startIndex
    while start + frame <= samples.endIndex {
        let power = samples[start ..< start + frame].reduce(0.0) { $0 + Double($1) * Double($1) } / Double(frame)
        levels.append(10 * log10(max(power, 1e-9)))
        start += frame
    }
    let loudest = levels.max() ?? 0
    let active = levels.filter { $0 >= loudest - 40 }.sorted()
    return active[active.count * 9 / 10] - active[active.count / 10]
}

@Suite("Loudspeaker compression in the engine")
struct CompressionTests {
    let engine = SpeechEngine.shared
    let sentences = ["ủy ban nhân dân xã phương điền thông báo lịch tiêm vắc xin cho bà con.",
                     "buổi tiêm bắt đầu lúc bảy giờ sáng tại trạm y tế xã."]

    func voice(compression: Double) -> VoiceProfile {
        VoiceProfile(id: "test", espeakVoice: "vi", rate: 135, pitch: 50, pitchRange: 50, volume: 100,
                     sentencePauseMs: 0, paragraphPauseMs: 0, compressionRatio: compression)
    }

    /// 2:1 on a syllable-rate envelope narrows the spread of the frames' levels (measured
    /// 17.1 → 15.4 and 15.5 → 14.0 dB); without compression it stays the same.
    @Test("a profile's compression narrows each sentence's level range and keeps its timing")
    func narrowsTheRange() async throws {
        let plain = try await engine.synthesize(paragraphs: sentences.map { [$0] }, voice: voice(compression: 1),
                                                isolatingSentences: true)
        let compressed = try await engine.synthesize(paragraphs: sentences.map { [$0] }, voice: voice(compression: 2),
                                                     isolatingSentences: true)
        #expect(compressed.sentences == plain.sentences)
        #expect(compressed.samples.count == plain.samples.count)
        for timing in plain.sentences {
            let range = timing.startFrame ..< timing.endFrame
            let before = levelSpreadDB(plain.samples[range], rate: plain.sampleRate)
            let after = levelSpreadDB(compressed.samples[range], rate: plain.sampleRate)
            #expect(after < before - 1, "level spread \(before) dB -> \(after) dB")
        }
    }

    @Test("each sentence is compressed on its own: the same bytes alone as beside another")
    func sentenceByItself() async throws {
        let both = try await engine.synthesize(paragraphs: sentences.map { [$0] }, voice: voice(compression: 2),
                                               isolatingSentences: true)
        let alone = try await engine.synthesize(paragraphs: [[sentences[1]]], voice: voice(compression: 2),
                                                isolatingSentences: true)
        let second = both.sentences[1], only = alone.sentences[0]
        #expect(Array(both.samples[second.startFrame ..< second.endFrame])
                == Array(alone.samples[only.startFrame ..< only.endFrame]))
    }
}
