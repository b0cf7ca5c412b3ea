import Foundation
import Testing
@testable import Audio

@Suite("Loudness (libebur128)")
struct LoudnessTests {
    /// BS.1770 is calibrated so that a 1 kHz sine in one front channel reads its RMS level in
    /// dBFS (the K-weighting gains +0.691 dB at 1 kHz, the formula subtracts 0.691): a full
    /// scale sine is −3.01 LUFS, so amplitude A reads 20·log10(A) − 3.01.
    @Test("a 1 kHz sine reads 20·log10(A) − 3.01 LUFS", arguments: [1.0, 0.5, 0.1])
    func sineLoudness(amplitude: Double) {
        let sine = Signals.sine(frequency: 1000, amplitude: amplitude, seconds: 10, sampleRate: 48000)
        let report = Loudness.measure(samples: sine, sampleRate: 48000, channels: 1)
        let expected = 20 * log10(amplitude) - 3.0103
        #expect(abs(report.integratedLUFS - expected) < 0.05, "\(report.integratedLUFS) LUFS, expected \(expected)")
        #expect(abs(report.maxMomentaryLUFS - expected) < 0.1)
        #expect(abs(report.maxShortTermLUFS - expected) < 0.1)
        #expect(report.loudnessRangeLU < 0.5)   // a steady tone hardly moves
        #expect(abs(report.samplePeakDBFS - 20 * log10(amplitude)) < 0.01)
        // 4× oversampling of a sine sampled 48 times a cycle finds the true peak within ±0.1 dB.
        #expect(abs(report.truePeakDBTP - 20 * log10(amplitude)) < 0.1)
    }

    @Test("the same sine in stereo is 3 dB louder; at 22050 Hz it reads the same")
    func channelsAndRate() {
        let mono = Loudness.measure(samples: Signals.sine(frequency: 1000, amplitude: 0.25, seconds: 6, sampleRate: 22050),
                                    sampleRate: 22050, channels: 1)
        let stereo = Loudness.measure(samples: Signals.sine(frequency: 1000, amplitude: 0.25, seconds: 6, sampleRate: 48000, channels: 2),
                                      sampleRate: 48000, channels: 2)
        let expected = 20 * log10(0.25) - 3.0103
        #expect(abs(mono.integratedLUFS - expected) < 0.1, "\(mono.integratedLUFS)")
        #expect(abs(stereo.integratedLUFS - (expected + 3.0103)) < 0.1, "\(stereo.integratedLUFS)")
    }

    @Test("two levels 10 dB apart give a loudness range near 10 LU")
    func loudnessRange() {
        let loud = Signals.sine(frequency: 1000, amplitude: 0.1, seconds: 20, sampleRate: 48000)
        let quiet = Signals.sine(frequency: 1000, amplitude: 0.1 / pow(10, 0.5), seconds: 20, sampleRate: 48000)
        let report = Loudness.measure(samples: loud + quiet, sampleRate: 48000, channels: 1)
        #expect(abs(report.loudnessRangeLU - 10) < 1, "\(report.loudnessRangeLU) LU")
    }

    @Test("silence and nonsense give the silence report")
    func silence() {
        #expect(Loudness.measure(samples: [Float](repeating: 0, count: 48000), sampleRate: 48000, channels: 1).integratedLUFS == -.infinity)
        #expect(Loudness.measure(samples: [], sampleRate: 48000, channels: 1) == .silence)
        #expect(Loudness.measure(samples: [0.5], sampleRate: 0, channels: 1) == .silence)
    }
}

@Suite("Resampler (libsamplerate)")
struct ResamplerTests {
    @Test("22050 → 48000 → 22050: lengths follow the ratio, the tone survives",
          arguments: [Resampler.Quality.best, .medium])
    func roundTrip(quality: Resampler.Quality) throws {
        let input = Signals.sine(frequency: 440, amplitude: 0.5, seconds: 3, sampleRate: 22050)
        let up = try Resampler.resample(input, from: 22050, to: 48000, channels: 1, quality: quality)
        #expect(abs(up.count - input.count * 48000 / 22050) <= 2, "\(up.count)")
        // Same tone: same RMS, and 440 zero crossings up per second.
        #expect(abs(Level.rmsDBFS(Array(up[4800 ..< 139200])) - Level.rmsDBFS(input)) < 0.05)
        let rising = zip(up.dropLast(), up.dropFirst()).filter { $0 < 0 && $1 >= 0 }.count
        #expect(abs(rising - 3 * 440) <= 2, "\(rising) upward crossings")

        let down = try Resampler.resample(up, from: 48000, to: 22050, channels: 1, quality: quality)
        #expect(abs(down.count - input.count) <= 2)
        // Away from the edges the round trip matches the original to within −60 dB.
        let error = zip(input[2000 ..< 60000], down[2000 ..< 60000]).map { $0 - $1 }
        #expect(Level.rmsDBFS(error) < -60, "\(Level.rmsDBFS(error)) dB error")
    }

    @Test("stereo frames stay together and the result is deterministic")
    func stereoDeterministic() throws {
        let stereo = Signals.sine(frequency: 1000, amplitude: 0.3, seconds: 1, sampleRate: 44100, channels: 2)
        let a = try Resampler.resample(stereo, from: 44100, to: 22050, channels: 2)
        let b = try Resampler.resample(stereo, from: 44100, to: 22050, channels: 2)
        #expect(a == b)
        #expect(a.count % 2 == 0 && abs(a.count / 2 - 22050) <= 2)
        #expect(stride(from: 0, to: a.count, by: 2).allSatisfy { a[$0] == a[$0 + 1] })
    }

    @Test("in pieces as a whole: the same length and sound, the same bytes every time")
    func streamInPieces() throws {
        let input = Signals.sine(frequency: 440, amplitude: 0.5, seconds: 3, sampleRate: 44100)
        func streamed() throws -> [Float] {
            let stream = try ResamplingStream(from: 44100, to: 22050, channels: 1, quality: .medium)
            var output: [Float] = []
            // Uneven pieces, as a decoder gives them.
            var start = 0, size = 1000
            while start < input.count {
                output += try stream.process(Array(input[start..<min(start + size, input.count)]))
                start += size
                size = size * 3 % 7919 + 500
            }
            return output + (try stream.process([], last: true))
        }
        let pieces = try streamed()
        let whole = try Resampler.resample(input, from: 44100, to: 22050, channels: 1, quality: .medium)
        #expect(abs(pieces.count - input.count / 2) <= 2, "\(pieces.count)")
        let error = zip(pieces[2000 ..< 60000], whole[2000 ..< 60000]).map { $0 - $1 }
        #expect(Level.rmsDBFS(error) < -90, "\(Level.rmsDBFS(error)) dB from the whole")
        #expect(try streamed() == pieces)
    }

    @Test("bad arguments are errors")
    func errors() {
        #expect(throws: ResamplerError.self) { try Resampler.resample([0, 0, 0], from: 22050, to: 48000, channels: 2) }
        #expect(throws: ResamplerError.self) { try Resampler.resample([0], from: 0, to: 48000, channels: 1) }
        #expect(throws: ResamplerError.self) { try Resampler.resample([0], from: 1, to: 48000, channels: 1) }
    }
}
