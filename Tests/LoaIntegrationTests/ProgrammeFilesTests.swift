import Audio
import Foundation
import Packaging
import Programme
import Testing

/// The sample's programme files, measured as an engineer would: loudness and true peak
/// with libebur128, bext and cue points read back, MP3 decoded, captions parsed.
@Suite(.serialized) struct ProgrammeFilesTests {
    let target = -16.0, ceiling = -1.0

    func file(_ station: String, _ name: String) async throws -> URL {
        try await SampleBuild.shared.result().day.appendingPathComponent(station).appendingPathComponent(name)
    }

    @Test func mastersAreAtTheLoudnessTargetUnderTheCeiling() async throws {
        for manifest in try await SampleBuild.shared.manifests() {
            for slot in manifest.slots {
                let audio = try AudioFile.read(try await file(manifest.station.code, "\(slot.id).wav"))
                let measured = Loudness.measure(samples: audio.samples, sampleRate: audio.sampleRate, channels: 1)
                #expect(abs(measured.integratedLUFS - target) <= 0.5, "\(manifest.station.code)/\(slot.id): \(measured.integratedLUFS) LUFS")
                #expect(measured.truePeakDBTP <= ceiling, "\(manifest.station.code)/\(slot.id): \(measured.truePeakDBTP) dBTP")
                #expect(abs(slot.loudnessLufs - measured.integratedLUFS) <= 0.5, "manifest says \(slot.loudnessLufs)")
                #expect(measured.samplePeakDBFS < 0, "clipped")
            }
        }
    }

    @Test func mp3DecodesToTheManifestsTimeline() async throws {
        let manifest = try #require(try await SampleBuild.shared.manifests().first { $0.station.code == "TL" })
        for slot in manifest.slots {
            let entry = try #require(slot.files.first { $0.format == "mp3" })
            let mp3 = try AudioFile.read(try await file("TL", entry.path))
            let wav = try AudioFile.read(try await file("TL", slot.file))
            #expect(mp3.sampleRate == slot.sampleRate)
            let mp3Ms = Double(mp3.frames) * 1000 / Double(mp3.sampleRate)
            #expect(abs(mp3Ms - Double(slot.durationMs)) <= 50, "\(slot.id): MP3 \(mp3Ms) ms, manifest \(slot.durationMs) ms")
            // Every item's sound starts where the manifest says (±50 ms) in the decoded stream.
            for item in slot.items {
                let onset = firstSound(in: mp3.samples, from: max(0, (item.startMs - 200) * mp3.sampleRate / 1000), rate: mp3.sampleRate)
                let onsetMs = onset * 1000 / mp3.sampleRate
                #expect(abs(onsetMs - item.startMs) <= 50, "\(slot.id)/\(item.id): sound at \(onsetMs) ms, manifest \(item.startMs) ms")
            }
            let measured = Loudness.measure(samples: mp3.samples, sampleRate: mp3.sampleRate, channels: 1)
            #expect(abs(measured.integratedLUFS - target) <= 1.0, "\(slot.id): MP3 at \(measured.integratedLUFS) LUFS")
            #expect(measured.truePeakDBTP <= ceiling, "\(slot.id): MP3 true peak \(measured.truePeakDBTP) dBTP")
            // The stream is the master, encoded: same length to the sample.
            #expect(mp3.frames == wav.frames)
        }
    }

    /// First frame at or after `from` whose 5 ms window is above −40 dBFS.
    func firstSound(in samples: [Float], from: Int, rate: Int) -> Int {
        let window = rate / 200
        var index = from
        while index + window < samples.count {
            if Level.rmsDBFS(Array(samples[index..<index + window])) > -40 { return index }
            index += window / 2
        }
        return samples.count
    }

