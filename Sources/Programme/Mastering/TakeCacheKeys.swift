import Crypto
import Foundation
import Speech

/// Names take-cache entries: the SHA-256 of a canonical description of everything that
/// shapes an entry's bytes, so a changed input gives another name and never a stale take.
///
/// - A source's sound (and its length): the sentence as spoken, the voice profile as the
///   engine gets it (espeak-ng voice, rate, pitch, range, volume, compression, the compiled speech data,
///   which is itself named by the SHA-256 of its sources), the engine's version; for a
///   jingle, the SHA-256 of its file; for a recorded bulletin, the SHA-256 of its file and
///   the frames that air.
/// - A mastered take: its source, the silence after it, the output rate, loudness target,
///   true-peak ceiling, MP3 bit rate and quality (or no MP3), whether levelled PCM is kept
///   (a take kept for WAV masters gets a true-peak check that can trim it).
/// - Both: the cache's `identity`, Loa's version and the build of the program, so a new
///   Loa never reads takes an older one made.
struct TakeCacheKeys: Sendable {
    var identity: String
    var engineVersion: String
    var voices: VoiceLibrary
    var settings: OutputSettings
    var makesMP3: Bool
    var keepsSound: Bool
    /// Folder jingle paths are relative to.
    var assetsFolder: URL

    /// The name of a source's sound length at the output rate.
    func length(_ source: TakeKey.Source) throws -> String {
        Self.hash("length\n\(try describe(source))\nrate \(settings.sampleRate)")
    }

    /// The name of a mastered take.
    func take(_ key: TakeKey) throws -> String {
        Self.hash("""
            take
            \(try describe(key.source))
            pause-after-ms \(key.pauseAfterMs)
            rate \(settings.sampleRate)
            loudness \(settings.loudnessLUFS.bitPattern)
            true-peak \(settings.truePeakDBTP.bitPattern)
            mp3 \(makesMP3 ? "\(settings.mp3BitrateKbps) kbps q\(settings.mp3Quality)" : "none")
            keeps-sound \(keepsSound)
            """)
    }

    private func describe(_ source: TakeKey.Source) throws -> String {
        let head = "loa-take-cache \(TakeCacheEntry.version)\n\(identity)\nespeak-ng \(engineVersion)\n"
        switch source {
        case .speech(let sentence, let voiceID):
            guard let voice = voices[voiceID] else { throw TakeStoreError("voice \(voiceID) has no profile") }
            // The pauses are the takes' business: sentences are synthesized without them.
            return head + """
                speech
                espeak-voice \(voice.espeakVoice)
                rate \(voice.rate) pitch \(voice.pitch) pitch-range \(voice.pitchRange) volume \(voice.volume)
                speech-data \(voice.speechData ?? "stock")
                compression \(voice.compressionRatio.bitPattern)
                text \(sentence)
                """
        case .jingle(let path):
            let url = assetsFolder.appendingPathComponent(path)
            guard let bytes = FileManager.default.contents(atPath: url.path) else {
                throw TakeStoreError("cannot read the jingle \(url.path)")
            }
            return head + "jingle\nsha256 \(Self.hex(SHA256.hash(data: bytes)))"
        case .recording(let cut):
            // The recording's bytes and the part of them that airs (its path plays no part).
            return head + "recording\nsha256 \(cut.sha256)\nframes \(cut.sound.lowerBound)..<\(cut.sound.upperBound) at \(cut.sampleRate) Hz"
        }
    }

    static func hash(_ description: String) -> String { hex(SHA256.hash(data: Data(description.utf8))) }

    static func hex(_ digest: SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 15)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
