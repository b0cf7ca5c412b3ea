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

    /// `--phonemes` prints how the voice reads the normalized text, one line a sentence,
    /// and writes no audio: the Southern approximant for d, the number read as words.
    @Test func phonemesShowTheVoicesReading() throws {
        let process = Process()
        process.executableURL = LoaProcess.executable
        process.arguments = ["say", "--voice", "nam", "--voices", SampleBuild.root.appendingPathComponent("Voices").path,
                             "--phonemes", "Dân 3 thôn. Về nhà."]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(LoaProcess.status(process) == 0)
        let lines = printed.split(separator: "\n")
        #expect(lines.count == 2, "\(printed)")
        #expect(lines.first?.hasPrefix("j ") == true, "\(printed)")
        #expect(lines.first?.contains(" b 'a: _|") == true, "3 read as ba: \(printed)")
    }

    @Test func unlevelledIsTheEnginesSound() throws {
        let audio = try say(["--unlevelled"])
        let level = Loudness.measure(samples: audio.samples, sampleRate: audio.sampleRate, channels: 1)
        // The engine's own level, compressed, lies well under the air's target.
        #expect(level.integratedLUFS < -19, "integrated \(level.integratedLUFS) LUFS")
    }
}
