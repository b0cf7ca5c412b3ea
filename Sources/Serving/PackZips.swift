import Foundation
import Packaging
import Synchronization
import ZIPFoundation

/// A station's whole pack as one `.zip` (entries stored, not recompressed: MP3 does not
/// shrink), for staff who download by hand.
///
/// Made once per pack content, from the files the request holds open (one build's pack,
/// whatever is renamed meanwhile), into a cache folder of the server's own, named by the
/// SHA-256 of the manifest; then served like any file (ETag, Range, so a broken download
/// resumes). A newer pack of the same station and day replaces the older zip.
final class PackZips: Sendable {
    let cache: URL
    private let making = Mutex<Set<String>>([])

    init(cache: URL) throws {
        self.cache = cache
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
    }

    /// The zip of the station pack in `folder` (`date`/`station`), made if needed.
    func zip(of folder: Folder, station: String, date: String) async throws -> OpenFile {
        let manifestData = try folder.read("manifest.json")
        let manifest = try JSONFile.decode(StationManifest.self, from: manifestData)
        let prefix = "\(date)-\(station)"
        let name = "\(prefix).\(Checksum.sha256(manifestData).prefix(16)).zip"
        let cacheFolder = OutputRoot(path: cache.path)
        if let made = try? cacheFolder.openFile([name]) { return made }
        // One maker per zip; a second request for the same zip waits for the first.
        while !making.withLock({ $0.insert(name).inserted }) {
            try await Task.sleep(for: .milliseconds(50))
        }
        defer { _ = making.withLock { $0.remove(name) } }
        if let made = try? cacheFolder.openFile([name]) { return made }

        // Every file of the pack, opened now: the zip is of this pack, whatever happens next.
        var names = ["manifest.json"]
        for extra in ["manifest.json.minisig", PackSeal.sumsName] where (try? folder.openFile(extra)) != nil {
            names.append(extra)
        }
        names += manifest.slots.flatMap(\.files).map(\.path)
        var files: [(String, OpenFile)] = []
        for entry in names { files.append((entry, try folder.openFile(entry))) }

        let partial = cache.appendingPathComponent(".\(name).\(UUID().uuidString.prefix(8)).partial")
        defer { try? FileManager.default.removeItem(at: partial) }
        let archive = try Archive(url: partial, accessMode: .create)
        let stamp = Date(timeIntervalSince1970: 0)
        for (entry, file) in files {
            let content: Data = entry == "manifest.json" ? manifestData : Data()
            try archive.addEntry(with: "\(prefix)/\(entry)", type: .file, uncompressedSize: Int64(file.size),
                                 modificationDate: stamp, permissions: 0o644, compressionMethod: .none) { position, size in
                if entry == "manifest.json" { return content.subdata(in: Int(position)..<Int(position) + size) }
                return Data(try file.read(at: Int(position), count: size))
            }
        }
        // Older zips of this station and day are of packs no longer served.
        for old in (try? FileManager.default.contentsOfDirectory(atPath: cache.path)) ?? []
        where old.hasPrefix(prefix + ".") && old.hasSuffix(".zip") {
            try? FileManager.default.removeItem(at: cache.appendingPathComponent(old))
        }
        guard rename(partial.path, cache.appendingPathComponent(name).path) == 0 else {
            throw OutputRoot.Failure.unreadable
        }
        return try cacheFolder.openFile([name])
    }
}
