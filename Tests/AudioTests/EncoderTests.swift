import Foundation
import Testing
@testable import Audio

@Suite("AudioFile: MP3 and Broadcast Wave")
struct EncoderTests {
    @Test("MP3 decodes to the same duration, level and title; size matches the bitrate",
          arguments: [(22050, 48), (44100, 128)])
    func mp3(sampleRate: Int, kbps: Int) throws {
        let dir = try Signals.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("programme.mp3")
        let seconds = 20.0
        let sine = Signals.sine(frequency: 1000, amplitude: 0.5, seconds: seconds, sampleRate: sampleRate)
        let title = "Chương trình phát thanh buổi sáng"
        try AudioFile.writeMP3(sine, sampleRate: sampleRate, bitrateKbps: kbps, title: title, to: url)

        let decoded = try AudioFile.read(url)
        #expect(decoded.sampleRate == sampleRate)
        #expect(decoded.channels == 1)
        // Encoder delay and padding: within two MP3 frames (≤ 2 × 1152 samples).
        #expect(abs(decoded.frames - sine.count) <= 2304, "\(decoded.frames) frames for \(sine.count)")
        #expect(abs(Level.rmsDBFS(decoded.samples) - Level.rmsDBFS(sine)) < 0.5)
        // Constant bitrate: the file is bitrate × duration, give or take tags and one frame.
        let size = try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int)
        let expected = Double(kbps) * 1000 / 8 * seconds
        #expect(abs(Double(size) - expected) < expected * 0.03 + 2000, "\(size) bytes, expected ≈ \(Int(expected))")
        // libsndfile reads no MP3 tags back, so look at the ID3v1 tag LAME put at the end:
        // "TAG", then the 30-byte title, folded to ASCII.
        let bytes = try Data(contentsOf: url)
        let tag = bytes.suffix(128)
        #expect(tag.prefix(3) == Data("TAG".utf8))
        #expect(String(decoding: tag.dropFirst(3).prefix(30).prefix { $0 != 0 }, as: UTF8.self)
                == "Chuong trinh phat thanh buoi s")
    }

    @Test("a piece's MP3 frame count is known before it is encoded (MPEG-1 and MPEG-2 rates)",
          arguments: [(22050, 48), (44100, 64)])
    func frameCountIsPredicted(sampleRate: Int, kbps: Int) throws {
        let encoder = try MP3SegmentEncoder(sampleRate: sampleRate, bitrateKbps: kbps)
        let perFrame = encoder.samplesPerFrame
        for count in [0, 1, perFrame - 1, perFrame, perFrame + 1, 575, 577, 1729, 4 * perFrame, 22_050 + 7] {
            let sound = Signals.sine(frequency: 440, amplitude: 0.3, seconds: Double(count) / Double(sampleRate), sampleRate: sampleRate)
            let piece = try encoder.encode(Array(sound.prefix(count)) + [Float](repeating: 0, count: max(0, count - sound.count)))
            #expect(piece.frameCount == encoder.frameCount(forSamples: count), "\(count) samples")
            #expect(piece.decodedFrames == encoder.decodedFrames(forSamples: count))
            #expect(count == 0 ? piece.bytes.isEmpty : piece.decodedFrames >= count + 576, "the delayed sound fits in the frames")
        }
    }

    @Test("LAME's quality changes the effort, not the stream's shape; out of 0…9 is refused")
    func segmentQuality() throws {
        let sound = Signals.sine(frequency: 440, amplitude: 0.3, seconds: 2, sampleRate: 22050)
        var pieces: [MP3Segment] = []
        for quality in [0, 5, 9] {
            let encoder = try MP3SegmentEncoder(sampleRate: 22050, bitrateKbps: 48, quality: quality)
            let piece = try encoder.encode(sound)
            #expect(piece.frameCount == encoder.frameCount(forSamples: sound.count))
            #expect(piece.bytes.count == pieces.first?.bytes.count ?? piece.bytes.count, "CBR: the same size at any quality")
            let decoded = try MP3SegmentEncoder.decode(piece.bytes)
            // The tone's level survives (measured away from the codec's delay and padding).
            #expect(abs(Level.rmsDBFS(Array(decoded[4000 ..< 40000])) - Level.rmsDBFS(Array(sound[4000 ..< 40000]))) < 0.2,
                    "quality \(quality)")
            pieces.append(piece)
        }
        #expect(pieces[0].bytes != pieces[2].bytes, "q0 and q9 encode differently")
        #expect(throws: MP3Error.self) { _ = try MP3SegmentEncoder(sampleRate: 22050, bitrateKbps: 48, quality: 10) }
    }

    @Test("MP3 refuses a bitrate MPEG cannot carry at this rate")
    func mp3BadBitrate() throws {
        let dir = try Signals.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("x.mp3")
        #expect(throws: AudioFileError.self) {
            try AudioFile.writeMP3([0, 0], sampleRate: 22050, bitrateKbps: 320, title: nil, to: url)
        }
    }

    @Test("BWF keeps samples, bext fields, loudness and labelled cues")
    func broadcastWave() throws {
        let dir = try Signals.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("PD-sang.wav")
        let rate = 22050
        let audio = Signals.sine(frequency: 1000, amplitude: 0.25, seconds: 12, sampleRate: rate)
        let loudness = Loudness.measure(samples: audio, sampleRate: rate, channels: 1)
        let info = BroadcastInfo(
            description: "Đài Truyền thanh xã Phương Điền — chương trình buổi sáng",
            originatorReference: "PD-2021-09-24-sang",
            originationDate: "2021-09-24", originationTime: "05:30:00",
            timeReference: UInt64(6 * 3600 * rate),
            codingHistory: "A=PCM,F=22050,W=16,M=mono,T=Loa",
            loudness: loudness, title: "Phương Điền, buổi sáng")
        let cues = [CueMarker(id: 1, frame: 0, label: "Mở đầu"),
                    CueMarker(id: 2, frame: 3 * rate, label: "Lịch tiêm vắc-xin"),
                    CueMarker(id: 3, frame: 10 * rate, label: "Kết thúc")]
        try AudioFile.writeBWF(audio, sampleRate: rate, info: info, cues: cues, to: url)

        let decoded = try AudioFile.read(url)
        #expect(decoded.frames == audio.count && decoded.sampleRate == rate)
        let worst = zip(decoded.samples, audio).map { abs($0 - $1) }.max() ?? 1
        #expect(worst <= 1.0 / 32768 + 1e-6, "16-bit rounding only")

        let tags = try AudioFile.readTags(url)
        #expect(tags.title == "Phương Điền, buổi sáng")
        let bext = try #require(tags.broadcast)
        #expect(bext.description == "Dai Truyen thanh xa Phuong Dien  chuong trinh buoi sang")
        #expect(bext.originator == "Loa")
        #expect(bext.originatorReference == "PD-2021-09-24-sang")
        #expect(bext.originationDate == "2021-09-24")
        #expect(bext.originationTime == "05:30:00")
        #expect(bext.timeReference == UInt64(6 * 3600 * rate))
        #expect(bext.version == 2)
        // Our line first; libsndfile adds its own line for the write it did.
        #expect(bext.codingHistory.hasPrefix("A=PCM,F=22050,W=16,M=mono,T=Loa\r\n"))
        let expectedLUFS = 20 * log10(0.25) - 3.0103
        #expect(abs((bext.loudnessValue ?? 0) - expectedLUFS) < 0.06)
        #expect(abs((bext.maxTruePeakLevel ?? 0) - 20 * log10(0.25)) < 0.1)
        #expect(bext.loudnessRange != nil && bext.maxMomentaryLoudness != nil && bext.maxShortTermLoudness != nil)

        #expect(tags.cues.map(\.id) == [1, 2, 3])
        #expect(tags.cues.map(\.frame) == [0, 3 * rate, 10 * rate])
        #expect(tags.cues.map(\.label) == ["Mo dau", "Lich tiem vac-xin", "Ket thuc"])
    }

    @Test("BWF without loudness marks the fields unset; 150 cue points are kept")
    func broadcastWaveEdges() throws {
        let dir = try Signals.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("many.wav")
        let info = BroadcastInfo(description: "test", originationDate: "2021-09-24", originationTime: "06:00:00")
        let cues = (0 ..< 150).map { CueMarker(id: $0 + 1, frame: $0 * 100, label: "item \($0 + 1)") }
        try AudioFile.writeBWF([Float](repeating: 0.1, count: 20000), sampleRate: 22050, info: info, cues: cues, to: url)
        let tags = try AudioFile.readTags(url)
        let bext = try #require(tags.broadcast)
        #expect(bext.loudnessValue == nil && bext.maxTruePeakLevel == nil)
        #expect(tags.cues.count == 150)
        #expect(tags.cues.count == 150)
        #expect(tags.cues.map(\.frame) == cues.map(\.frame))
        // Labels ride in the INFO comment, capped near 2 KiB: the first ~120 keep theirs.
        let labelled = tags.cues.prefix { !$0.label.isEmpty }
        #expect(labelled.count >= 100 && labelled.count < 150, "\(labelled.count) labelled")
        #expect(labelled.allSatisfy { $0.label == "item \($0.id)" })
    }
}
