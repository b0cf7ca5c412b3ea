import Foundation

/// `Output/<date>/.loa-build-run.json`: how the build that made the day went: when it
/// finished, where the time went, what came from the take cache, which programmes it
/// wrote and which stations it kept as they were.
///
/// Kept apart from `report.json` because none of it follows from the inputs alone (a warm
/// cache, an earlier day, a busy machine change it): two builds of the same inputs give the
/// same day but not the same run. Written into the staging folder and swapped in with the
/// day, so it is always the run of the day beside it. A hidden file: `loa serve` shows it
/// on the report page but does not serve it, no manifest names it, and the tests that
/// compare days byte for byte leave it out.
public struct BuildRun: Codable, Sendable, Hashable {
    public static let fileName = ".loa-build-run.json"

    public struct Stage: Codable, Sendable, Hashable {
        /// `reading`, `speech`, `takes`, `packs` (as `StageTimer` names them).
        public var stage: String
        public var seconds: Double
    }

    /// Local time the day was written, `2021-09-24 10:31:05`.
    public var finished: String
    /// Wall-clock seconds of each stage up to the day's swap (the swap and the cache's
    /// clean-up come after the file is written and are only in the console summary).
    public var stages: [Stage]
    /// Stations this build was asked to build (all, unless `--stations`).
    public var built: [String]
    /// Stations whose packs were kept byte for byte (their programmes did not change).
    public var keptUnchanged: [String]
    /// Programme files (station × slot) written.
    public var rewrittenProgrammes: Int
    /// Programmes whose files differ from the day's before, as `STATION/slot`.
    public var changedProgrammes: [String]
    /// Sentences and jingles synthesized, and takes mastered, by this build.
    public var synthesized: Int
    public var mastered: Int
    /// Take-cache hits, when the build had a cache: sound lengths and mastered takes found
    /// (the misses are `synthesized` and `mastered`), and damaged entries made again. The
    /// entries this build adds are put in place after the day is swapped in, so they are
    /// only in the console summary.
    public var cacheLengthsFound: Int?
    public var cacheTakesFound: Int?
    public var cacheDamaged: Int?

    /// The run `data` (the file's bytes) describes, if it reads.
    public static func read(from data: Data) -> BuildRun? {
        try? JSONFile.decode(BuildRun.self, from: data)
    }

    func write(in folder: URL) throws {
        try JSONFile.write(self, to: folder.appendingPathComponent(Self.fileName))
    }

    /// Now, as local time for people (the watch log's format).
    static func clock() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: Date())
    }
}
