/// Parses one bulletin file's text (header between `---` lines, then paragraphs).
///
/// Pure: it checks the shape and the values it can check alone; whether targets, slots
/// and voices exist is checked against the province by `BulletinValidator`.
public enum BulletinParser {
    /// Header keys Loa reads. Others are reported as warnings.
    public static let knownKeys: Set<String> = [
        "id", "title", "approved-by", "approved-on", "valid-from", "valid-until",
        "priority", "targets", "slots", "voice", "recording",
    ]

    /// Parse `text` from `file`; `defaultID` is the file name without extension.
    /// Returns the bulletin (nil when it cannot be used) and everything worth reporting.
    /// `paragraphPerLine`: every line of the body is a paragraph of its own (a Word file's
    /// lines are its paragraphs); otherwise paragraphs are separated by blank lines.
    /// `approvalFromHeader`: the header's approved-by / approved-on lines approve it
    /// (`approval: header`); otherwise it comes without approval, for `ApprovalBook` to give.
    public static func parse(_ text: String, file: String, defaultID: String,
                             paragraphPerLine: Bool = false, approvalFromHeader: Bool = true) -> (Bulletin?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        func error(_ line: Int?, _ message: String) -> (Bulletin?, [Diagnostic]) {
            diagnostics.append(Diagnostic(.error, file: file, line: line, message))
            return (nil, diagnostics)
        }

        // Character-wise split: "\r\n" is one Character, so Windows line ends split too.
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        var firstLine = 0
        while firstLine < lines.count, lines[firstLine].trimmingWhitespace().isEmpty { firstLine += 1 }
        guard firstLine < lines.count,
              lines[firstLine].trimmingWhitespace().replacingBOM() == "---" else {
            return error(firstLine + 1 <= lines.count ? firstLine + 1 : 1,
                         "expected a header: a line '---', the header keys (title, approved-by, approved-on, …), then '---'")
        }
        guard let closing = lines[(firstLine + 1)...].firstIndex(where: { $0.trimmingWhitespace() == "---" }) else {
            return error(firstLine + 1, "the header opened with '---' here is never closed; expected a line '---' after the header keys")
        }

        var fields: [String: (value: String, line: Int)] = [:]
        for index in (firstLine + 1)..<closing {
            let lineNumber = index + 1
            let raw = lines[index].trimmingWhitespace()
            if raw.isEmpty || raw.hasPrefix("#") { continue }
            guard let colon = raw.firstIndex(of: ":") else {
                return error(lineNumber, "expected 'key: value' in the header, found '\(raw.prefix(60))'")
            }
            let key = raw[..<colon].trimmingWhitespace().lowercased()
            let value = String(raw[raw.index(after: colon)...].trimmingWhitespace())
            if !knownKeys.contains(key) {
                diagnostics.append(Diagnostic(.warning, file: file, line: lineNumber,
                    "unknown header key '\(key)' is ignored; known keys: \(knownKeys.sorted().joined(separator: ", "))"))
                continue
            }
            if let earlier = fields[key] {
                return error(lineNumber, "header key '\(key)' is given twice (also on line \(earlier.line)); keep one")
            }
            fields[key] = (value, lineNumber)
        }

        guard let title = fields["title"], !title.value.isEmpty else {
            return error(fields["title"]?.line ?? firstLine + 1, "expected a 'title:' in the header")
        }

        func date(_ key: String) -> Result<CalendarDate?, Diagnostic> {
            guard let field = fields[key], !field.value.isEmpty else { return .success(nil) }
            guard let date = CalendarDate(iso: field.value) else {
                return .failure(Diagnostic(.error, file: file, line: field.line,
                    "\(key) '\(field.value)' is not a real date; expected YYYY-MM-DD, e.g. 2021-09-24"))
            }
            return .success(date)
        }
        var dates: [String: CalendarDate] = [:]
        for key in ["approved-on", "valid-from", "valid-until"] {
            switch date(key) {
            case .success(let value): dates[key] = value
            case .failure(let diagnostic): diagnostics.append(diagnostic); return (nil, diagnostics)
            }
        }

        var approval: Approval?
        let approvedBy = fields["approved-by"]?.value ?? ""
        if approvalFromHeader, let on = dates["approved-on"], !approvedBy.isEmpty {
            approval = Approval(by: approvedBy, on: on)
        }

        var priority = Priority.normal
        if let field = fields["priority"], !field.value.isEmpty {
            guard let parsed = Priority(rawValue: field.value.lowercased()) else {
                return error(field.line, "priority '\(field.value)' is not one of urgent, high, normal, low")
            }
            priority = parsed
        }

        var targets: [Target] = [.all]
        if let field = fields["targets"], !field.value.isEmpty {
            targets = []
            for part in field.value.split(separator: ",").map({ $0.trimmingWhitespace() }) where !part.isEmpty {
                if part.lowercased() == "all" { targets.append(.all); continue }
                let pieces = part.split(separator: ":", maxSplits: 1).map { $0.trimmingWhitespace() }
                guard pieces.count == 2, !pieces[1].isEmpty else {
                    return error(field.line, "target '\(part)' should be 'all', 'district:CODE' or 'station:CODE'")
                }
                switch pieces[0].lowercased() {
                case "district": targets.append(.district(String(pieces[1])))
                case "station": targets.append(.station(String(pieces[1])))
                default:
                    return error(field.line, "target '\(part)' should be 'all', 'district:CODE' or 'station:CODE'")
                }
            }
            if targets.isEmpty { targets = [.all] }
        }

        let slots = fields["slots"].flatMap { field -> [String]? in
            let ids = field.value.split(separator: ",").map { String($0.trimmingWhitespace()) }.filter { !$0.isEmpty }
            return ids.isEmpty ? nil : ids
        }
        let voice = fields["voice"].flatMap { $0.value.isEmpty ? nil : $0.value }

        var paragraphs: [Paragraph] = []
        var current: [Substring] = []
        var currentLine = 0
        for index in (closing + 1)..<lines.count {
            let line = lines[index].trimmingWhitespace()
            if line.isEmpty {
                if !current.isEmpty { paragraphs.append(Paragraph(text: current.joined(separator: "\n"), line: currentLine)) }
                current = []
            } else {
                if current.isEmpty { currentLine = index + 1 }
                current.append(line)
                if paragraphPerLine {
                    paragraphs.append(Paragraph(text: String(line), line: currentLine))
                    current = []
                }
            }
        }
        if !current.isEmpty { paragraphs.append(Paragraph(text: current.joined(separator: "\n"), line: currentLine)) }
        // A recorded bulletin's body is its transcript, which may be left out.
        let recording = fields["recording"].map { Recording(name: $0.value, line: $0.line) }
        guard !paragraphs.isEmpty || recording != nil else {
            return error(closing + 1, "the body after the header is empty; expected the text to read aloud "
                + "(or, for a bulletin a person recorded, a 'recording:' line naming the sound file)")
        }

        let id = fields["id"].flatMap { $0.value.isEmpty ? nil : $0.value } ?? defaultID
        let bulletin = Bulletin(
            id: id, title: title.value, titleLine: title.line, approval: approval,
            validFrom: dates["valid-from"], validUntil: dates["valid-until"], priority: priority,
            targets: targets, slots: slots, voice: voice, paragraphs: paragraphs, file: file,
            headerLines: fields.mapValues(\.line), recording: recording)
        if let from = bulletin.firstDay, let until = bulletin.lastDay, until < from {
            return error(fields["valid-until"]?.line, "valid-until \(until) is before valid-from \(from)")
        }
        if let unreadable = BulletinReadability.problem(in: bulletin) {
            diagnostics.append(unreadable)
            return (nil, diagnostics)
        }
        if recording != nil, let field = fields["voice"] {
            diagnostics.append(Diagnostic(.warning, file: file, line: field.line,
                "'voice:' is ignored: this bulletin airs its recording, not a synthesized voice"))
        }
        if approvalFromHeader {
            diagnostics += ApprovalNotes.notes(for: bulletin, fields: fields.mapValues(\.value), headerEnd: closing + 1)
        }
        return (bulletin, diagnostics)
    }
}

extension Substring {
    /// The line without spaces, tabs and non-breaking spaces at either end.
    func trimmingWhitespace() -> Substring {
        var s = self[...]
        while let c = s.first, c.isWhitespace { s = s.dropFirst() }
        while let c = s.last, c.isWhitespace { s = s.dropLast() }
        return s
    }

    func replacingBOM() -> Substring { hasPrefix("\u{FEFF}") ? dropFirst() : self }
}
