import ArgumentParser
import Foundation
import Packaging
import Programme

/// `loa build --date YYYY-MM-DD`: the day's programmes for every station.
struct BuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build every station's programmes for one broadcast day.",
        discussion: """
            Exit status: 0 all built; 1 built, but bulletins were skipped or not aired, or a station \
            failed (listed); 2 nothing built: bad configuration, voices or options; 3 nothing built: \
            the output could not be written; 64 bad command line; 130 interrupted. Whenever \
            nothing is built, Output/<date> is left as it was.
            """)

    @Option(help: "Broadcast day, YYYY-MM-DD.")
    var date: String

    @OptionGroup var folders: ProvinceFolders

    @Option(help: "Folder the day's packs are written to.")
    var output = "Output"

    @Option(help: "Only these stations (comma-separated codes).")
    var stations: String?

    @Option(help: "Formats for every station, overriding loa.yaml (comma-separated: wav, mp3, vtt).")
    var formats: String?

    @Option(help: "segments: encode each distinct take once and join (default); whole: render and encode each programme whole (benchmark baseline).")
    var assembly = "segments"

    @Flag(help: "Write packs without signatures (manifests say \"unsigned\"; stations' loa fetch refuses them).")
    var unsigned = false

    @Option(help: "Folder takes are kept in between builds (default: .loa-cache/takes beside loa.yaml).")
    var takeCache: String?

    @Flag(help: "Make every take afresh; neither read nor write the take cache.")
    var noTakeCache = false

    @Option(help: "Size bound of the take cache, in GB (least recently used takes are removed past it).")
    var takeCacheLimit: Double = Double(TakeCache.defaultLimitBytes) / 1e9

    @Flag(help: "Build even when nothing changed since the day was built (otherwise such a build writes nothing).")
    var force = false

    @Flag(help: "Print only problems (for cron): no progress, no summary when all went well.")
    var quiet = false

    func run() async throws {
        guard let day = CalendarDate(iso: date) else {
            throw ValidationError("--date '\(date)' is not a real date; expected YYYY-MM-DD, e.g. 2021-09-24")
        }
        guard let assembly = Assembly(rawValue: assembly) else {
            throw ValidationError("--assembly should be segments or whole")
        }
        var formatList: [OutputFormat]?
        if let formats {
            formatList = try formats.split(separator: ",").map { name in
                guard let format = OutputFormat(rawValue: name.trimmingCharacters(in: .whitespaces).lowercased()) else {
                    throw ValidationError("--formats: '\(name)' is not one of wav, mp3, vtt")
                }
                return format
            }
            guard formatList?.isEmpty == false else {
                throw ValidationError("--formats names no format; give one or more of wav, mp3, vtt, e.g. --formats mp3")
            }
        }
        var options = DayBuildOptions(date: day, config: URL(fileURLWithPath: folders.config),
                                      bulletins: URL(fileURLWithPath: folders.bulletins),
                                      voices: URL(fileURLWithPath: folders.voices), output: URL(fileURLWithPath: output),
                                      stations: stations.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } },
                                      formats: formatList, assembly: assembly, signing: unsigned ? .unsigned : .configured)
        options.force = force
        if !noTakeCache {
            options.takeCache = takeCache.map { URL(fileURLWithPath: $0) } ?? DayBuildOptions.defaultTakeCache(config: options.config)
            options.takeCacheLimitBytes = Int64(takeCacheLimit * 1e9)
        }
        InterruptHandler.install()
        var build = DayBuild(options: options, onWait: { message in
            FileHandle.standardError.write(Data("loa: \(message)\n".utf8))
        })
        let quiet = self.quiet
        let display = quiet ? nil : ProgressDisplay()
        build.progress = display?.progress
        build.onPlan = { bytes, free in
            guard !quiet else { return }
            let line = String(format: "loa: writing about %.2f GB of packs", Double(bytes) / 1e9)
                + (free.map { String(format: " (%.1f GB free)", Double($0) / 1e9) } ?? "")
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
        let report = await build.run()
        display?.stop()
        if quiet {
            BuildSummary.printProblems(report)
        } else {
            BuildSummary.print(report, date: day)
        }
        if report.outcome != .complete { throw ExitCode(report.outcome.rawValue) }
    }
}
