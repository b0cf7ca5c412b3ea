import Foundation
import Signing

/// One approval: an official approved exactly this text of a bulletin, at this time.
/// A line of the approvals file, as JSON; signed with the department key when one is
/// configured, so a line typed into the file by hand does not count.
public struct ApprovalRecord: Sendable, Hashable, Codable {
    /// SHA-256 of the bulletin's text as read (`BulletinText.sha256`): the approval is of
    /// these words, header included, and of no others.
    public var textSHA256: String
    /// For a recorded bulletin, SHA-256 of the sound file's bytes: the approval is of this
    /// recording too, and of no other take of it. Absent for a bulletin read aloud.
    public var recordingSHA256: String?
    /// The bulletin's id and file when it was approved, to say which approval a changed
    /// text had.
    public var bulletin: String
    public var file: String
    public var title: String
    /// Who approved it: name and title, as they sign.
    public var approvedBy: String
    /// The day of the approval (local time): the bulletin never airs before it.
    public var approvedOn: String
    /// The moment of the approval, UTC, ISO 8601.
    public var approvedAt: String
    /// A minisign signature (the whole `.minisig` text) of `signedMessage` with the
    /// department key; nil when no key is configured.
    public var signature: String?

    enum CodingKeys: String, CodingKey {
        case textSHA256 = "text_sha256", recordingSHA256 = "recording_sha256", bulletin, file, title, approvedBy = "approved_by"
        case approvedOn = "approved_on", approvedAt = "approved_at", signature
    }

    public init(textSHA256: String, bulletin: String, file: String, title: String, approvedBy: String,
                approvedOn: String, approvedAt: String, recordingSHA256: String? = nil, signature: String? = nil) {
        self.textSHA256 = textSHA256
        self.recordingSHA256 = recordingSHA256
        self.bulletin = bulletin
        self.file = file
        self.title = title
        self.approvedBy = approvedBy
        self.approvedOn = approvedOn
        self.approvedAt = approvedAt
        self.signature = signature
    }

    /// What the signature covers: every field that gives the approval its meaning. A
    /// recording's hash follows the text's (records without one sign what they always did).
    public var signedMessage: Data {
        let recording = recordingSHA256.map { "recording_sha256: \($0)\n" } ?? ""
        return Data(("loa approval v1\ntext_sha256: \(textSHA256)\n" + recording + "bulletin: \(bulletin)\nfile: \(file)\n"
            + "approved_by: \(approvedBy)\napproved_on: \(approvedOn)\napproved_at: \(approvedAt)\n").utf8)
    }

    /// The record signed with `key`.
    public func signed(with key: DepartmentSecretKey) throws -> ApprovalRecord {
        var record = self
        let comment = "loa approval bulletin=\(bulletin.filter { !$0.isNewline }) text_sha256=\(textSHA256)"
            + (recordingSHA256.map { " recording_sha256=\($0)" } ?? "")
        record.signature = try key.sign(signedMessage, trustedComment: comment,
                                        untrustedComment: "approval signed with Loa department key").text
        return record
    }

    /// Why the record's signature does not hold for `key`, or nil when it does.
    public func signatureProblem(with key: DepartmentPublicKey) -> String? {
        guard let signature else { return "is not signed, and loa.yaml names a department key: only approvals made with `loa approve` and that key count" }
        do {
            let parsed = try MinisignSignature(text: signature, source: "its signature")
            try parsed.verify(signedMessage, with: key, source: "its signature")
            return nil
        } catch {
            return "has a signature that does not match its text or the department key \(key.keyID) (\(error.description)); it does not count"
        }
    }

    /// The approval day, as a date.
    public var day: CalendarDate? { CalendarDate(iso: approvedOn) }
}
