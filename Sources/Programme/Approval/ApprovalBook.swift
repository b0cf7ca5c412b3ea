import Foundation
import Signing

/// Where a bulletin stands with its approval, for the build and for `loa check`.
public enum ApprovalState: Sendable, Hashable {
    /// `approval: header`: the header's approved-by / approved-on lines.
    case header(by: String, on: CalendarDate)
    /// `approval: header`, and a line is missing: pending.
    case headerMissing
    /// This exact text was approved (the approvals file's line).
    case recorded(by: String, on: String, line: Int)
    /// A record exists for the bulletin, but of another text: it was changed after approval.
    case changedAfterApproval(by: String, on: String, line: Int)
    /// No record for this text or this bulletin.
    case notApproved

    /// Whether the bulletin may air as far as approval goes.
    public var isApproved: Bool {
        switch self {
        case .header, .recorded: return true
        case .headerMissing, .changedAfterApproval, .notApproved: return false
        }
    }

    /// A few words for people (`loa check`).
    public var summary: String {
        switch self {
        case .header(let by, let on): return "approved by \(by) on \(on) (header lines)"
        case .headerMissing: return "pending: the header's approved-by / approved-on are missing"
        case .recorded(let by, let on, _): return "approved by \(by) on \(on) (this exact text)"
        case .changedAfterApproval(let by, let on, _): return "CHANGED after approval by \(by) on \(on); approve again"
        case .notApproved: return "not approved yet"
        }
    }

    /// A word for tools (`loa check --json`).
    public var code: String {
        switch self {
        case .header: return "approved-header"
        case .headerMissing: return "pending"
        case .recorded: return "approved"
        case .changedAfterApproval: return "changed-after-approval"
        case .notApproved: return "not-approved"
        }
    }
}

/// The province's approvals, loaded once a build: the mode, the records of the approvals
/// file that count (signed with the department key when one is configured), and what was
/// wrong with the others. Applied to the bulletins, it keeps every one whose text was not
/// approved off the air.
public struct ApprovalBook: Sendable {
    public var settings: ApprovalSettings
    /// The approvals file as shown in messages.
    public var display: String
    /// Records that count, in file order.
    public var records: [(line: Int, record: ApprovalRecord)]
    /// Lines that are not records, or not signed by the department.
    public var diagnostics: [Diagnostic]

    /// The approvals file of `province` (`approvals-file:`, relative to `configFolder`).
    public static func file(of province: Province, configFolder: URL) -> URL {
        KeyFiles.expand(province.approval.file, relativeTo: configFolder)
    }

    /// Loads the approvals of `province`. In `recorded` mode with a department key in
    /// `loa.yaml`, the key must be readable: records are checked against it.
    public static func load(province: Province, configFolder: URL, display: (URL) -> String) throws(ConfigError) -> ApprovalBook {
        let url = file(of: province, configFolder: configFolder)
        var book = ApprovalBook(settings: province.approval, display: display(url), records: [], diagnostics: [])
        guard province.approval.mode == .recorded else { return book }
        let read = ApprovalLedger.read(url, display: book.display)
        book.diagnostics = read.diagnostics
        guard let signing = province.signing else {
            book.records = read.records
            return book
        }
        let keyFile = KeyFiles.expand(signing.key, relativeTo: configFolder)
        if signing.makeIfMissing, !FileManager.default.fileExists(atPath: keyFile.path) {
            // The sample's key is made by its first build: no record can be signed by it yet.
            book.diagnostics += read.records.map { line, record in
                Diagnostic(.warning, file: book.display, line: line,
                           "this approval of '\(record.bulletin)' cannot be checked: the department key \(signing.key) does not exist yet; it does not count")
            }
            return book
        }
        let key: DepartmentPublicKey
        do {
            key = try KeyFiles.readSecretKey(keyFile, display: signing.key).publicKey
        } catch {
            throw ConfigError(Diagnostic(.error, file: province.file, line: signing.line,
                "approvals are checked with the department key, and the signing key \(error.description)"))
        }
        for (line, record) in read.records {
            if let problem = record.signatureProblem(with: key) {
                book.diagnostics.append(Diagnostic(.warning, file: book.display, line: line, "this approval of '\(record.bulletin)' \(problem)"))
            } else {
                book.records.append((line, record))
            }
        }
        return book
    }

    /// The bulletins with their approval as this book decides it, the state of each (by
    /// file), and a message for each that does not air for want of approval.
    public func apply(to bulletins: [Bulletin]) -> (bulletins: [Bulletin], states: [String: ApprovalState], diagnostics: [Diagnostic]) {
        var result: [Bulletin] = []
        var states: [String: ApprovalState] = [:]
        var diagnostics: [Diagnostic] = []
        for var bulletin in bulletins {
            switch settings.mode {
            case .header:
                states[bulletin.file] = bulletin.approval.map { .header(by: $0.by, on: $0.on) } ?? .headerMissing
            case .recorded:
                let state = state(of: bulletin)
                states[bulletin.file] = state
                switch state {
                case .recorded(let by, let on, _):
                    bulletin.approval = CalendarDate(iso: on).map { Approval(by: by, on: $0) }
                    diagnostics += ApprovalNotes.notes(for: bulletin, fields: [:], headerEnd: bulletin.titleLine)
                case .changedAfterApproval(let by, let on, let line):
                    bulletin.approval = nil
                    let what = bulletin.recording.map { "the text or the recording \($0.file) is" } ?? "the text is"
                    diagnostics.append(Diagnostic(.error, file: bulletin.file,
                        "changed after approval by \(by) on \(on) (\(display) line \(line)): \(what) not the one approved, "
                            + "so it does not air. If the change is approved, approve it again: "
                            + "loa approve \(bulletin.file) --by \"NAME, TITLE\""))
                case .notApproved:
                    bulletin.approval = nil
                    let headerHint = bulletin.headerLines["approved-by"] == nil ? ""
                        : " (its approved-by line does not approve it: loa.yaml has approval: recorded)"
                    diagnostics.append(Diagnostic(.warning, file: bulletin.file,
                        "pending: not approved yet\(headerHint), so it does not air; once an official has approved this text: "
                            + "loa approve \(bulletin.file) --by \"NAME, TITLE\""))
                case .header, .headerMissing:
                    break
                }
            }
            result.append(bulletin)
        }
        return (result, states, diagnostics)
    }

    /// The approval of exactly this text (the latest, when there are several), else the
    /// latest of this bulletin's earlier texts, else none. A recorded bulletin's approval
    /// is of its text and its recording's bytes together: a new take of the recording
    /// under the same text is not approved.
    public func state(of bulletin: Bulletin) -> ApprovalState {
        if let match = records.last(where: {
            $0.record.textSHA256 == bulletin.contentSHA256 && $0.record.recordingSHA256 == bulletin.recording?.sha256
        }) {
            return .recorded(by: match.record.approvedBy, on: match.record.approvedOn, line: match.line)
        }
        if let earlier = records.last(where: { $0.record.bulletin == bulletin.id || $0.record.file == bulletin.file }) {
            return .changedAfterApproval(by: earlier.record.approvedBy, on: earlier.record.approvedOn, line: earlier.line)
        }
        return .notApproved
    }
}
