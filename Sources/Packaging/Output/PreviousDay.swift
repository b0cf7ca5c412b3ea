import Foundation
import Programme

/// The day a build is about to replace, whose station packs it keeps where it makes none:
/// stations not selected with `--stations`, and stations this build failed for.
struct PreviousDay {
    let folder: URL
    let index: DayIndex?

    /// Reads `Output/<date>/index.json`, if there is a day.
    init(folder: URL) {
        self.folder = folder
        index = try? JSONFile.read(DayIndex.self, from: folder.appendingPathComponent("index.json"))
    }

    /// The previous build's entry for `code`.
    func entry(for code: String) -> DayIndex.StationEntry? {
        index?.stations.first { $0.code == code }
    }

    /// The station's previous manifest, if it reads.
    func manifest(for code: String) -> StationManifest? {
        try? JSONFile.read(StationManifest.self, from: folder.appendingPathComponent(code).appendingPathComponent("manifest.json"))
    }

    /// Puts the station's previous pack into `staging` (hard links: packs are written once and
    /// never changed in place, so old and new day may share the files) and returns its entry;
    /// nil when there is no complete pack to keep (every file its manifest names present, of
    /// the size it gives).
    func keep(_ code: String, in staging: URL) throws -> DayIndex.StationEntry? {
        guard let entry = entry(for: code) else { return nil }
        let fileManager = FileManager.default
        let source = folder.appendingPathComponent(code), target = staging.appendingPathComponent(code)
        guard let manifest = try? JSONFile.read(StationManifest.self, from: source.appendingPathComponent("manifest.json")),
              manifest.slots.flatMap(\.files).allSatisfy({ file in
                  // Present, and as long as the manifest says (when it says).
                  guard let size = (try? fileManager.attributesOfItem(atPath: source.appendingPathComponent(file.path).path))?[.size] as? Int
                  else { return false }
                  return file.bytes.map { $0 == size } ?? true
              }) else { return nil }
        try fileManager.createDirectory(at: target, withIntermediateDirectories: false)
        for name in try fileManager.contentsOfDirectory(atPath: source.path) {
            let from = source.appendingPathComponent(name), to = target.appendingPathComponent(name)
            do {
                try fileManager.linkItem(at: from, to: to)
            } catch {
                try fileManager.copyItem(at: from, to: to)
            }
        }
        return entry
    }
}
