import Foundation
import XCTest

/// Issue 11: the pages work in a real browser (Debian's headless Chromium): the board, a
/// station page and the build report render at phone width (screenshots kept in
/// `.build/screenshots/`), the player is there, and clicking an item moves the playback
/// position to the item's start.
final class BrowserTests: XCTestCase {
    func testBoardAndStationPageInHeadlessChromium() async throws {
        let chromium = try XCTUnwrap(findTool("chromium", "chromium-browser"), "scripts/setup installs chromium")
        let province = try await SignedDay.build()
        let server = try await RunningServer.start(output: province.output)
        do {
            try await check(chromium: chromium, province: province, server: server)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    private func check(chromium: String, province: TinyProvince, server: RunningServer) async throws {
        let shots = SampleBuild.root.appendingPathComponent(".build/screenshots")
        try FileManager.default.createDirectory(at: shots, withIntermediateDirectories: true)
        let profile = try SampleBuild.scratch()
        let common = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--mute-audio",
                      "--user-data-dir=\(profile.path)", "--no-first-run", "--window-size=412,915"]

        for (name, path) in [("board", "2021-09-24/"), ("station", "2021-09-24/PD/"), ("report", "2021-09-24/report")] {
            let png = shots.appendingPathComponent("\(name).png")
            try? FileManager.default.removeItem(at: png)
            let result = try runTool(chromium, common + ["--screenshot=\(png.path)", server.base.absoluteString + path])
            let size = (try? FileManager.default.attributesOfItem(atPath: png.path)[.size] as? Int) ?? 0
            XCTAssertGreaterThan(size ?? 0, 10_000, "\(name) screenshot: \(result.output.suffix(500))")
        }

        // Open the station page at its second item of the morning: the page clicks that item
        // (the same handler a person's click runs) and the player's position moves there.
        let manifestURL = province.day.appendingPathComponent("PD/manifest.json")
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: manifestURL)) as! [String: Any]
        let slots = manifest["slots"] as! [[String: Any]]
        let items = slots[0]["items"] as! [[String: Any]]
        let second = (items[1]["start_ms"] as! Int) / 1000
        XCTAssertGreaterThan(second, 0)
        let dom = try runTool(chromium, common + ["--virtual-time-budget=8000", "--dump-dom",
                                                  server.base.absoluteString + "2021-09-24/PD/#sang-2"])
        let expected = "<output id=\"pos-sang\">\(second / 60):\(second % 60 < 10 ? "0" : "")\(second % 60)</output>"
        XCTAssertTrue(dom.output.contains(expected), "expected \(expected) in the page: \(dom.output.prefix(3000))")
        XCTAssertTrue(dom.output.contains("<li class=\"now\"><button id=\"sang-2\""), "the clicked item is marked as playing")
        XCTAssertTrue(dom.output.contains("<audio id=\"audio-sang\""))
    }
}
