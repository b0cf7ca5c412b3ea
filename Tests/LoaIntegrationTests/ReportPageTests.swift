import AsyncHTTPClient
import Foundation
import Packaging
@testable import Serving
import XCTest

/// Issue 14, item 4: `/<date>/report` served by `loa serve`: problems first (red), the day's
/// figures, a time line per slot of every station, staff's text escaped, linked from the
/// board and the days list.
final class ReportPageTests: XCTestCase {
    /// A tiny province whose day has a problem (a bulletin file without its header) and a
    /// bulletin whose title is markup.
    static func dayWithProblems() async throws -> TinyProvince {
        let province = try TinyProvince.make()
        try TinyProvince.bulletin(title: "<script>alert(\"x\")</script> Họp dân", targets: "station:TL",
                                  body: "Tối nay họp dân tại nhà văn hoá thôn.")
            .write(to: province.bulletins("a").appendingPathComponent("hop-dan.txt"), atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(at: SampleBuild.root.appendingPathComponent("Tests/ProgrammeTests/Fixtures/bad-input/missing-header.txt"),
                                         to: province.bulletins("a").appendingPathComponent("zz-missing-header.txt"))
        var options = province.options("a")
        options.signing = .unsigned
        let report = await DayBuild(options: options).run()
        XCTAssertEqual(report.outcome, .partial, "\(report.diagnostics)")
        return province
    }

    func get(_ server: RunningServer, _ path: String) async throws -> (Int, String) {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: server.base.absoluteString + path), timeout: .seconds(30))
        var body = Data()
        for try await buffer in response.body { body.append(contentsOf: buffer.readableBytesView) }
        return (Int(response.status.code), String(decoding: body, as: UTF8.self))
    }

    func testTheReportPageShowsProblemsFirstAndATimelinePerSlot() async throws {
        let province = try await Self.dayWithProblems()
        defer { try? FileManager.default.removeItem(at: province.root) }
        let server = try await RunningServer.start(output: province.output)
        do {
            let (status, page) = try await get(server, "2021-09-24/report")
            XCTAssertEqual(status, 200)
            XCTAssertTrue(page.contains("<html lang=\"vi\">"))
            XCTAssertTrue(page.contains("name=\"viewport\""))
            XCTAssertTrue(page.contains("Báo cáo dựng"))
            // Problems first, in red, with the file of the bad bulletin.
            let problems = try XCTUnwrap(page.range(of: "<section class=\"box bad-box\">"), page)
            let firstStation = try XCTUnwrap(page.range(of: "<section class=\"station\""))
            XCTAssertLessThan(problems.lowerBound, firstStation.lowerBound, "problems before the stations")
            XCTAssertTrue(page.contains("zz-missing-header.txt"))
            // A time line for every slot of every station, items as segments.
            let report = try JSONFile.read(DayReport.self, from: province.day.appendingPathComponent(DayReport.fileName))
            XCTAssertEqual(report.stations.map(\.code), ["PD", "HT", "TL"])
            XCTAssertEqual(page.components(separatedBy: "<div class=\"tl").count - 1, 6, "3 stations × 2 slots")
            for station in report.stations {
                XCTAssertTrue(page.contains("<section class=\"station\" id=\"\(station.code)\">"), station.code)
                for slot in station.slots {
                    XCTAssertEqual(page.components(separatedBy: "class=\"seg k-").count > slot.items.count, true)
                }
            }
            // Staff's text is text.
            XCTAssertFalse(page.contains("<script>alert"), "a title is never markup")
            XCTAssertTrue(page.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Họp dân"))
            XCTAssertFalse(page.contains(province.root.path + "/Output"), "no output paths")

            // Linked from the board and the days list; the data beside it.
            let (_, board) = try await get(server, "2021-09-24/")
            XCTAssertTrue(board.contains("<a href=\"report\">"))
            let (_, days) = try await get(server, "")
            XCTAssertTrue(days.contains("href=\"/2021-09-24/report\""))
            let (jsonStatus, json) = try await get(server, "2021-09-24/report.json")
            XCTAssertEqual(jsonStatus, 200)
            XCTAssertEqual(try JSONFile.decode(DayReport.self, from: Data(json.utf8)), report)
            // The run is shown, never served.
            XCTAssertTrue(page.contains("Thời gian đã dùng"))
            let (hidden, _) = try await get(server, "2021-09-24/" + BuildRun.fileName)
            XCTAssertEqual(hidden, 400)
            let (missing, _) = try await get(server, "2021-09-25/report")
            XCTAssertEqual(missing, 404)
            // A day an older Loa built (no report): the page says how to get one.
            try FileManager.default.removeItem(at: province.day.appendingPathComponent(DayReport.fileName))
            let (older, olderPage) = try await get(server, "2021-09-24/report")
            XCTAssertEqual(older, 200)
            XCTAssertTrue(olderPage.contains("Chưa có báo cáo dựng") && olderPage.contains("loa build --force"))
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    /// A programme over its slot is drawn to its end with the part past the maximum marked,
    /// and the page says so first; the widths stay within the bar.
    func testAProgrammeOverItsSlotIsMarked() async throws {
        let province = try TinyProvince.make()
        defer { try? FileManager.default.removeItem(at: province.root) }
        _ = await DayBuild(options: province.options("a")).run()
        var report = try JSONFile.read(DayReport.self, from: province.day.appendingPathComponent(DayReport.fileName))
        report.stations[0].slots[0].maxMs = report.stations[0].slots[0].durationMs / 2
        report.problems = [DayReport.Problem(kind: "over-slot", severity: "error", station: "PD", slot: "sang", message: "over")]
            + ["PD", "HT"].map { DayReport.Problem(kind: "deferred", severity: "warning", station: $0, slot: "sang",
                                                   bulletins: ["mua-lon"], message: "deferred") }
        report.titles = ["mua-lon": "Cảnh báo <mưa> lớn"]
        let page = ReportPage.render(report, run: nil)
        XCTAssertTrue(page.contains("class=\"overflow\" style=\"left:50.00%;width:50.00%\"")
                      || page.contains("class=\"overflow\" style=\"left:49.99%"), page)
        XCTAssertTrue(page.contains("PD · sang</b>: chương trình dài hơn"))
        XCTAssertTrue(page.contains("vượt "))
        XCTAssertTrue(page.contains("<b>PD, HT · sang</b>: hoãn sang buổi sau"), "the same deferral at two stations is one line")
        XCTAssertTrue(page.contains("<q title=\"mua-lon\">Cảnh báo &lt;mưa&gt; lớn</q>"))
        XCTAssertTrue(page.contains("Vấn đề (1 lỗi, 2 lưu ý)"))
        for match in page.components(separatedBy: "style=\"left:").dropFirst() {
            let value = Double(match.prefix { $0 != "%" }) ?? -1
            XCTAssertTrue((0...100).contains(value), "position \(value)% inside the bar")
        }
    }
}
