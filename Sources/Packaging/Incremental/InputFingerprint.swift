import Crypto
import Foundation
import Programme

/// The SHA-256 of everything a day's build of every station reads, as bytes: `loa.yaml`, the
/// approvals file, every file under `Bulletins/` (the staff lexicon included) and `Voices/`
/// (profiles and Loa's speech data sources), the jingles, with the date, the options, the
/// signing key's id, the engine's version and the build of Loa.
///
/// The same fingerprint means the same day, byte for byte (the build is deterministic), so a
/// build that finds it recorded beside a whole day has nothing to do: how `loa watch` and a
/// cron job can build "again" for free. It errs on the side of building: any byte changed
/// in those folders counts, read or not (a README, a file in a `_` folder).
enum InputFingerprint {
    static func of(options: DayBuildOptions, province: Province, engineVersion: String, signingKey: String,
                   identity: String) -> String {
        var hash = SHA256()
        func add(_ text: String) { hash.update(data: Data((text + "\n").utf8)) }
        func addFile(_ url: URL, as name: String) {
            add("file \(name)")
            if let bytes = FileManager.default.contents(atPath: url.path) {
                add("bytes \(bytes.count)")
                hash.update(data: bytes)
            } else {
                add("missing")
            }
        }
        func addFolder(_ folder: URL, as name: String) {
            add("folder \(name)")
            for path in (FileManager.default.subpaths(atPath: folder.path) ?? []).sorted() {
                let url = folder.appendingPathComponent(path)
                var isFolder: ObjCBool = false
                guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue else { continue }
                addFile(url, as: "\(name)/\(path)")
            }
        }
        add("loa day inputs \(BuildRecord.currentVersion)")
        add(identity)
        add("espeak-ng \(engineVersion)")
        add("date \(options.date)")
        add("formats \(options.formats.map { $0.map(\.rawValue).joined(separator: ",") } ?? "configured")")
        add("assembly \(options.assembly.rawValue)")
        add("signing \(signingKey)")
        let configFolder = options.config.deletingLastPathComponent()
        addFile(options.config, as: "loa.yaml")
        addFile(ApprovalBook.file(of: province, configFolder: configFolder), as: "approvals")
        for jingle in [province.output.openingJingle, province.output.closingJingle].compactMap({ $0 }) {
            addFile(configFolder.appendingPathComponent(jingle), as: "jingle \(jingle)")
        }
        addFolder(options.bulletins, as: "Bulletins")
        addFolder(options.voices, as: "Voices")
        return Checksum.hex(hash.finalize())
    }
}
