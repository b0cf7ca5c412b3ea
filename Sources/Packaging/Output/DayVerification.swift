import Foundation

/// Checks a day folder the way a station's download is checked: the index reads, each
/// station's manifest is there and matches its index entry, and every file each manifest
/// names is there with its checksum. An empty answer means the day is complete.
public enum DayVerification {
    /// Whether the day is whole as far as it can be told without reading the audio: the
    /// index and every manifest read, and every file they name is there with its size.
    /// What a build checks before it leaves a day as it is.
    public static func isWhole(_ day: URL) -> Bool {
        guard let index = try? JSONFile.read(DayIndex.self, from: day.appendingPathComponent("index.json")) else { return false }
        for entry in index.stations {
            guard let manifest = try? JSONFile.read(StationManifest.self, from: day.appendingPathComponent(entry.manifest)) else {
                return false
            }
            let folder = day.appendingPathComponent(entry.manifest).deletingLastPathComponent()
            for file in manifest.slots.flatMap(\.files) {
                let attributes = try? FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(file.path).path)
                guard let size = attributes?[.size] as? Int, file.bytes.map({ $0 == size }) ?? true else { return false }
            }
        }
        return true
    }


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
