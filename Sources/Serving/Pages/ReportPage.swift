import Packaging

/// `/<date>/report`: the build report for a person: problems first (red when any error),
/// the day in a few figures, how the build went and where its time went, then each
/// station's day as one time line per slot: the items as segments, the slot's maximum as
/// the full width (a programme over it is drawn to its end, the part past the maximum
/// marked). Widths in %, lists in `<details>`, so a phone never scrolls sideways and needs
/// no script. Every text from staff (titles, names, messages) is escaped.
enum ReportPage {
    static func render(_ report: DayReport, run: BuildRun?) -> String {
        let body = """
            <nav><a href="/">Các ngày</a> › <a href="./">Ngày \(HTML.date(report.date))</a></nav>
            <h1>Báo cáo dựng — \(HTML.escape(report.province)) — ngày \(HTML.date(report.date))</h1>
            \(problemsSection(report))
            \(figures(report))
            \(run.map(runSection) ?? "<p class=\"muted\">Không có số liệu về lần dựng (thời gian, bộ nhớ đệm).</p>")
            <h2>Các đài</h2>
            <p class="muted">Mỗi thanh là một buổi phát: cả chiều rộng là thời lượng tối đa của buổi; các ô là các mục theo thứ tự phát \
            (<i class="key k-opening"></i> mở đầu, <i class="key k-bulletin"></i> bản tin, <i class="key k-recording"></i> bản ghi âm, \
            <i class="key k-closing"></i> kết thúc); phần đỏ là phần vượt quá thời lượng tối đa.</p>
            \(report.stations.map { station($0, titles: report.titles) }.joined(separator: "\n"))
            <p class="muted"><a href="\(DayReport.fileName)">\(DayReport.fileName)</a> · Loa \(HTML.escape(report.loaVersion))</p>
            """
        return HTML.page(title: "Báo cáo — \(report.province) — \(HTML.date(report.date))", body: body, style: style)
    }

    /// The page for a day built before reports were written.
    static func missing(date: String) -> String {
        HTML.page(title: "Báo cáo — \(HTML.date(date))", body: """
            <nav><a href="/">Các ngày</a> › <a href="./">Ngày \(HTML.date(date))</a></nav>
            <h1>Chưa có báo cáo dựng cho ngày \(HTML.date(date))</h1>
            <p>Ngày này được dựng bằng một phiên bản Loa chưa ghi báo cáo. Dựng lại ngày (<code>loa build --force</code>) để có báo cáo.</p>
            """)
    }

    // MARK: Problems

    static func problemsSection(_ report: DayReport) -> String {
        let errors = report.errorCount, warnings = report.problems.count - errors
        guard !report.problems.isEmpty else {
            return "<section class=\"box ok\"><h2>Vấn đề</h2><p>Không có vấn đề nào: mọi bản tin đều được phát, mọi buổi đều vừa thời lượng.</p></section>"
        }
        let items = grouped(report.problems).map { problem($0.problem, stations: $0.stations, titles: report.titles) }
            .joined(separator: "\n")
        let count = [errors > 0 ? "\(errors) lỗi" : nil, warnings > 0 ? "\(warnings) lưu ý" : nil].compactMap { $0 }.joined(separator: ", ")
        return """
            <section class="box \(errors > 0 ? "bad-box" : "warn-box")"><h2>Vấn đề (\(count))</h2>
            <ul class="problems">
            \(items)
            </ul></section>
            """
    }

    /// The same bulletins deferred from the same slot (or not aired) at several stations are
    /// one line naming the stations: a province's bulletins mostly go to every station.
    static func grouped(_ problems: [DayReport.Problem]) -> [(problem: DayReport.Problem, stations: [String])] {
        let merged: Set<String> = [DayReport.ProblemKind.deferred.rawValue, DayReport.ProblemKind.notAired.rawValue]
        var groups: [(problem: DayReport.Problem, stations: [String])] = []
        for problem in problems {
            if merged.contains(problem.kind), let station = problem.station,
               let at = groups.firstIndex(where: { $0.problem.kind == problem.kind && $0.problem.slot == problem.slot
                                                   && $0.problem.bulletins == problem.bulletins }) {
                groups[at].stations.append(station)
            } else {
                groups.append((problem, problem.station.map { [$0] } ?? []))
            }
        }
        return groups
    }

