import Foundation
import Signing

/// How a day's packs are signed.
public enum PackSigning: Sendable {
    /// With the key `loa.yaml` names (`signing: key:`); a build without one is an error.
    case configured
    /// With this key (tools and tests).
    case key(DepartmentSecretKey)
    /// Not at all: only when asked for (`loa build --unsigned`). Manifests and the index say
    /// `"signing_key": "unsigned"`, and stations' `loa fetch` refuses such packs.
    case unsigned
}

/// Seals a station pack or a day index: `SHA256SUMS` (for `sha256sum -c`) and a minisign
/// signature of the manifest, so a station can prove the pack came from the department
/// unchanged, with Loa or with the stock `minisign -V`.
///
/// The manifest names every file with its SHA-256, so its signature covers them all; the
/// trusted comment binds it to its station and day, so a signature cannot be moved to
/// another station's or another day's manifest.
public struct PackSeal: Sendable {
    public let key: DepartmentSecretKey?

    public init(key: DepartmentSecretKey?) { self.key = key }

    /// What manifests record: the key id, or `unsigned`.
    public var signingKeyName: String { key.map { "\($0.keyID)" } ?? Self.unsignedName }
    public static let unsignedName = "unsigned"

    public static let sumsName = "SHA256SUMS"
    public static let signatureSuffix = ".minisig"

    /// The trusted comment of a station's manifest signature.
    public static func manifestComment(station: String, date: String) -> String {
        "loa pack station=\(station) date=\(date) file=manifest.json"
    }

    /// The trusted comment of a day index signature.
    public static func indexComment(date: String) -> String { "loa index date=\(date) file=index.json" }

    /// Writes `SHA256SUMS` (the manifest and every file it names, sorted by name) and, when a
    /// key is set, `manifest.json.minisig`, into the station's `folder`.
    func sealStation(manifest: Data, manifestName: String = "manifest.json", files: [(path: String, sha256: String)],
                     station: String, date: String, in folder: URL) throws {
        try Data(Self.sums(manifest: manifest, files: files).utf8)
            .write(to: folder.appendingPathComponent(Self.sumsName), options: .atomic)
        try sign(manifest, comment: Self.manifestComment(station: station, date: date),
                 to: folder.appendingPathComponent(manifestName + Self.signatureSuffix))
    }

    /// `SHA256SUMS` of a pack: the manifest and every file it names, sorted by name, in
    /// `sha256sum` format. A station re-derives it from the verified manifest.
    public static func sums(manifest: Data, manifestName: String = "manifest.json",
                            files: [(path: String, sha256: String)]) -> String {
        ([(manifestName, Checksum.sha256(manifest))] + files.map { ($0.path, $0.sha256) })
            .sorted { $0.0 < $1.0 }
            .map { "\($0.1)  \($0.0)\n" }
            .joined()
    }

    /// Writes `index.json.minisig` beside the day's index, when a key is set.
    func sealIndex(_ index: Data, date: String, in day: URL) throws {
        try sign(index, comment: Self.indexComment(date: date),
                 to: day.appendingPathComponent("index.json" + Self.signatureSuffix))
    }

    private func sign(_ data: Data, comment: String, to url: URL) throws {
        guard let key else { return }
        let signature = try key.sign(data, trustedComment: comment)
        try Data(signature.text.utf8).write(to: url, options: .atomic)
    }
}
