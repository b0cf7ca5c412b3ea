import Foundation
import Signing

/// `loa approve`: records that an official approved exactly the text a bulletin file holds
/// now (and, for a recorded bulletin, the sound file it names), in the approvals file,
/// signed with the department key when one is configured.
public enum BulletinApprover {
    /// What was recorded.
    public struct Outcome: Sendable {
        public var record: ApprovalRecord
        /// The approvals file and the line the record was written at.
        public var ledger: URL
        public var line: Int
        /// The key that signed it; nil when `loa.yaml` names none.
        public var signedWith: KeyID?
        /// Warnings about the file that do not stop the approval (a legacy encoding, a table).
        public var warnings: [Diagnostic]
    }

    /// Approves `file` (shown as `display`) by `approver` at `moment`. Nothing is recorded
    /// when the file cannot be read as a bulletin or cannot be signed.
    public static func approve(file: URL, display: String, by approver: String, province: Province,
                               configFolder: URL, at moment: Date = Date(),
                               timeZone: TimeZone = .current) throws(ConfigError) -> Outcome {
        let name = approver.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, !name.contains(where: \.isNewline) else {
            throw ConfigError(Diagnostic(.error, file: "--by", "names nobody; give the approving official's name and title, e.g. --by \"Nguyễn Văn An, Phó Giám đốc Sở\""))
        }
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw ConfigError(Diagnostic(.error, file: display, "does not exist; give the bulletin file to approve"))
        }
        if AudioFileKinds.isSound(fileExtension: file.pathExtension) {
            throw ConfigError(Diagnostic(.error, file: display, "is a sound file; approve the bulletin's text file that names it "
                + "in its 'recording:' line: the approval covers both"))
        }
        let defaultID = (file.lastPathComponent as NSString).deletingPathExtension
        let (read, diagnostics) = BulletinLibrary.read(file, display: display, defaultID: defaultID, approvalFromHeader: false)
        guard let bulletin = read else {
            let errors = diagnostics.filter { $0.severity == .error }.map(\.description).joined(separator: "; ")
            throw ConfigError(Diagnostic(.error, file: display, "cannot be approved until it can be read as a bulletin: \(errors)"))
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let day = calendar.dateComponents([.year, .month, .day], from: moment)
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        var record = ApprovalRecord(textSHA256: bulletin.contentSHA256, bulletin: bulletin.id, file: display,
                                    title: bulletin.title, approvedBy: name,
                                    approvedOn: CalendarDate(year: day.year!, month: day.month!, day: day.day!)!.description,
                                    approvedAt: formatter.string(from: moment), recordingSHA256: bulletin.recording?.sha256)
        var keyID: KeyID?
        if let signing = province.signing {
            do {
                let key = try KeyFiles.readSecretKey(KeyFiles.expand(signing.key, relativeTo: configFolder), display: signing.key)
                record = try record.signed(with: key)
                keyID = key.keyID
            } catch let error as SigningError {
                throw ConfigError(Diagnostic(.error, file: province.file, line: signing.line,
                    "the approval must be signed with the department key, and the signing key \(error.description); nothing was recorded"))
            } catch {
                throw ConfigError(Diagnostic(.error, file: province.file, line: signing.line, "the approval could not be signed: \(error); nothing was recorded"))
            }
        }
        let ledger = ApprovalBook.file(of: province, configFolder: configFolder)
        let line: Int
        do {
            line = try ApprovalLedger.append(record, to: ledger)
        } catch {
            throw ConfigError(Diagnostic(.error, file: ledger.path, "the approval could not be recorded: \(error)"))
        }
        return Outcome(record: record, ledger: ledger, line: line, signedWith: keyID,
                       warnings: diagnostics.filter { $0.severity == .warning })
    }
}