    static func problem(_ problem: DayReport.Problem, stations: [String], titles: [String: String]) -> String {
        let label = problem.severity == "error" ? "<span class=\"bad\">lỗi</span>" : "<span class=\"warn\">lưu ý</span>"
        let place = [stations.isEmpty ? nil : stations.joined(separator: ", "), problem.slot].compactMap { $0 }
            .map(HTML.escape).joined(separator: " · ")
        let at = place.isEmpty ? "" : "<b>\(place)</b>: "
        let bulletins = (problem.bulletins ?? []).map { bulletin(id: $0, titles: titles) }.joined(separator: "; ")
        let text: String
        switch DayReport.ProblemKind(rawValue: problem.kind) {
        case .diagnostic:
            let file = (problem.file ?? "") + (problem.line.map { ":\($0)" } ?? "")
            text = "<code>\(HTML.escape(file))</code> \(HTML.escape(problem.message))"
        case .stationFailed:
            text = "\(at)không dựng được đài này. \(HTML.escape(problem.message))"
        case .overSlot:
            text = "\(at)chương trình dài hơn thời lượng tối đa của buổi. <span class=\"muted\">\(HTML.escape(problem.message))</span>"
        case .notAired:
            text = "\(at)không phát được hôm nay (không buổi nào còn chỗ): \(bulletins)"
        case .deferred:
            text = "\(at)hoãn sang buổi sau (không vừa buổi này): \(bulletins)"
        case .underMinimum:
            text = "\(at)chương trình ngắn hơn thời lượng tối thiểu của buổi. <span class=\"muted\">\(HTML.escape(problem.message))</span>"
        case nil:
            text = "\(at)\(HTML.escape(problem.message))"
        }
        return "<li>\(label) \(text)</li>"
    }

    /// A bulletin by its title in quotes (its id, the file's name, on hover), or by its id.
    static func bulletin(id: String, titles: [String: String]) -> String {
        guard let title = titles[id] else { return "<code>\(HTML.escape(id))</code>" }
        return "<q title=\"\(HTML.escape(id))\">\(HTML.escape(title))</q>"
    }

    // MARK: Figures

    /// The day's figures as tiles that wrap on a phone.
    static func figures(_ report: DayReport) -> String {
        let f = report.figures
        let share = f.airedMs > 0 ? " = \(percent(Double(f.distinctAudioMs) / Double(f.airedMs))) thời lượng phát" : ""
        let scope = f.audioFor.count < f.stations ? " (cho \(f.audioFor.map(HTML.escape).joined(separator: ", ")))" : ""
        let tiles = [("\(f.stations)", "đài"), ("\(f.programmes)", "chương trình"), ("\(f.itemsAired)", "mục được phát"),
                     (HTML.clock(f.airedMs), "tổng thời lượng phát"),
                     (HTML.clock(f.distinctAudioMs), "âm thanh làm một lần, \(f.distinctTakes) đoạn\(scope)\(share)")]
        return "<ul class=\"figs\">" + tiles.map { "<li><b class=\"num\">\($0.0)</b> \($0.1)</li>" }.joined() + "</ul>"
    }

