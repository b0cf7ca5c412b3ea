import ArgumentParser
import Foundation
import Packaging
import Programme

/// `loa check [FILE…] [--date D] [--json]`: what the build would say about the bulletins,
/// without writing any audio.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Say what the build would do with the bulletins, without writing any audio.",
        discussion: """
            For each bulletin (or each FILE given): the problems with it, its approval, what the \
            normalizer could not read, and for the date the stations and slots it airs in with its \
            spoken length, or where it is deferred or not aired. Nothing is written but a scratch \
            spool in the temporary folder. Exit status: 0 all fine; 1 some bulletin has an error, is \
            not aired, or a station would fail; 2 bad configuration, voices or options.
            """)

    @Argument(help: "Bulletin files to check (default: every file in the bulletins folder).")
    var files: [String] = []

    @Option(help: "Broadcast day, YYYY-MM-DD (default: today).")
    var date: String?

    @OptionGroup var folders: ProvinceFolders

    @Flag(help: "Print the report as JSON, for tools.")
    var json = false

    func run() async throws {
        let day: CalendarDate
        if let date {
            guard let parsed = CalendarDate(iso: date) else {
                throw ValidationError("--date '\(date)' is not a real date; expected YYYY-MM-DD, e.g. 2021-09-24")
            }
            day = parsed
        } else {
            let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
            day = CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)!
        }
        let check = BulletinCheck(date: day, config: URL(fileURLWithPath: folders.config), bulletins: URL(fileURLWithPath: folders.bulletins),
                                  voices: URL(fileURLWithPath: folders.voices), files: files)
        let report = await check.run()
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            FileHandle.standardOutput.write(try encoder.encode(report) + Data("\n".utf8))
        } else {
            CheckSummary.print(report)
        }
        if report.exitStatus != 0 { throw ExitCode(report.exitStatus) }
    }
}
