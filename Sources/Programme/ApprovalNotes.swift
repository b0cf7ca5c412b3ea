/// Warnings about a bulletin's approval that staff must see even though nothing is wrong
/// with the file: that it is pending (and why), or that it was approved after the day it
/// was meant to start airing.
///
/// A pending bulletin never airs; without a note, a forgotten `approved-on` looks exactly
/// like a bulletin the build lost. A bulletin never airs before its approval day
/// (`Bulletin.airs(on:)`), so dates that put approval after `valid-from` are pointed out.
enum ApprovalNotes {
    /// The notes for `bulletin`; `fields` are its header values as written (empty when the
    /// key is given without a value); `headerEnd` is the line of the closing `---`.
    static func notes(for bulletin: Bulletin, fields: [String: String], headerEnd: Int) -> [Diagnostic] {
        let lines = bulletin.headerLines
        guard let approval = bulletin.approval else {
            var missing: [String] = []
            for key in ["approved-by", "approved-on"] {
                switch fields[key] {
                case nil: missing.append("no '\(key):'")
                case let value? where value.isEmpty: missing.append("an empty '\(key):'")
                default: break
                }
            }
            let line = lines["approved-by"] ?? lines["approved-on"] ?? headerEnd
            return [Diagnostic(.warning, file: bulletin.file, line: line,
                "pending: never aired until approved; the header has \(missing.joined(separator: " and ")) "
                    + "(add 'approved-by: NAME' and 'approved-on: YYYY-MM-DD' once it is approved)")]
        }
        guard let from = bulletin.validFrom, approval.on > from else { return [] }
        let onLine = lines["approved-on"]
        let fromLine = lines["valid-from"].map { " (line \($0))" } ?? ""
        if let until = bulletin.validUntil, approval.on > until {
            let untilLine = lines["valid-until"].map { " (line \($0))" } ?? ""
            return [Diagnostic(.warning, file: bulletin.file, line: onLine,
                "approved-on \(approval.on) is after valid-from \(from)\(fromLine) and valid-until \(until)\(untilLine); "
                    + "a bulletin never airs before its approval, so this one never airs; check the dates")]
        }
        return [Diagnostic(.warning, file: bulletin.file, line: onLine,
            "approved-on \(approval.on) is after valid-from \(from)\(fromLine); a bulletin never airs before "
                + "its approval, so it airs from \(approval.on); check the dates")]
    }
}