    static func runSection(_ run: BuildRun) -> String {
        var facts = ["Xong lúc \(HTML.escape(run.finished))",
                     "viết lại \(run.rewrittenProgrammes) chương trình"]
        if !run.keptUnchanged.isEmpty {
            facts.append("giữ nguyên \(run.keptUnchanged.count) đài (\(run.keptUnchanged.map(HTML.escape).joined(separator: ", ")))")
        }
        facts.append("tổng hợp mới \(run.synthesized) câu, xử lý mới \(run.mastered) đoạn")
        if let found = run.cacheTakesFound, let lengths = run.cacheLengthsFound {
            var cache = "bộ nhớ đệm có sẵn: \(found) đoạn đã xử lý, \(lengths) độ dài câu"
            if let damaged = run.cacheDamaged, damaged > 0 { cache += ", <span class=\"warn\">\(damaged) mục hỏng đã làm lại</span>" }
            facts.append(cache)
        } else {
            facts.append("không dùng bộ nhớ đệm")
        }
        let total = run.stages.reduce(0) { $0 + $1.seconds }
        let rows = run.stages.map { stage in
            let width = total > 0 ? stage.seconds / total * 100 : 0
            return "<tr><td>\(HTML.escape(stageName(stage.stage)))</td><td class=\"num\">\(seconds(stage.seconds))</td>"
                + "<td class=\"wide\"><div class=\"bar\"><i style=\"width:\(number(width))%\"></i></div></td></tr>"
        }.joined(separator: "\n")
        return """
            <h2>Lần dựng này</h2>
            <p>\(facts.joined(separator: " · "))</p>
            <h3>Thời gian đã dùng (tổng \(seconds(total)))</h3>
            <table class="stages"><tbody>
            \(rows)
            </tbody></table>
            """
    }

    static func stageName(_ stage: String) -> String {
        switch stage {
        case "reading": return "Đọc bản tin và cấu hình"
        case "speech": return "Tổng hợp giọng đọc"
        case "takes": return "Xử lý âm thanh"
        case "packs": return "Ghi các gói"
        case "swap": return "Thay ngày"
        case "cache": return "Dọn bộ nhớ đệm"
        default: return stage
        }
    }

    // MARK: Stations

    static func station(_ station: DayReport.Station, titles: [String: String]) -> String {
        let previous = station.status == "previous" ? " <span class=\"warn\">bản dựng trước</span>" : ""
        let notAired = station.notAired.isEmpty ? ""
            : "<p class=\"bad\">Không phát: \(station.notAired.map { bulletin(id: $0, titles: titles) }.joined(separator: "; "))</p>"
        return """
            <section class="station" id="\(HTML.escape(station.code))">
            <h3><a href="\(HTML.escape(station.code))/">\(HTML.escape(station.code))</a> \(HTML.escape(station.name))\(previous) \
            <span class="muted">\(HTML.escape(station.district))</span></h3>
            \(station.slots.map { slot($0, titles: titles) }.joined(separator: "\n"))
            \(notAired)
            </section>
            """
    }

    static func slot(_ slot: DayReport.Slot, titles: [String: String]) -> String {
        let over = slot.durationMs > slot.maxMs
        let short = slot.minMs.map { slot.durationMs < $0 } ?? false
        // The maximum is the full width, unless the programme is longer: then its end is.
        let scale = Double(max(slot.maxMs, slot.durationMs, 1))
        var bar = ""
        for (position, item) in slot.items.enumerated() {
            let alternate = item.kind == "bulletin" || item.kind == "recording" ? (position % 2 == 0 ? " alt" : "") : ""
            let tip = "\(position + 1). \(HTML.clock(item.startMs))–\(HTML.clock(item.startMs + item.durationMs)) \(item.title)"
            bar += "<i class=\"seg k-\(HTML.escape(item.kind))\(alternate)\" style=\"left:\(number(Double(item.startMs) / scale * 100))%;"
                + "width:\(number(Double(item.durationMs) / scale * 100))%\" title=\"\(HTML.escape(tip))\">\(position + 1)</i>"
        }
        if over {
            let at = Double(slot.maxMs) / scale * 100
            bar += "<b class=\"overflow\" style=\"left:\(number(at))%;width:\(number(100 - at))%\"></b>"
                + "<b class=\"max\" style=\"left:\(number(at))%\"></b>"
        }
        if let minMs = slot.minMs, minMs < slot.maxMs {
            bar += "<b class=\"min\" style=\"left:\(number(Double(minMs) / scale * 100))%\"></b>"
        }
        let length = "<span class=\"num\(over ? " bad" : short ? " warn" : "")\">\(HTML.clock(slot.durationMs)) / \(HTML.clock(slot.maxMs))</span>"
        let free = over ? "vượt \(HTML.clock(slot.durationMs - slot.maxMs))" : "còn trống \(HTML.clock(slot.maxMs - slot.durationMs))"
        let items = slot.items.map { item in
            "<li><span class=\"num\">\(HTML.clock(item.startMs))</span> \(HTML.escape(item.title)) "
                + "<span class=\"muted\">\(HTML.clock(item.durationMs))\(item.kind == "recording" ? " · bản ghi âm" : "")</span></li>"
        }.joined()
        let deferred = slot.deferred.isEmpty ? ""
            : "<details><summary class=\"warn\">\(slot.deferred.count) bản tin hoãn sang buổi sau</summary><ul class=\"tl-items\">"
                + slot.deferred.map { "<li>\(bulletin(id: $0, titles: titles))</li>" }.joined() + "</ul></details>"
        return """
            <div class="slot"><div><b>\(HTML.escape(slot.id))</b> <span class="muted">\(HTML.escape(slot.start))</span> \(length) \
            <span class="muted">\(free)</span></div>
            <div class="tl\(over ? " tl-over" : "")" role="img" aria-label="\(HTML.escape(slot.id)): \(slot.items.count) mục">\(bar)</div>
            <details><summary>\(slot.items.count) mục</summary><ol class="tl-items">\(items)</ol></details>
            \(deferred)</div>
            """
    }

