import Audio
import Foundation
import Testing

/// `loa say` as staff use it to preview a wording: the file is levelled as the take airs
/// (the sample province's −16 LUFS under its −1 dBTP ceiling), measured, not trusted.
struct SayCommandTests {
    private static let text = "Ủy ban nhân dân xã thông báo: ngày mai có bão, bà con không ra khơi."

    /// Runs `loa say` with `extra` options into a new WAV and reads it back.
    private func say(_ extra: [String]) throws -> DecodedAudio {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("loa-it-say-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let wav = folder.appendingPathComponent("preview.wav")
        let root = SampleBuild.root
        let status = try LoaProcess.run(["say", "--voice", "nam",
                                         "--voices", root.appendingPathComponent("Voices").path,
                                         "--config", root.appendingPathComponent("loa.yaml").path,
                                         "--lexicon", root.appendingPathComponent("Bulletins/lexicon.tsv").path,
                                         "--output", wav.path] + extra + [Self.text])
        #expect(status == 0)
        return try AudioFile.read(wav)
    }

    @Test func aPreviewIsAsLoudAsTheProgramme() throws {
        let audio = try say([])
        let level = Loudness.measure(samples: audio.samples, sampleRate: audio.sampleRate, channels: 1)
        #expect(audio.sampleRate == 22050)
        #expect(Double(audio.frames) / Double(audio.sampleRate) > 3)
        #expect(abs(level.integratedLUFS - -16) <= 0.5, "integrated \(level.integratedLUFS) LUFS")
        #expect(level.truePeakDBTP <= -1, "true peak \(level.truePeakDBTP) dBTP")
    }

    @Test func unlevelledIsTheEnginesSound() throws {
        let audio = try say(["--unlevelled"])
        let level = Loudness.measure(samples: audio.samples, sampleRate: audio.sampleRate, channels: 1)
        // The engine's own level, compressed, lies well under the air's target.
        #expect(level.integratedLUFS < -19, "integrated \(level.integratedLUFS) LUFS")
    }
}
