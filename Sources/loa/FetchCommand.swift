import ArgumentParser
import Fetching
import Foundation
import Programme
import Signing

/// `loa fetch`: the station's side. Meant for a timer each morning.
struct FetchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Download, verify and install a station's pack for a day.",
        discussion: """
            Checks the manifest's signature with the department's public key, downloads only \
            the files the station does not already have (resuming partial ones), checks every \
            file's SHA-256, and installs the day whole as DIR/<date>/, keeping the last --keep days. \
            Works against loa serve or any static web server of the Output folder. \
            Exit status: 0 installed or already up to date; 1 could not finish (nothing installed, \
            earlier days intact); 2 verification failed (tampered, wrong key, station or day): \
            nothing installed.
            """)

    @Option(help: "The department's server, e.g. http://loa.stttt.example.vn/ (the Output folder's URL).")
    var from: String

    @Option(help: "This station's code, as in the department's loa.yaml.")
    var station: String

    @Option(help: "Broadcast day, YYYY-MM-DD (default: today).")
    var date: String?

    @Option(help: "The station's folder of days.")
    var into: String

    @Option(help: "The department's public key (minisign .pub file).")
    var key: String

    @Option(help: "Days to keep in the folder, the new one included.")
    var keep = 7

    func run() async throws {
        guard let base = URL(string: from), let scheme = base.scheme, ["http", "https"].contains(scheme), base.host != nil else {
            throw ValidationError("--from '\(from)' is not an http:// or https:// address")
        }
        let day: CalendarDate
        if let date {
            guard let parsed = CalendarDate(iso: date) else {
                throw ValidationError("--date '\(date)' is not a real date; expected YYYY-MM-DD")
            }
            day = parsed
        } else {
            day = CalendarDate.today()
        }
        guard keep >= 1 else { throw ValidationError("--keep must be at least 1") }
        let publicKey: DepartmentPublicKey
        do {
            publicKey = try DepartmentPublicKey(contentsOf: URL(fileURLWithPath: key), display: key)
        } catch {
            FileHandle.standardError.write(Data("loa fetch: \(error.description)\n".utf8))
            throw ExitCode(2)
        }
        let progress = FetchProgress(isTerminal: isatty(2) == 1) { text in
            FileHandle.standardError.write(Data(text.utf8))
        }
        let fetcher = PackFetcher(source: base, station: station, date: day, folder: URL(fileURLWithPath: into),
                                  key: publicKey, keep: keep)
        do {
            let outcome = try await fetcher.run(progress: progress)
            if outcome.installed {
                print("installed \(station) \(day) in \(into)/\(day): \(outcome.filesDownloaded.count) files downloaded, "
                    + "\(outcome.filesReused.count) kept, \(String(format: "%.1f", Double(outcome.bytesFetched) / 1_000_000)) MB fetched"
                    + (outcome.removedDays.isEmpty ? "" : "; removed old days \(outcome.removedDays.joined(separator: ", "))"))
            } else {
                print("\(station) \(day) is up to date in \(into)/\(day)")
            }
        } catch {
            FileHandle.standardError.write(Data("loa fetch: \(error.description)\n".utf8))
            throw ExitCode(error.exitStatus)
        }
    }
}

extension CalendarDate {
    /// Today in the machine's time zone (a station's timer runs in local time).
    static func today() -> CalendarDate {
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }
}
