import ArgumentParser
import Foundation
import Packaging
import Programme

/// What `loa watch` (and `loa serve --watch`) watches and how it builds.
struct WatchSettings: ParsableArguments {
    @OptionGroup var folders: ProvinceFolders

    @Option(name: .customLong("date"), help: "Build this day (repeatable) instead of today and the days after.")
    var dates: [String] = []

    @Option(help: "Days to build, from today: 2 is today and tomorrow.")
    var days = 2

    @Option(help: "Seconds between looks at the files.")
    var interval = 2.0

    @Option(help: "Seconds a change must have stopped changing before a build (files being saved are not read half-written).")
    var settle = 3.0

    @Option(help: "Folder takes are kept in between builds (default: .loa-cache/takes beside loa.yaml).")
    var takeCache: String?

    @Flag(help: "Write packs without signatures.")
    var unsigned = false

    func options(output: String) throws -> WatchOptions {
        let parsed = try dates.map { text -> CalendarDate in
            guard let date = CalendarDate(iso: text) else { throw ValidationError("--date '\(text)' is not a real date; expected YYYY-MM-DD") }
            return date
        }
        guard days >= 1, interval > 0, settle >= 0 else { throw ValidationError("--days, --interval and --settle must be positive") }
        let config = URL(fileURLWithPath: folders.config)
        var build = DayBuildOptions(date: parsed.first ?? CalendarDate(year: 2000, month: 1, day: 1)!, config: config,
                                    bulletins: URL(fileURLWithPath: folders.bulletins), voices: URL(fileURLWithPath: folders.voices),
                                    output: URL(fileURLWithPath: output), signing: unsigned ? .unsigned : .configured)
        build.takeCache = takeCache.map { URL(fileURLWithPath: $0) } ?? DayBuildOptions.defaultTakeCache(config: config)
        var options = WatchOptions(build: build)
        options.dates = parsed.isEmpty ? nil : parsed
        options.days = days
        options.interval = interval
        options.settle = settle
        return options
    }
}

/// `loa watch`: rebuilds the days watched whenever bulletins, `loa.yaml`, the approvals or the
/// voices change, and logs what each rebuild changed.
struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Rebuild today's and tomorrow's programmes whenever bulletins, loa.yaml or voices change.",
        discussion: """
            Looks at the files every --interval seconds; once a change has stopped changing for \
            --settle seconds, rebuilds the days watched (only the stations whose programmes \
            changed are written; the others keep their files byte for byte) and swaps each day \
            in whole. Logs each event with the stations and slots it changed, and the problems \
            found (bad files never stop it); the same goes to Output/.loa-watch.json, which the \
            pages of `loa serve` show. Started again, it picks up what changed while it was down.
            """)

    @OptionGroup var settings: WatchSettings

    @Option(help: "Folder the day's packs are written to.")
    var output = "Output"

    func run() async throws {
        let options = try settings.options(output: output)
        InterruptHandler.install()
        let watcher = DayWatcher(options: options, log: WatchLog.line)
        WatchLog.line("watching \(settings.folders.config), \(settings.folders.bulletins)/, \(settings.folders.voices)/ → \(output)/ "
            + (options.dates.map { "for \($0.map(\.description).joined(separator: ", "))" } ?? "for today and the next \(options.days - 1) day(s)"))
        await watcher.run()
    }
}

/// Log lines of `loa watch` on standard error, each with the local time.
enum WatchLog {
    @Sendable static func line(_ text: String) {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        FileHandle.standardError.write(Data("\(formatter.string(from: Date())) loa watch: \(text)\n".utf8))
    }
}
