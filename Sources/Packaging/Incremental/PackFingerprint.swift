import Crypto
import Foundation
import Programme

/// The SHA-256 of everything a station's pack is written from: the station, the writer's
/// settings (date, formats, output settings, engine, signing key, Loa's build), and its
/// plan, each item with the content names of its takes (`TakeStore.contentName`), which
/// stand for the takes' bytes.
///
/// Two builds that give a station the same fingerprint write the same files, byte for byte
/// (the build is deterministic); so the second keeps the first's pack instead of writing it
/// again. Anything `StationPackWriter` comes to read must be added here, and
/// `BuildRecord.currentVersion` bumped.
enum PackFingerprint {
    static func of(_ plan: StationPlan, writer: StationPackWriter, identity: String,
                   contentName: (TakeKey) throws -> String) throws -> String {
        var hash = SHA256()
        func add(_ text: String) { hash.update(data: Data((text + "\n").utf8)) }
        let province = writer.province, station = plan.station
        add("loa pack \(BuildRecord.currentVersion)")
        add(identity)
        add("date \(writer.date) espeak-ng \(writer.espeakVersion) assembly \(writer.assembly.rawValue) key \(writer.seal.signingKeyName)")
        add("station \(station.code)\t\(station.name)\t\(station.kind.rawValue)\t\(station.districtCode)\t"
            + (province.district(code: station.districtCode)?.name ?? ""))
        add("formats \(province.formats(for: station).map(\.rawValue).joined(separator: ","))")
        let output = province.output
        add("output \(output.sampleRate) \(output.loudnessLUFS.bitPattern) \(output.truePeakDBTP.bitPattern) "
            + "\(output.mp3BitrateKbps) \(output.mp3Quality)")
        for programme in plan.programmes {
            let slot = programme.slot
            add("slot \(slot.id)\t\(slot.startMinute)\t\(slot.maxMs)\t\(slot.minMs.map(String.init) ?? "-")\t\(slot.label)")
            add("frames \(programme.totalFrames) deferred \(programme.deferred.joined(separator: "\t"))")
            for item in programme.items {
                let segment = item.segment
                add("item \(item.startFrame)\t\(segment.kind.rawValue)\t\(segment.id)\t\(segment.voice)\t\(segment.frames)\t\(segment.gapAfterFrames)")
                add("title \(segment.title)")
                add("spoken \(segment.spokenText)")
                for (key, caption) in zip(segment.takes, segment.captions) {
                    add("take \(try contentName(key))\t\(caption)")
                }
            }
        }
        add("not-aired \(plan.notAired.joined(separator: "\t"))")
        return Checksum.hex(hash.finalize())
    }
}
