import Foundation

/// Checks a day folder the way a station's download is checked: the index reads, each
/// station's manifest is there and matches its index entry, and every file each manifest
/// names is there with its checksum. An empty answer means the day is complete.
public enum DayVerification {
    public static func problems(in day: URL) -> [String] {
        let index: DayIndex
        do {
            index = try JSONFile.read(DayIndex.self, from: day.appendingPathComponent("index.json"))
        } catch {
            return ["index.json: cannot be read (\(error))"]
        }
        var problems: [String] = []
        for entry in index.stations {
            let manifest: StationManifest
            do {
                manifest = try JSONFile.read(StationManifest.self, from: day.appendingPathComponent(entry.manifest))
            } catch {
                problems.append("\(entry.manifest): cannot be read (\(error))")
                continue
            }
            if manifest.station.code != entry.code || manifest.date != index.date {
                problems.append("\(entry.manifest): is for \(manifest.station.code) on \(manifest.date), the index says \(entry.code) on \(index.date)")
            }
            let folder = day.appendingPathComponent(entry.manifest).deletingLastPathComponent()
            for slot in manifest.slots {
                for file in slot.files {
                    let path = "\(entry.code)/\(file.path)"
                    guard let sha256 = try? Checksum.sha256(file: folder.appendingPathComponent(file.path)) else {
                        problems.append("\(path): missing")
                        continue
                    }
                    if sha256 != file.sha256 { problems.append("\(path): checksum differs from the manifest") }
                }
                if let listed = entry.slots.first(where: { $0.id == slot.id }), listed.sha256 != slot.sha256 {
                    problems.append("\(entry.code)/\(slot.file): index and manifest disagree")
                }
            }
        }
        return problems
    }
}
