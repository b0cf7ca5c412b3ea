import Foundation

/// `Output/<date>/.loa-build.json`: what the build that made the day was made from, so the
/// next build can tell what changed.
///
/// - `inputs`: the fingerprint of everything a build of every station read (`InputFingerprint`);
///   when the next build's is the same and the day is whole, it has nothing to do.
/// - `stations`: each station's pack fingerprint (`PackFingerprint`); a station whose plan
///   gives the same one keeps its pack as it is (hard links), byte for byte, so `loa fetch`
///   moves nothing for it.
///
/// A hidden file: `loa serve` does not serve it, and no manifest names it.
struct BuildRecord: Codable, Sendable, Hashable {
    struct StationPack: Codable, Sendable, Hashable {
        var code: String
        var fingerprint: String
    }

    /// Bumped when what the fingerprints cover changes.
    static let currentVersion = 1
    static let fileName = ".loa-build.json"

    var version = BuildRecord.currentVersion
    /// Set only by a build of every station.
    var inputs: String?
    /// The exit status that build had (the day it made is reported the same way again).
    var outcome: Int32
    var stations: [StationPack]

    func fingerprint(of code: String) -> String? { stations.first { $0.code == code }?.fingerprint }

    /// The record of the day in `folder`, if it has one this version of Loa wrote.
    static func read(in folder: URL) -> BuildRecord? {
        guard let record = try? JSONFile.read(BuildRecord.self, from: folder.appendingPathComponent(fileName)),
              record.version == currentVersion else { return nil }
        return record
    }

    func write(in folder: URL) throws {
        try JSONFile.write(self, to: folder.appendingPathComponent(Self.fileName))
    }
}
