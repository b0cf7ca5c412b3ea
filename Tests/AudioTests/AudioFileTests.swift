import Foundation
import Testing
@testable import Audio

@Suite("AudioFile: WAV")
struct WAVTests {
    @Test("16-bit mono WAV round-trips through libsndfile exactly")
    func roundTrip() throws {
        let dir = try Signals.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        // A sine plus the extremes, so clipping or a byte-order slip would show.
        var samples = Signals.sine(frequency: 440, amplitude: 0.8, seconds: 1.5, sampleRate: 22050)
            .map { Int16($0 * 32767) }
        samples += [Int16.min, Int16.max, 0, -1, 1]
        let url = dir.appendingPathComponent("clip.wav")
        try AudioFile.writeWAV(samples, sampleRate: 22050, to: url)

        let decoded = try AudioFile.read(url)
        #expect(decoded.sampleRate == 22050)
        #expect(decoded.channels == 1)
        #expect(decoded.frames == samples.count)
        #expect(decoded.samples.map { Int16(($0 * 32768).rounded()) } == samples)
        // 44-byte canonical header + 2 bytes a sample: nothing else was written.
        let size = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int
        #expect(size == 44 + samples.count * 2)
        // No temporary file left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["clip.wav"])
    }

    @Test("writing replaces an existing file and is byte-identical each time")
    func replaceAndDeterminism() throws {
        let dir = try Signals.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("out.wav")
        try AudioFile.writeWAV([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], sampleRate: 8000, to: url)
        let samples: [Int16] = (0 ..< 5000).map { Int16(truncatingIfNeeded: $0 &* 37) }
        try AudioFile.writeWAV(samples, sampleRate: 22050, to: url)
        let first = try Data(contentsOf: url)
        try AudioFile.writeWAV(samples, sampleRate: 22050, to: url)
        #expect(try Data(contentsOf: url) == first)
        #expect(try AudioFile.read(url).frames == 5000)
    }

    @Test("errors name the file")
    func errorsNameThePath() throws {
        let missing = URL(fileURLWithPath: "/nonexistent-loa/clip.wav")
        #expect { try AudioFile.read(missing) } throws: { error in
            "\(error)".contains("/nonexistent-loa/clip.wav")
        }
        #expect { try AudioFile.writeWAV([0, 1], sampleRate: 22050, to: missing) } throws: { error in
            "\(error)".contains("/nonexistent-loa/clip.wav")
        }
        let dir = try Signals.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = dir.appendingPathComponent("notes.wav")
        try Data("not audio".utf8).write(to: text)
        #expect { try AudioFile.read(text) } throws: { error in "\(error)".contains(text.path) }
    }
}

@Suite("Level")
struct LevelTests {
    @Test("RMS and peak of a half-scale sine")
    func sineLevels() {
        // 1 kHz at 48 kHz: a whole number of cycles, so RMS is exactly amplitude/√2.
        let sine = Signals.sine(frequency: 1000, amplitude: 0.5, seconds: 1, sampleRate: 48000)
        let expectedRMS = 20 * log10(0.5 / 2.0.squareRoot())   // −9.03 dBFS
        let expectedPeak = 20 * log10(0.5)                      // −6.02 dBFS
        #expect(abs(Level.rmsDBFS(sine) - expectedRMS) < 0.01)
        #expect(abs(Level.peakDBFS(sine) - expectedPeak) < 0.01)

        let pcm = sine.map { Int16(($0 * 32768).rounded()) }
        #expect(abs(Level.rmsDBFS(pcm) - expectedRMS) < 0.01)
        #expect(abs(Level.peakDBFS(pcm) - expectedPeak) < 0.01)
    }

    @Test("silence is −inf, full scale is 0 dBFS")
    func extremes() {
        #expect(Level.rmsDBFS([Float](repeating: 0, count: 100)) == -.infinity)
        #expect(Level.peakDBFS([Int16]()) == -.infinity)
        #expect(Level.rmsDBFS([Int16](repeating: 0, count: 10)) == -.infinity)
        #expect(Level.peakDBFS([Int16.min]) == 0)
        #expect(abs(Level.rmsDBFS([Float](repeating: 1, count: 10))) < 1e-9)
    }
}
