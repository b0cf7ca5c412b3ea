import CSndfile
import Foundation
@testable import Audio

/// Sound files for the recorded-bulletin tests, written through libsndfile as a recorder
/// would: a voice-like signal (syllables of a gliding harmonic tone with a breath of noise,
/// pauses between words) at an odd level, with seconds of near-silence before and after.
enum TestRecordings {
    /// Where the voice is in `voice(…)`'s signal, in seconds.
    static let voiceStart = 1.5
    static let voiceSeconds = 10.0
    static let tailSeconds = 2.0

    /// The container and encoding of a test file.
    enum Kind {
        case wav16, flac16, oggVorbis, mp3

        var format: Int32 {
            switch self {
            case .wav16: return Int32(SF_FORMAT_WAV | SF_FORMAT_PCM_16)
            case .flac16: return Int32(SF_FORMAT_FLAC | SF_FORMAT_PCM_16)
            case .oggVorbis: return Int32(SF_FORMAT_OGG | SF_FORMAT_VORBIS)
            case .mp3: return Int32(SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III)
            }
        }
    }

    /// Writes interleaved `samples` to `url`.
    static func write(_ samples: [Float], sampleRate: Int, channels: Int, kind: Kind, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let file = try SoundFile(writing: url.path, finalPath: url.path, sampleRate: sampleRate, channels: channels,
                                 format: kind.format)
        try file.write(samples)
        try file.close(checked: true)
    }

    /// A deterministic noise source (the tests need the same bytes every run).
    struct Noise {
        var state: UInt64
        mutating func next() -> Float {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Float(Int64(bitPattern: state >> 11) - (1 << 52)) / Float(1 << 52)
        }
    }

    /// Mono voice-like sound: `voiceSeconds` of syllables after `voiceStart` s, then
    /// `tailSeconds`; the near-silence around it is noise at −75 dBFS. Peak about `peak`.
    static func voiceMono(sampleRate: Int, peak: Float = 0.27, voiceSeconds: Double = voiceSeconds, seed: UInt64 = 1) -> [Float] {
        let total = Int((voiceStart + voiceSeconds + tailSeconds) * Double(sampleRate))
        var noise = Noise(state: seed)
        var samples = [Float](repeating: 0, count: total)
        let floorNoise = Float(pow(10, -75.0 / 20))
        for index in 0..<total { samples[index] = floorNoise * noise.next() }
        let rate = Double(sampleRate)
        var t = voiceStart
        var syllable = 0
        let end = voiceStart + voiceSeconds
        while t < end - 0.05 {
            let length = min(0.16 + 0.06 * Double(syllable % 4), end - t)
            let f0 = 120 + 60 * sin(Double(syllable) * 0.7)
            let first = Int(t * rate), count = Int(length * rate)
            var phase = 0.0
            for n in 0..<count where first + n < total {
                let position = Double(n) / Double(count)
                let envelope = 0.5 - 0.5 * cos(2 * Double.pi * position)
                let frequency = f0 * (1 + 0.15 * position)
                phase += 2 * Double.pi * frequency / rate
                var value = 0.0
                for harmonic in 1...6 { value += sin(phase * Double(harmonic)) / Double(harmonic) }
                let breath = 0.08 * Double(noise.next())
                samples[first + n] += Float(envelope * (value * 0.55 + breath)) * peak
            }
            t += length + (syllable % 5 == 4 ? 0.3 : 0.07)
            syllable += 1
        }
        return samples
    }

    /// `mono` as two channels that differ a little (the right one quieter and 3 samples late).
    static func stereo(_ mono: [Float]) -> [Float] {
        var interleaved = [Float](repeating: 0, count: mono.count * 2)
        for index in mono.indices {
            interleaved[2 * index] = mono[index]
            interleaved[2 * index + 1] = index >= 3 ? 0.85 * mono[index - 3] : 0
        }
        return interleaved
    }

    /// A voice-like stereo recording at 44.1 kHz (the test's main recording).
    static func writeVoice(to url: URL, kind: Kind = .flac16, peak: Float = 0.27, seed: UInt64 = 1) throws {
        try write(stereo(voiceMono(sampleRate: 44_100, peak: peak, seed: seed)), sampleRate: 44_100, channels: 2, kind: kind, to: url)
    }

    /// The voice turned up four times and cut at full scale, as a recorder with its input
    /// level too high writes it.
    static func writeClipped(to url: URL) throws {
        let loud = voiceMono(sampleRate: 44_100, peak: 1.1).map { min(max($0 * 4, -1), 1) }
        try write(stereo(loud), sampleRate: 44_100, channels: 2, kind: .wav16, to: url)
    }

    /// Five seconds of hiss at −65 dBFS: a microphone that was off.
    static func writeSilent(to url: URL) throws {
        var noise = Noise(state: 7)
        let hiss = (0..<(5 * 44_100)).map { _ in Float(pow(10, -65.0 / 20)) * noise.next() }
        try write(hiss, sampleRate: 44_100, channels: 1, kind: .flac16, to: url)
    }

    /// A voice-like mono recording `minutes` long at 16 kHz (cheap to make), for slot checks.
    static func writeLong(minutes: Double, to url: URL) throws {
        let rate = 16_000
        let count = Int(minutes * 60 * Double(rate))
        var samples = [Float](repeating: 0, count: count)
        for index in 0..<count {
            let t = Double(index) / Double(rate)
            samples[index] = Float(0.3 * sin(2 * Double.pi * 150 * t) * (0.6 + 0.4 * sin(2 * Double.pi * 4 * t)))
        }
        try write(samples, sampleRate: rate, channels: 1, kind: .flac16, to: url)
    }
}
