import Packaging

/// `/`: the days in the output, newest first, each linking to its board and its build report;
/// and, when `loa watch` runs on this output, what it did lately and the problems with the
/// files dropped, problems first.
enum DaysPage {
    static func render(days: [(date: String, stations: Int, key: String?)], watch: WatchStatus? = nil) -> String {
        let rows = days.map { day in
            "<tr><td><a href=\"/\(day.date)/\">Ngày \(HTML.date(day.date))</a></td><td class=\"num\">\(day.stations) đài</td>"
                + "<td class=\"muted\">\(day.key.map { $0 == "unsigned" ? "<span class=\"bad\">chưa ký</span>" : "khoá \(HTML.escape($0))" } ?? "")</td>"
                + "<td><a href=\"/\(day.date)/report\">báo cáo</a></td></tr>"
        }.joined(separator: "\n")
        let body = """
            <h1>Chương trình phát thanh cho các đài cấp xã</h1>
            <p class="muted">Các đài tải bản tin đã ký về bằng <code>loa fetch</code>; trang này để cán bộ xem và nghe.</p>
            \(watch.map(watchSection) ?? "")
            \(days.isEmpty ? "<p>Chưa có ngày nào được dựng.</p>" : "<div class=\"scroll\"><table><thead><tr><th>Ngày</th><th>Số đài</th><th>Chữ ký</th><th>Báo cáo</th></tr></thead><tbody>\n\(rows)\n</tbody></table></div>")
            """
        return HTML.page(title: "Loa — các ngày phát", body: body)
    }

    /// What `loa watch` reports: the current problems per day, then the latest events.
    static func watchSection(_ status: WatchStatus) -> String {
        let problems = status.problems.sorted { $0.key < $1.key }.flatMap { day, lines in
            lines.map { "<li><span class=\"bad\">\(HTML.escape(HTML.date(day)))</span> <code>\(HTML.escape($0))</code></li>" }
        }
        let events = status.events.suffix(10).reversed().map { event in
            "<li><span class=\"muted\">\(HTML.escape(event.time))</span> \(HTML.escape(event.summary))"
                + (event.changes.isEmpty ? "" : "<br><span class=\"muted\">\(event.changes.prefix(6).map(HTML.escape).joined(separator: " · "))</span>")
                + "</li>"
        }
        return """
            <h2>Tự động dựng (loa watch) — cập nhật \(HTML.escape(status.updated))</h2>
            \(problems.isEmpty ? "<p>Các tệp bản tin hiện không có lỗi.</p>" : "<ul class=\"problems\">\n\(problems.joined(separator: "\n"))\n</ul>")
            <ul class="problems">\n\(events.joined(separator: "\n"))\n</ul>
            """
    }
}
