import Foundation
import Testing
@testable import Speech

/// Each tone keeps its shape in Loa's speech data (issue 10): the pitch of "ma mà má mả mã
/// mạ", each spoken alone, is measured and its shape asserted per voice, so a change to the
/// tone definitions that flattens or turns a tone fails here. The shapes asserted are those
/// the published contours have and the data gives (docs/voice.md).
@Suite("Tone shapes", .serialized)
struct ToneShapeTests {
    static let syllables = ["ma", "mà", "má", "mả", "mã", "mạ"]

    /// A voice on Loa's data, compiled from the sources as a build would.
    static func voice(_ espeakVoice: String) async throws -> VoiceProfile {
        let folder = try SpeechDataCompiler.dataFolder(for: SpeechDataTests.source,
                                                       engineVersion: try await SpeechEngine.shared.engineVersion())
        return VoiceProfile(id: espeakVoice, espeakVoice: espeakVoice, rate: 135, pitch: 45, pitchRange: 45, volume: 100,
                            sentencePauseMs: 450, paragraphPauseMs: 900, speechData: folder.path)
    }

    /// Each syllable's track, and a line describing them all for failure messages.
    static func tracks(_ espeakVoice: String) async throws -> (tracks: [String: PitchTrack], report: String) {
        let voice = try await voice(espeakVoice)
        var tracks: [String: PitchTrack] = [:]
        for syllable in syllables {
            let clip = try await SpeechEngine.shared.synthesize(paragraphs: [[syllable]], voice: voice)
            tracks[syllable] = PitchTrack(clip.samples, sampleRate: clip.sampleRate)
        }
        let ngang = tracks["ma"]!.mean(from: 0, to: 1)
        let report = syllables.map { s in
            let t = tracks[s]!
            return String(format: "%@ %.2fs mean %+.1f, low %+.1f, end %+.1f st", s, t.voicedSeconds,
                          PitchTrack.semitones(t.mean(from: 0, to: 1), over: ngang), t.shape.lowest, t.shape.end)
        }.joined(separator: "; ")
        return (tracks, "\(espeakVoice): \(report)")
    }

    @Test func northernTones() async throws {
        let (t, report) = try await Self.tracks("vi")
        let ngang = t["ma"]!.mean(from: 0, to: 1)
        func mean(_ s: String) -> Double { PitchTrack.semitones(t[s]!.mean(from: 0, to: 1), over: ngang) }
        #expect(abs(t["ma"]!.shape.end) < 2, "ngang is level: \(report)")
        #expect(mean("mà") < -1, "huyền is low: \(report)")
        #expect(t["má"]!.shape.end > 2, "sắc rises: \(report)")
        #expect(t["mả"]!.shape.lowest < -1, "hỏi dips: \(report)")
        #expect(mean("mã") > mean("mạ"), "ngã is above nặng: \(report)")
        #expect(mean("mạ") < 0, "nặng is low: \(report)")
    }

    /// The Northern tones on the published Hanoi contours (change 28): hỏi falls and its final
    /// rise ends below where it began (upstream's came back up to mid, and it was heard as
    /// sắc), sắc holds its start before it rises, ngã breaks and then rises to the top.
    /// Measured on this suite's voice, before change 28: hỏi ended 0.7 semitones below its
    /// start (now 2.3), sắc had risen 2.3 by its middle (now 1.7), ngã ended 1.1 above its
    /// start (now 2.8). Huyền's deeper fall is not asserted: this tracker keeps only its first
    /// 0.22 s as voiced, before change 28 and after, and that part barely falls.
    @Test func northernTonesFollowTheHanoiContours() async throws {
        let (t, report) = try await Self.tracks("vi")
        let sac = t["má"]!
        let sacMiddle = PitchTrack.semitones(sac.mean(from: 0.4, to: 0.6), over: sac.mean(from: 0, to: 0.2))
        #expect(t["mả"]!.shape.end < -1.5, "hỏi ends below its start: \(report)")
        #expect(sacMiddle < 2, "sắc is level before it rises (\(String(format: "%+.1f", sacMiddle)) st at its middle): \(report)")
        #expect(t["mã"]!.shape.end > 2, "ngã rises to the top: \(report)")
    }

    @Test func centralTones() async throws {
        let (t, report) = try await Self.tracks("vi-vn-x-central")
        let ngang = t["ma"]!.mean(from: 0, to: 1)
        func mean(_ s: String) -> Double { PitchTrack.semitones(t[s]!.mean(from: 0, to: 1), over: ngang) }
        #expect(abs(t["ma"]!.shape.end) < 2, "ngang is level: \(report)")
        #expect(mean("mà") < -0.5 && t["mà"]!.shape.end < 0.5, "huyền is low, not rising: \(report)")
        #expect(t["má"]!.shape.end > 2, "sắc rises: \(report)")
        // Huế merges hỏi and ngã into one low, falling tone.
        #expect(t["mả"]!.hertz == t["mã"]!.hertz, "hỏi and ngã are one tone: \(report)")
        #expect(mean("mả") < -1 && t["mả"]!.shape.end < -1, "hỏi/ngã is low and falls: \(report)")
        #expect(mean("mạ") < -1.5, "nặng is the lowest: \(report)")
    }

    @Test func southernTones() async throws {
        let (t, report) = try await Self.tracks("vi-vn-x-south")
        let ngang = t["ma"]!.mean(from: 0, to: 1)
        func mean(_ s: String) -> Double { PitchTrack.semitones(t[s]!.mean(from: 0, to: 1), over: ngang) }
        #expect(abs(t["ma"]!.shape.end) < 2, "ngang is level: \(report)")
        #expect(mean("mà") < -1, "huyền is low: \(report)")
        #expect(t["má"]!.shape.end > 2, "sắc rises: \(report)")
        // Sài Gòn merges hỏi and ngã into one dipping-rising tone.
        #expect(t["mả"]!.hertz == t["mã"]!.hertz, "hỏi and ngã are one tone: \(report)")
        #expect(mean("mả") < 0 && t["mả"]!.shape.end > 1.5, "hỏi/ngã starts low and rises: \(report)")
        #expect(mean("mạ") < -2 && t["mạ"]!.shape.end < 0, "nặng is low and falls: \(report)")
    }
}