    @Test func mastersCarryBextAndACuePerItem() async throws {
        let manifest = try #require(try await SampleBuild.shared.manifests().first { $0.station.code == "PD" })
        let slot = manifest.slots[0]
        let tags = try AudioFile.readTags(try await file("PD", slot.file))
        let bext = try #require(tags.broadcast)
        #expect(bext.originator == "Loa")
        #expect(bext.originationDate == "2021-09-24")
        #expect(bext.originationTime == "06:00:00")
        #expect(bext.description.contains("Phuong Dien"))
        #expect(bext.codingHistory.contains("A=PCM,F=22050"))
        let loudness = try #require(bext.loudnessValue)
        #expect(abs(loudness - slot.loudnessLufs) <= 0.05)
        #expect(try #require(bext.maxTruePeakLevel) <= ceiling + 0.05)
        #expect(tags.cues.map(\.label) == slot.items.map(\.id))
        for (cue, item) in zip(tags.cues, slot.items) {
            #expect(abs(cue.frame * 1000 / slot.sampleRate - item.startMs) <= 1)
        }
    }

    @Test func captionsAreOrderedInsideTheAudioAndShowTheWrittenText() async throws {
        let manifest = try #require(try await SampleBuild.shared.manifests().first { $0.station.code == "TL" })
        for slot in manifest.slots {
            let text = try String(contentsOf: try await file("TL", "\(slot.id).vtt"), encoding: .utf8)
            #expect(text.hasPrefix("WEBVTT\n"))
            let cues = text.components(separatedBy: "\n").filter { $0.contains(" --> ") }.map { line -> (Int, Int) in
                let parts = line.components(separatedBy: " --> ")
                return (milliseconds(parts[0]), milliseconds(parts[1]))
            }
            #expect(cues.count >= slot.items.count)
            var previousEnd = 0
            for (start, end) in cues {
                #expect(start >= previousEnd && end > start && end <= slot.durationMs)
                previousEnd = end
            }
            #expect(text.contains("Đây là Đài Truyền thanh xã Thiên Lộc."))
            #expect(text.contains("24/9/2021"), "captions show the sentence as written, not as spoken")
        }
    }

    func milliseconds(_ stamp: String) -> Int {
        let parts = stamp.split(whereSeparator: { $0 == ":" || $0 == "." }).compactMap { Int($0) }
        return ((parts[0] * 60 + parts[1]) * 60 + parts[2]) * 1000 + parts[3]
    }

    @Test func aBulletinAiredAtTwoStationsIsTheSameAudio() async throws {
        let manifests = try await SampleBuild.shared.manifests()
        let id = "2021-09-24-thong-diep-5k"
        var decoded: [(samples: [Float], start: Int, length: Int)] = []
        var encoded: [(bytes: Data, middleMs: Int)] = []
        for code in ["HT", "VL"] {
            let manifest = try #require(manifests.first { $0.station.code == code })
            let slot = try #require(manifest.slots.first { $0.items.contains { $0.id == id } })
            let item = try #require(slot.items.first { $0.id == id })
            let mp3 = try AudioFile.read(try await file(code, "\(slot.id).mp3"))
            decoded.append((mp3.samples, item.startMs * mp3.sampleRate / 1000, item.durationMs * mp3.sampleRate / 1000))
            encoded.append((try Data(contentsOf: try await file(code, "\(slot.id).mp3")), item.startMs + item.durationMs / 2))
        }
        // Bytes: 4 KB from the middle of the bulletin in one station's stream (48 kbps is 6
        // bytes a millisecond, after the ID3 tag) stand in the other station's stream too.
        let tag = 10 + Int(encoded[0].bytes[6]) << 21 + Int(encoded[0].bytes[7]) << 14
            + Int(encoded[0].bytes[8]) << 7 + Int(encoded[0].bytes[9])
        let middle = tag + encoded[0].middleMs * 6
        let chunk = encoded[0].bytes[middle..<middle + 4096]
        #expect(encoded[1].bytes.range(of: chunk) != nil, "the bulletin's encoded bytes differ between stations")
        // Manifest offsets are whole milliseconds; find the sample alignment, then compare.
        let length = min(decoded[0].length, decoded[1].length) - 50
        let reference = Array(decoded[0].samples[decoded[0].start + 25 ..< decoded[0].start + 25 + length])
        let matches = (0...50).contains { shift in
            let other = decoded[1].samples[decoded[1].start + shift ..< decoded[1].start + shift + length]
            return zip(reference, other).allSatisfy { abs($0 - $1) <= 1e-6 }  // decoder rounding only
        }
        #expect(matches, "the bulletin's encoded audio differs between stations")
    }
}
