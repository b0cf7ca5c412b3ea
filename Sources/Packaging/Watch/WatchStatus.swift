import Foundation

/// `Output/.loa-watch.json`: what `loa watch` has done lately and what is wrong now, for
/// the people who drop the files: the days page of `loa serve` shows it (a hidden file,
/// never served itself). Rewritten whole after each event.
public struct WatchStatus: Codable, Sendable, Hashable {
    public struct Event: Codable, Sendable, Hashable {
        /// Local time, `2021-09-24 10:31:05`.
        public var time: String
        /// The day built, if the event was a build.
        public var date: String?
        /// The files that changed (`+ added`, `~ changed`, `- removed`).
        public var changes: [String]
        /// One line: what was rebuilt, or why not.
        public var summary: String
        /// Programmes rewritten, as `STATION/slot`.
        public var programmes: [String]
        /// Problems the build found (bad files), as the build prints them.
        public var problems: [String]
    }

    public static let fileName = ".loa-watch.json"
    /// Events kept, newest last.
    public static let keptEvents = 40

    public var updated: String
    public var events: [Event]
    /// The latest build's problems, by day.
    public var problems: [String: [String]]

    public init(updated: String = "", events: [Event] = [], problems: [String: [String]] = [:]) {
        self.updated = updated
        self.events = events
        self.problems = problems
    }

    public static func read(from data: Data) -> WatchStatus? {
        let decoder = JSONDecoder()
        return try? decoder.decode(WatchStatus.self, from: data)
    }

    func write(in output: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try encoder.encode(self).write(to: output.appendingPathComponent(Self.fileName), options: .atomic)
    }
}
