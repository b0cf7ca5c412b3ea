import Foundation
import Testing
import Audio

/// RMS level in dBFS of `samples[range]`.
private func levelDB(_ samples: [Int16], _ range: Range<Int>) -> Double {
    let power = samples[range].reduce(0.0) { $0 + Double($1) * Double($1) } / Double(range.count)
    return 10 * log10(power / (32768.0 * 32768.0))
}

/// A float signal as 16-bit PCM.
private func pcm(_ signal: [Float]) -> [Int16] { signal.map { Int16(($0 * 32767).rounded()) } }

@Suite("SpeechCompressor")
struct SpeechCompressorTests {
    let rate = 22050

    /// Two seconds of a loud "vowel" (−6 dBFS peak) then two of a weak "consonant"
    /// (−30 dBFS peak): a 24 dB range.
    func loudThenWeak() -> [Int16] {
        pcm(Signals.sine(frequency: 500, amplitude: 0.5, seconds: 2, sampleRate: rate)
            + Signals.sine(frequency: 500, amplitude: 0.5 / 16, seconds: 2, sampleRate: rate))
    }

    @Test("2:1 halves the range between loud and weak parts, measured in their steady middles")
    func halvesTheRange() {
        var sound = loudThenWeak()
        // Measured after the envelope has settled (1.4–1.9 s into each part; release 0.2 s).
        let half = 2 * rate, middle = rate * 14 / 10 ..< rate * 19 / 10
        let before = levelDB(sound, middle) - levelDB(sound, middle.lowerBound + half ..< middle.upperBound + half)
        SpeechCompressor(ratio: 2).apply(&sound, sampleRate: rate)
        let after = levelDB(sound, middle) - levelDB(sound, middle.lowerBound + half ..< middle.upperBound + half)
        #expect(abs(before - 24.1) < 0.2)
        #expect(abs(after - before / 2) < 1.0, "range \(before) dB -> \(after) dB")
    }

    @Test("only the given range is touched")
    func onlyTheRange() {
        let input = loudThenWeak()
        var sound = input
        SpeechCompressor(ratio: 2).apply(&sound, in: 1000 ..< 30000, sampleRate: rate)
        #expect(sound[..<1000] == input[..<1000] && sound[30000...] == input[30000...])
        #expect(sound[1000 ..< 30000] != input[1000 ..< 30000])
    }

    @Test("the gain never rises above 1, and the length is kept")
    func onlyTurnsDown() {
        let input = loudThenWeak()
        var sound = input
        SpeechCompressor(ratio: 3).apply(&sound, sampleRate: rate)
        #expect(sound.count == input.count)
        #expect(zip(sound, input).allSatisfy { abs($0) <= abs($1) })
        #expect(zip(sound, input).contains { abs($0) < abs($1) / 2 })
    }

    @Test("the look-ahead turns the gain down before a loud onset, not after it")
    func gainIsDownAtTheOnset() {
        let silence = [Int16](repeating: 0, count: rate / 10)
        var sound = silence + pcm(Signals.sine(frequency: 220, amplitude: 0.9, seconds: 0.3, sampleRate: rate))
        SpeechCompressor(ratio: 4).apply(&sound, sampleRate: rate)
        // The first 5 ms of the onset are already within 6 dB of the steady level (without
        // the look-ahead they would be well above it).
        let onset = silence.count ..< silence.count + rate / 200
        let steady = silence.count + rate / 10 ..< silence.count + rate / 5
        #expect(levelDB(sound, onset) - levelDB(sound, steady) < 6)
    }

    @Test("a ratio of 1 and silence leave the samples untouched; the same input gives the same bytes")
    func untouchedAndDeterministic() {
        let input = loudThenWeak()
        var same = input
        SpeechCompressor(ratio: 1).apply(&same, sampleRate: rate)
        #expect(same == input)
        var silence = [Int16](repeating: 0, count: 1000)
        SpeechCompressor(ratio: 2).apply(&silence, sampleRate: rate)
        #expect(silence.allSatisfy { $0 == 0 })
        var a = input, b = input
        SpeechCompressor(ratio: 2).apply(&a, sampleRate: rate)
        SpeechCompressor(ratio: 2).apply(&b, sampleRate: rate)
        #expect(a == b)
    }
}
