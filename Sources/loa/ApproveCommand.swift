import ArgumentParser
import Foundation
import Programme

/// `loa approve FILE --by "Name, title"`: records the approval of exactly the text the file
/// holds now.
struct ApproveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve",
        abstract: "Record that an official approved exactly the text a bulletin file holds now.",
        discussion: """
            Appends a line to the approvals file (approvals-file: in loa.yaml, default \
            approvals.jsonl beside it) with the SHA-256 of the text, the approver and the time, \
            signed with the department key when loa.yaml names one. The build airs a bulletin only \
            when its current text has such a record (approval: recorded, the default); a bulletin \
            edited afterwards does not air until it is approved again. The file is not changed.
            """)

    @Argument(help: "The bulletin file (.txt or .docx).")
    var file: String

    @Option(help: "Who approved it: name and title, e.g. \"Nguyễn Văn An, Phó Giám đốc Sở\".")
    var by: String

    @Option(help: "Province configuration.")
    var config = "loa.yaml"

    func run() throws {
        let configURL = URL(fileURLWithPath: config)
        do {
            let province = try ProvinceLoader.load(configURL, display: config)
            let outcome = try BulletinApprover.approve(file: URL(fileURLWithPath: file), display: file, by: by,
                                                       province: province, configFolder: configURL.deletingLastPathComponent())
            for warning in outcome.warnings { FileHandle.standardError.write(Data((warning.description + "\n").utf8)) }
            let record = outcome.record
            print("approved \(file) (\(record.bulletin): \(record.title)) by \(record.approvedBy) on \(record.approvedOn)")
            if let recording = record.recordingSHA256 { print("  recording sha256 \(recording) (the sound file it names)") }
            print("  text sha256 \(record.textSHA256); recorded at \(outcome.ledger.path) line \(outcome.line), "
                + (outcome.signedWith.map { "signed with department key \($0)" } ?? "unsigned (loa.yaml names no signing key)"))
            if province.approval.mode == .header {
                print("note: loa.yaml has approval: header, so the build goes by the header's approved-by / approved-on lines, not by this record")
            }
        } catch {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            throw ExitCode(2)
        }
    }
}
