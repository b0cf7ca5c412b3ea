import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The approvals file: one approval record a line, as JSON, only ever appended to.
///
/// It is the department's record of who approved which text, so it is never rewritten:
/// `loa approve` appends a line (under a lock, with `O_APPEND`, synced), and a line that is
/// not a record (a hand edit, a line cut short) is reported with its number while the
/// other lines still count.
public enum ApprovalLedger {
    /// The records in `url` with their line numbers, and a warning for each line that is
    /// not a record. A file that does not exist holds no records.
    public static func read(_ url: URL, display: String) -> (records: [(line: Int, record: ApprovalRecord)], diagnostics: [Diagnostic]) {
        guard FileManager.default.fileExists(atPath: url.path) else { return ([], []) }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            return ([], [Diagnostic(.error, file: display, "cannot be read; check its permissions. No recorded approval counts until it can be read")])
        }
        var records: [(line: Int, record: ApprovalRecord)] = []
        var diagnostics: [Diagnostic] = []
        let decoder = JSONDecoder()
        for (index, line) in data.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
            guard !trimmed.isEmpty else { continue }
            do {
                let record = try decoder.decode(ApprovalRecord.self, from: Data(trimmed))
                guard record.day != nil, record.textSHA256.count == 64 else {
                    throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "approved_on or text_sha256 is not valid"))
                }
                records.append((index + 1, record))
            } catch {
                diagnostics.append(Diagnostic(.warning, file: display, line: index + 1,
                    "this line is not an approval record (\(reason(error))); it is ignored and the other lines still count. "
                        + "The file is only ever added to: leave the line, and approve the bulletin again with `loa approve` if it needs it"))
            }
        }
        return (records, diagnostics)
    }

    /// Appends `record` as one line; returns the line number it was written at. Never
    /// rewrites the file: a last line without its line end (cut short) is ended first.
    @discardableResult
    public static func append(_ record: ApprovalRecord, to url: URL) throws -> Int {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = try encoder.encode(record)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let fd = open(url.path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw LedgerError(path: url.path, cause: String(cString: strerror(errno))) }
        defer { close(fd) }
        guard flock(fd, LOCK_EX) == 0 else { throw LedgerError(path: url.path, cause: String(cString: strerror(errno))) }
        let existing = FileManager.default.contents(atPath: url.path) ?? Data()
        var line = Data()
        if let last = existing.last, last != 0x0A { line.append(0x0A) }
        line.append(json)
        line.append(0x0A)
        let written = line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == line.count, fsync(fd) == 0 else {
            throw LedgerError(path: url.path, cause: "could not be written in full: \(String(cString: strerror(errno)))")
        }
        let linesBefore = existing.reduce(0) { $1 == 0x0A ? $0 + 1 : $0 } + (existing.last.map { $0 != 0x0A ? 1 : 0 } ?? 0)
        return linesBefore + 1
    }

    /// Why a line could not be read as a record, in a few words.
    static func reason(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): return "no \"\(key.stringValue)\""
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "\(context.codingPath.last?.stringValue ?? "a value") has the wrong type"
        case DecodingError.dataCorrupted(let context):
            return context.codingPath.isEmpty && context.debugDescription.contains("valid")
                ? context.debugDescription : "not valid JSON"
        default: return "not valid JSON"
        }
    }
}

/// The approvals file could not be written.
public struct LedgerError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var cause: String
    public var description: String { "\(path): \(cause)" }
}
