import Foundation
import Packaging
import Programme

/// The days a station already has in its folder (`DIR/<date>/`), newest first: where a file
/// whose checksum has not changed is taken from instead of the network.
struct InstalledDays {
    let folder: URL
    /// Where each SHA-256 the installed manifests name lies, newest day first: read once,
    /// not once per file fetched.
    private let candidates: [String: [URL]]

    init(folder: URL) {
        self.folder = folder
        var candidates: [String: [URL]] = [:]
        for date in Self.dates(in: folder) {
            let day = folder.appendingPathComponent(date)
            guard let manifest = try? JSONFile.read(StationManifest.self, from: day.appendingPathComponent("manifest.json")) else {
                continue
            }
            for entry in manifest.slots.flatMap(\.files) {
                candidates[entry.sha256, default: []].append(day.appendingPathComponent(entry.path))
            }
        }
        self.candidates = candidates
    }

    /// Date-named folders, newest first.
    var dates: [String] { Self.dates(in: folder) }

    static func dates(in folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { CalendarDate(iso: $0) != nil }
            .sorted(by: >)
    }

    /// A local file with this SHA-256, checked by hashing it (a file damaged on the station's
    /// disk is not reused).
    func file(withSHA256 sha256: String) -> URL? {
        candidates[sha256]?.first { (try? Checksum.sha256(file: $0)) == sha256 }
    }

    /// Removes the oldest days so that `keep` remain.
    func prune(keep: Int) -> [String] {
        let old = Array(dates.dropFirst(max(1, keep)))
        for date in old { try? FileManager.default.removeItem(at: folder.appendingPathComponent(date)) }
        return old
    }
}
