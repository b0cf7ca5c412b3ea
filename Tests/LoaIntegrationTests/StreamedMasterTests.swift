import Audio
import Foundation
import Packaging
import Programme
import Testing

/// Issue 12: WAV masters streamed from the takes' spooled PCM, never rendered whole, are the
/// same audio as a programme rendered whole, and what their `bext` chunk and the manifest
/// say about loudness agrees with libebur128 measuring the written file.
@Suite(.serialized) struct StreamedMasterTests {
    @Test func streamedMastersEqualRenderedOnesAndTheirLoudnessFieldsAreRight() async throws {
        let streamed = try await SampleBuild.shared.result().day
        let output = try SampleBuild.scratch()
        defer { try? FileManager.default.removeItem(at: output) }
        var options = SampleBuild.options(output: output)
        options.assembly = .whole
        options.stations = ["PD", "TL"]
        #expect(await DayBuild(options: options).run().outputFolder != nil)
        let rendered = output.appendingPathComponent("2021-09-24")

        for station in ["PD", "TL"] {
            let manifest = try JSONFile.read(StationManifest.self, from: streamed.appendingPathComponent("\(station)/manifest.json"))
            for slot in manifest.slots {
                let name = "\(station)/\(slot.id).wav"
                let a = try AudioFile.read(streamed.appendingPathComponent(name))
                let b = try AudioFile.read(rendered.appendingPathComponent(name))
                #expect(a.sampleRate == b.sampleRate && a.channels == 1)
                #expect(a.samples == b.samples, "\(name): the streamed master's samples are the rendered one's")

                let measured = Loudness.measure(samples: a.samples, sampleRate: a.sampleRate, channels: 1)
                let tags = try AudioFile.readTags(streamed.appendingPathComponent(name))
                let bext = try #require(tags.broadcast)
                let stated = try #require(bext.loudnessValue)
                #expect(abs(stated - measured.integratedLUFS) <= 0.2, "\(name): bext \(stated) LUFS, measured \(measured.integratedLUFS)")
                #expect(abs(slot.loudnessLufs - measured.integratedLUFS) <= 0.2, "\(name): manifest \(slot.loudnessLufs)")
                let peak = try #require(bext.maxTruePeakLevel)
                #expect(abs(peak - measured.truePeakDBTP) <= 0.5, "\(name): bext peak \(peak), measured \(measured.truePeakDBTP)")
                #expect(measured.truePeakDBTP <= -1.0 + 0.05, "\(name) under the ceiling")
                let range = try #require(bext.loudnessRange)
                #expect(abs(range - measured.loudnessRangeLU) <= 1.5, "\(name): bext range \(range) LU, measured \(measured.loudnessRangeLU)")
                #expect(tags.cues == (try AudioFile.readTags(rendered.appendingPathComponent(name))).cues)
                // Every byte hashed as written: the manifest's checksum is the file's.
                #expect(try Checksum.sha256(file: streamed.appendingPathComponent(name)) == slot.files.first { $0.format == "wav" }?.sha256)
            }
        }
    }

    @Test func theHeaderSaysTheLengthOfTheStreamedSamples() throws {
        let info = BroadcastInfo(description: "Xã Thiên Lộc", originator: "Loa", originatorReference: "loa-test",
                                 originationDate: "2021-09-24", originationTime: "06:00:00", timeReference: 0,
                                 codingHistory: "A=PCM,F=22050,W=16,M=mono\r\n", loudness: nil, title: "Thiên Lộc")
        let frames = 22_050 * 3 + 7
        let header = try AudioFile.broadcastWaveHeader(frames: frames, sampleRate: 22_050, info: info,
                                                       cues: [CueMarker(id: 1, frame: 100, label: "opening")])
        let samples = (0..<frames).map { Int16(truncatingIfNeeded: $0 &* 977) }
        var bytes = header
        samples.withUnsafeBytes { bytes += $0 }
        let folder = try SampleBuild.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("x.wav")
        try Data(bytes).write(to: url)
        let read = try AudioFile.read(url)
        #expect(read.frames == frames)
        #expect(read.samples.prefix(1000).map { Int16(($0 * 32768).rounded()) } == Array(samples.prefix(1000)))
        let tags = try AudioFile.readTags(url)
        #expect(tags.cues.map(\.frame) == [100])
        #expect(tags.broadcast?.originator == "Loa")
        #expect(tags.title == "Thiên Lộc")
    }
}