    // MARK: Numbers

    /// A percentage or a position for CSS: two decimals, a point (CSS wants one).
    static func number(_ value: Double) -> String {
        let hundredths = Int((max(0, value) * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// `0,42` as `42%`.
    static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }

    /// Seconds for people: `8,4 giây` below a minute, `m:ss` from there.
    static func seconds(_ value: Double) -> String {
        if value >= 60 { return HTML.clock(Int(value * 1000)) }
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10),\(tenths % 10) giây"
    }

    static let style = """
        .box{border:1px solid #ccc;border-radius:.4rem;padding:.2rem .8rem;margin:.6rem 0}
        .bad-box{border-color:#c62828;background:#fdecea}.warn-box{border-color:#b26a00;background:#fff4e0}.ok{border-color:#2e7d32;background:#edf7ee}
        ul.figs{list-style:none;padding:0;margin:.6rem 0;display:flex;flex-wrap:wrap;gap:.4rem}
        ul.figs li{border:1px solid #ddd;border-radius:.3rem;padding:.25rem .5rem;font-size:.85rem;color:#444}ul.figs b{font-size:1.05rem;color:#1b1b1b}
        h3{font-size:1rem;margin:.9rem 0 .3rem}q{quotes:"“" "”"}
        .station{border-top:1px solid #ddd;margin-top:.8rem}
        .slot{margin:.5rem 0 .7rem}
        .tl{position:relative;height:1.5rem;background:#eceff1;border-radius:.2rem;margin:.2rem 0;overflow:hidden}
        .tl i.seg{position:absolute;top:0;bottom:0;display:block;overflow:hidden;white-space:nowrap;font-size:.7rem;font-style:normal;
          line-height:1.5rem;text-align:center;color:#fff;border-right:1px solid #fff;box-sizing:border-box}
        .k-opening,.k-closing{background:#78909c}.k-bulletin{background:#1565c0}.k-bulletin.alt{background:#42a5f5}
        .k-recording{background:#6a1b9a}.k-recording.alt{background:#ab47bc}
        .tl b{position:absolute;top:0;bottom:0;display:block}
        .tl b.overflow{background:repeating-linear-gradient(45deg,rgba(198,40,40,.55) 0 4px,rgba(198,40,40,.25) 4px 8px)}
        .tl b.max{width:2px;background:#c62828}.tl b.min{width:0;border-left:2px dashed #555}
        .tl-over{outline:2px solid #c62828}
        i.key{display:inline-block;width:.8rem;height:.8rem;border-radius:.15rem;vertical-align:middle}
        ol.tl-items{padding-left:1.6rem;margin:.2rem 0;font-size:.9rem}details summary{cursor:pointer;font-size:.85rem;color:#0b57d0}
        table.stages td.wide{width:50%}
        """
}
