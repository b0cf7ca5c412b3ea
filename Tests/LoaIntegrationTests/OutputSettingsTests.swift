import Audio
import Foundation
import Packaging
import Programme
import Testing

/// `output:` settings: another rate, another loudness target, chimes, formats.
@Suite struct OutputSettingsTests {
    @Test func stationAt44kHzForAnEBUChainWithChimes() async throws {
        let folder = try SampleBuild.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A stereo 48 kHz chime: half a second of two sines, fading out.
        let rate = 48000, frames = rate / 2
        var chime = [Float](repeating: 0, count: frames * 2)
        for i in 0..<frames {
            let fade = Float(frames - i) / Float(frames)
            chime[2 * i] = 0.3 * fade * sin(2 * .pi * 880 * Float(i) / Float(rate))
            chime[2 * i + 1] = 0.3 * fade * sin(2 * .pi * 1320 * Float(i) / Float(rate))
        }
        try AudioFile.writeBWF(chime, sampleRate: rate, channels: 2,
                               info: BroadcastInfo(description: "chime", originationDate: "2021-09-24", originationTime: "00:00:00"),
                               cues: [], to: folder.appendingPathComponent("chime.wav"))
        let yaml = try String(contentsOf: SampleBuild.root.appendingPathComponent("loa.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "\nslots:", with: """

            output:
              sample-rate: 44100
              loudness: -23
              true-peak: -2
              mp3-bitrate: 64
              formats: [wav, mp3]
              opening-jingle: chime.wav
              closing-jingle: chime.wav
            slots:
            """)
        try yaml.write(to: folder.appendingPathComponent("loa.yaml"), atomically: true, encoding: .utf8)
        var options = SampleBuild.options(output: folder.appendingPathComponent("Output"))
        options.config = folder.appendingPathComponent("loa.yaml")
        options.stations = ["PD"]
        let report = await DayBuild(options: options).run()
        #expect(report.stations.map(\.code) == ["PD"], "\(report.diagnostics)")
        let day = try #require(report.outputFolder)
        let manifest = try JSONFile.read(StationManifest.self, from: day.appendingPathComponent("PD/manifest.json"))
        let slot = manifest.slots[0]
        #expect(slot.files.map(\.format) == ["wav", "mp3"])
        #expect(!FileManager.default.fileExists(atPath: day.appendingPathComponent("PD/sang.vtt").path))
        // The opening item starts with the chime; the closing item ends with it.
        #expect(slot.items[0].startMs < 100)
        let closing = try #require(slot.items.last)
        #expect(closing.kind == "closing" && closing.startMs + closing.durationMs <= slot.durationMs)
        for name in ["sang.wav", "sang.mp3"] {
            let audio = try AudioFile.read(day.appendingPathComponent("PD").appendingPathComponent(name))
            #expect(audio.sampleRate == 44100)
            let measured = Loudness.measure(samples: audio.samples, sampleRate: audio.sampleRate, channels: 1)
            #expect(abs(measured.integratedLUFS + 23) <= (name.hasSuffix("wav") ? 0.5 : 1.0), "\(name): \(measured.integratedLUFS)")
            #expect(measured.truePeakDBTP <= -2, "\(name): \(measured.truePeakDBTP)")
            // The chime is the first thing heard.
            #expect(Level.rmsDBFS(Array(audio.samples[2205..<22050])) > -30, "\(name): no chime at the start")
        }
    }

    @Test func outputSectionIsValidated() {
        let base = "province: P\nvoice: bac\nslots:\n  - id: s\n    start: \"06:00\"\n    max: 20m\n"
            + "announcements:\n  opening: \"a\"\n  closing: \"b\"\n"
            + "districts:\n  - code: D\n    name: d\n    stations:\n      - code: S\n        name: s\n        kind: xã\n"
        #expect(throws: ConfigError.self) { _ = try ProvinceLoader.parse(base + "output:\n  sample-rate: 16000\n", file: "loa.yaml") }
        #expect(throws: ConfigError.self) { _ = try ProvinceLoader.parse(base + "output:\n  formats: [wav, ogg]\n", file: "loa.yaml") }
        #expect(throws: ConfigError.self) { _ = try ProvinceLoader.parse(base + "output:\n  loudness: 3\n", file: "loa.yaml") }
        #expect(throws: ConfigError.self) { _ = try ProvinceLoader.parse(base + "output:\n  mp3-quality: 10\n", file: "loa.yaml") }
        let province = try? ProvinceLoader.parse(base + "output:\n  formats: mp3, vtt\n  loudness: -23\n  mp3-quality: 2\n", file: "loa.yaml")
        #expect(province?.output.formats == [.mp3, .vtt])
        #expect(province?.output.loudnessLUFS == -23)
        #expect(province?.output.mp3Quality == 2)
        #expect(OutputSettings().mp3Quality == 7)
    }
}
