import Audio
import Foundation
import Programme

/// Writes one station's programme files (WAV master, MP3, captions) and its manifest.
struct StationPackWriter: Sendable {
    var province: Province
    var date: CalendarDate
    var espeakVersion: String
    var assembly: Assembly
    var seal: PackSeal

    func write(plan: StationPlan, takes: TakeStore, to folder: URL) throws -> StationManifest {
        let rate = province.output.sampleRate
        func ms(_ frames: Int) -> Int { frames * 1000 / rate }
        let station = plan.station
        let district = province.district(code: station.districtCode)
        let formats = province.formats(for: station)
        var slots: [StationManifest.SlotEntry] = []
        for programme in plan.programmes {
            let timeline = ProgrammeTimeline(programme, takes: takes)
            let title = "\(station.kind.rawValue.capitalized) \(station.name) — \(programme.slot.label), \(date)"
            // Loudness, range and true peak from the takes' measurements (gating blocks, peaks).
            var loudness = (lufs: timeline.loudnessLUFS, truePeak: timeline.truePeakDBTP, range: timeline.loudnessRangeLU)
            var files: [StationManifest.FileEntry] = []
            // The baseline renders each programme whole and measures it whole.
            let pcm = assembly == .whole ? try timeline.pcm() : nil
            if let pcm {
                let measured = Loudness.measure(samples: pcm, sampleRate: rate, channels: 1)
                loudness = (measured.integratedLUFS, measured.truePeakDBTP, measured.loudnessRangeLU)
            }
            for format in formats {
                let name = "\(programme.slot.id).\(format.rawValue)"
                let url = folder.appendingPathComponent(name)
                // Files built in memory are hashed there; files libsndfile writes are read back.
                let sha256: String
                switch format {
                case .wav where assembly == .whole:
                    try AudioFile.writeBWF(pcm!, sampleRate: rate, info: broadcastInfo(programme, title: title, loudness: loudness),
                                           cues: cues(timeline), to: url)
                    sha256 = try Checksum.sha256(file: url)
                case .wav:
                    // Streamed from the takes' PCM, like the MP3: header, takes, silences.
                    let header = try AudioFile.broadcastWaveHeader(
                        frames: programme.totalFrames, sampleRate: rate,
                        info: broadcastInfo(programme, title: title, loudness: loudness), cues: cues(timeline))
                    sha256 = try ProgrammeFile.write(timeline.wavPieces(header: header), to: url)
                case .mp3 where assembly == .whole:
                    try AudioFile.writeMP3(pcm!, sampleRate: rate, bitrateKbps: province.output.mp3BitrateKbps, title: title, to: url)
                    sha256 = try Checksum.sha256(file: url)
                case .mp3:
                    sha256 = try ProgrammeFile.write(timeline.mp3Pieces(title: title), to: url)
                case .vtt:
                    let bytes = Data(Captions.webVTT(timeline, sampleRate: rate).utf8)
                    try bytes.write(to: url, options: .atomic)
                    sha256 = Checksum.sha256(bytes)
                }
                let bytes = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? nil
                files.append(.init(path: name, format: format.rawValue, sha256: sha256, durationMs: ms(programme.totalFrames),
                                   bytes: bytes))
            }
            let sounds = timeline.itemSounds
            let items = programme.items.enumerated().map { index, item in
                StationManifest.Item(kind: item.segment.kind.rawValue, id: item.segment.id, title: item.segment.title,
                                     startMs: ms(sounds[index].start), durationMs: ms(sounds[index].end) - ms(sounds[index].start),
                                     textSha256: Checksum.sha256(item.segment.spokenText), voice: item.segment.voice,
                                     recordingSha256: recordingSHA256(item.segment))
            }
            let main = files.first { $0.format == "wav" } ?? files.first { $0.format == "mp3" } ?? files[0]
            slots.append(StationManifest.SlotEntry(
                id: programme.slot.id, start: programme.slot.startText, maxMs: programme.slot.maxMs,
                file: main.path, sampleRate: rate, durationMs: ms(programme.totalFrames), sha256: main.sha256,
                files: files, loudnessLufs: rounded(loudness.lufs), truePeakDbtp: rounded(loudness.truePeak),
                items: items, deferred: programme.deferred))
        }
        let manifest = StationManifest(
            schemaVersion: StationManifest.currentSchemaVersion, loaVersion: LoaVersion.current,
            espeakNgVersion: espeakVersion,
            station: .init(code: station.code, name: station.name, kind: station.kind.rawValue,
                           district: district?.name ?? station.districtCode),
            date: date.description, slots: slots, notAired: plan.notAired, signingKey: seal.signingKeyName)
        let written = try JSONFile.write(manifest, to: folder.appendingPathComponent("manifest.json"))
        try seal.sealStation(manifest: written, files: slots.flatMap(\.files).map { ($0.path, $0.sha256) },
                             station: station.code, date: date.description, in: folder)
        return manifest
    }

    /// The SHA-256 of the sound file a recorded bulletin airs, else nil.
    func recordingSHA256(_ segment: Segment) -> String? {
        for take in segment.takes { if case .recording(let cut) = take.source { return cut.sha256 } }
        return nil
    }

    /// Loudness figures to two decimals, so manifests stay readable and stable.
    func rounded(_ value: Double) -> Double { value.isFinite ? (value * 100).rounded() / 100 : -99 }

    /// A cue marker at the start of each item's sound, labelled with the item's id.
    func cues(_ timeline: ProgrammeTimeline) -> [CueMarker] {
        zip(timeline.programme.items, timeline.itemSounds).enumerated().map { index, pair in
            CueMarker(id: index + 1, frame: pair.1.start, label: pair.0.segment.id)
        }
    }

    func broadcastInfo(_ programme: SlotProgramme, title: String,
                       loudness: (lufs: Double, truePeak: Double, range: Double)) -> BroadcastInfo {
        let rate = province.output.sampleRate
        return BroadcastInfo(
            description: title, originator: "Loa", originatorReference: "loa-\(date)-\(programme.slot.id)",
            originationDate: date.description, originationTime: programme.slot.startText + ":00",
            timeReference: UInt64(programme.slot.startMinute) * 60 * UInt64(rate),
            codingHistory: "A=PCM,F=\(rate),W=16,M=mono,T=Loa \(LoaVersion.current) espeak-ng \(espeakVersion)\r\n",
            loudness: LoudnessReport(integratedLUFS: loudness.lufs, loudnessRangeLU: loudness.range,
                                     truePeakDBTP: loudness.truePeak, samplePeakDBFS: loudness.truePeak,
                                     maxMomentaryLUFS: -.infinity, maxShortTermLUFS: -.infinity),
            title: title)
    }
}
