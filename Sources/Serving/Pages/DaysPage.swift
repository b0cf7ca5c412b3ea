/// `/`: the days in the output, newest first, each linking to its board.
enum DaysPage {
    static func render(days: [(date: String, stations: Int, key: String?)]) -> String {
        let rows = days.map { day in
            "<tr><td><a href=\"/\(day.date)/\">Ngày \(HTML.date(day.date))</a></td><td class=\"num\">\(day.stations) đài</td>"
                + "<td class=\"muted\">\(day.key.map { $0 == "unsigned" ? "<span class=\"bad\">chưa ký</span>" : "khoá \(HTML.escape($0))" } ?? "")</td></tr>"
        }.joined(separator: "\n")
        let body = """
            <h1>Chương trình phát thanh cho các đài cấp xã</h1>
            <p class="muted">Các đài tải bản tin đã ký về bằng <code>loa fetch</code>; trang này để cán bộ xem và nghe.</p>
            \(days.isEmpty ? "<p>Chưa có ngày nào được dựng.</p>" : "<div class=\"scroll\"><table><thead><tr><th>Ngày</th><th>Số đài</th><th>Chữ ký</th></tr></thead><tbody>\n\(rows)\n</tbody></table></div>")
            """
        return HTML.page(title: "Loa — các ngày phát", body: body)
    }
}
