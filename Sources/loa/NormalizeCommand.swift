import ArgumentParser
import Foundation
import VietnameseText

/// `loa normalize`: print how a text will be read aloud, to check a bulletin's
/// wording before it is synthesized, and list what could not be read with confidence.
struct NormalizeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "normalize",
        abstract: "Print the spoken form of a bulletin text (the words the announcer voice will say).",
        discussion: """
            Reads FILE (or standard input with -) and prints its spoken form, sentences
            separated by spaces and paragraphs by newlines. Findings (unknown acronyms,
            foreign words, impossible dates…) go to standard error, or to --report.
            """)

    @Flag(help: "Print exactly one output line per input line.")
    var lines = false

    @Flag(help: "Print every rewrite (line, class, written form, spoken form) instead of the text.")
    var explain = false

    @Option(help: ArgumentHelp("Write findings to this file, one per line as file:line: kind: text — message.",
                               valueName: "file"))
    var report: String?

    @Option(help: ArgumentHelp("Staff lexicon (written form TAB spoken form). Default: Bulletins/lexicon.tsv if it exists.",
                               valueName: "file"))
    var lexicon: String?

    @Argument(help: "The text file to read, or - for standard input.")
    var file: String = "-"

    func run() async throws {
        let name = file == "-" ? "<stdin>" : file
        let data: Data
        if file == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            // Read through a file handle, not FileManager.contents(atPath:), so a pipe or
            // FIFO (`loa normalize <(…)`) is read too; that call returns nil for them.
            do {
                let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: file))
                defer { try? handle.close() }
                data = try handle.readToEnd() ?? Data()
            } catch {
                throw ValidationError("cannot read \(file): check the path and permissions (\(error.localizedDescription))")
            }
        }
        let text = String(decoding: data, as: UTF8.self)

        var words = Lexicon.builtIn
        var findings: [Finding] = []
        let lexiconPath = lexicon ?? "Bulletins/lexicon.tsv"
        if FileManager.default.fileExists(atPath: lexiconPath) {
            findings += try words.merge(contentsOf: URL(fileURLWithPath: lexiconPath))
        } else if lexicon != nil {
            throw ValidationError("no lexicon at \(lexiconPath)")
        }

        let normalizer = Normalizer(lexicon: words, joinsWrappedLines: !lines, recordsRewrites: explain)
        let result = normalizer.normalize(text, location: SourceLocation(file: name, line: 1))
        findings += result.findings

        var out = ""
        if explain {
            for r in result.rewrites { out += "\(name):\(r.line)\t\(r.semioticClass.rawValue)\t\(r.written)\t\(r.spoken)\n" }
        } else if lines {
            var count = text.split(separator: "\n", omittingEmptySubsequences: false).count
            if text.hasSuffix("\n") { count -= 1 }
            for line in result.spokenLines(lineCount: max(count, 0)) { out += line + "\n" }
        } else {
            out = result.spokenText + "\n"
        }
        FileHandle.standardOutput.write(Data(out.utf8))

        let reportText = findings.map { "\($0)\n" }.joined()
        if let report {
            try Data(reportText.utf8).write(to: URL(fileURLWithPath: report))
        } else if !reportText.isEmpty {
            FileHandle.standardError.write(Data(reportText.utf8))
        }
    }
}
