import Audio
import Foundation
import Programme
import Speech

/// Writes one station's audio files and manifest for the day.
enum StationPackWriter {
    static func write(plan: StationPlan, district: District?, date: CalendarDate, clips: [ClipKey: Clip],
                      sampleRate: Int, espeakVersion: String, to folder: URL) throws -> StationManifest {
        func ms(_ frames: Int) -> Int { frames * 1000 / sampleRate }
        var slots: [StationManifest.SlotEntry] = []
        for programme in plan.programmes {
            let fileName = "\(programme.slot.id).wav"
            let url = folder.appendingPathComponent(fileName)
            let samples = ProgrammeRenderer.render(programme, clips: clips)
            try AudioFile.writeWAV(samples, sampleRate: sampleRate, to: url)
            let items = programme.items.map { item in
                StationManifest.Item(kind: item.segment.kind.rawValue, id: item.segment.id, title: item.segment.title,
                                     startMs: ms(item.startFrame), durationMs: ms(item.segment.frames),
                                     textSha256: Checksum.sha256(item.segment.clipKey.spokenText),
                                     voice: item.segment.voice)
            }
            slots.append(StationManifest.SlotEntry(
                id: programme.slot.id, start: programme.slot.startText, maxMs: programme.slot.maxMs,
                file: fileName, sampleRate: sampleRate, durationMs: ms(programme.totalFrames),
                sha256: try Checksum.sha256(file: url), items: items, deferred: programme.deferred))
        }
        let station = plan.station
        let manifest = StationManifest(
            schemaVersion: StationManifest.currentSchemaVersion, loaVersion: LoaVersion.current,
            espeakNgVersion: espeakVersion,
            station: .init(code: station.code, name: station.name, kind: station.kind.rawValue,
                           district: district?.name ?? station.districtCode),
            date: date.description, slots: slots, notAired: plan.notAired)
        try JSONFile.write(manifest, to: folder.appendingPathComponent("manifest.json"))
        return manifest
    }
}
