import Packaging

/// `/<date>/`: the day's board for the department: problems first, then every station ×
/// slot with the programme's length against the slot, deferred and not-aired bulletins; a
/// link to the day's build report (`ReportPage`) for the time lines and the build's figures.
enum BoardPage {
    static func render(index: DayIndex, manifests: [String: StationManifest]) -> String {
        var slotIDs: [String] = []
        var slotStarts: [String: String] = [:]
        for entry in index.stations {
            for slot in manifests[entry.code]?.slots ?? [] where !slotIDs.contains(slot.id) {
                slotIDs.append(slot.id)
                slotStarts[slot.id] = slot.start
            }
        }
        var problems = index.problems.map { problem in
            let place = problem.file + (problem.line.map { ":\($0)" } ?? "")
            let label = problem.severity == "error" ? "<span class=\"bad\">lỗi</span>" : "<span class=\"warn\">lưu ý</span>"
            return "<li>\(label) <code>\(HTML.escape(place))</code> \(HTML.escape(problem.message))</li>"
        }
        for entry in index.stations where entry.status == .previous {
            problems.append("<li><span class=\"warn\">giữ bản cũ</span> \(HTML.escape(entry.code)) \(HTML.escape(entry.problem ?? ""))</li>")
        }
        let header = "<tr><th>Đài</th>" + slotIDs.map { "<th>\(HTML.escape($0)) <span class=\"muted\">\(slotStarts[$0] ?? "")</span></th>" }.joined()
            + "<th>Không phát</th></tr>"
        let rows = index.stations.map { entry -> String in
            let manifest = manifests[entry.code]
            var row = "<tr><td><a href=\"\(entry.code)/\">\(HTML.escape(entry.code))</a> \(HTML.escape(entry.name))"
                + "<br><span class=\"muted\">\(HTML.escape(entry.district))</span>"
            if entry.status == .previous { row += "<br><span class=\"warn\">bản dựng trước</span>" }
            row += "</td>"
            for id in slotIDs {
                guard let slot = manifest?.slots.first(where: { $0.id == id }) else {
                    row += "<td class=\"muted\">—</td>"
                    continue
                }
                let share = slot.maxMs > 0 ? min(100, slot.durationMs * 100 / slot.maxMs) : 0
                let over = slot.durationMs > slot.maxMs
                row += "<td><span class=\"num\">\(HTML.clock(slot.durationMs)) / \(HTML.clock(slot.maxMs))</span>"
                    + "<div class=\"bar\(over ? " over" : "")\"><i style=\"width:\(share)%\"></i></div>"
                    + "<span class=\"muted\">\(slot.items.count) mục</span>"
                if !slot.deferred.isEmpty {
                    row += "<br><span class=\"warn\">hoãn: \(slot.deferred.map(HTML.escape).joined(separator: ", "))</span>"
                }
                row += "</td>"
            }
            let notAired = manifest?.notAired ?? []
            row += notAired.isEmpty ? "<td></td>" : "<td class=\"bad\">\(notAired.map(HTML.escape).joined(separator: ", "))</td>"
            return row + "</tr>"
        }.joined(separator: "\n")
        let signing = index.signingKey.map { $0 == PackSeal.unsignedName
            ? "<span class=\"bad\">Các gói chưa được ký: đài sẽ không nhận.</span>"
            : "Ký bằng khoá của Sở: <code>\(HTML.escape($0))</code>" } ?? ""
        let body = """
            <nav><a href="/">Các ngày</a></nav>
            <h1>\(HTML.escape(index.province)) — chương trình ngày \(HTML.date(index.date))</h1>
            <p class="muted">\(index.stations.count) đài · \(signing) · <a href="index.json">index.json</a></p>
            <p><a href="report">Báo cáo dựng: dòng thời gian từng buổi, âm thanh đã làm, thời gian dựng</a></p>
            <h2>Vấn đề (\(problems.count))</h2>
            \(problems.isEmpty ? "<p>Không có vấn đề nào.</p>" : "<ul class=\"problems\">\n\(problems.joined(separator: "\n"))\n</ul>")
            <h2>Các đài</h2>
            <div class="scroll"><table><thead>\(header)</thead><tbody>
            \(rows)
            </tbody></table></div>
            """
        return HTML.page(title: "\(index.province) — \(HTML.date(index.date))", body: body)
    }
}
