import Foundation
@testable import Packaging
import Programme
import Testing

/// Issue 14, item 2: `loa watch` rebuilds the day when bulletins come, change, go, or are
/// still being written, and keeps going through bad files.
@Suite(.serialized) struct WatchTests {
    /// Log lines, gathered from the watcher's task.
    final class Lines: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []
        /// Run on the watcher's own thread for each line, before the watcher goes on.
        private var hook: (@Sendable (String) -> Void)?
        func add(_ line: String) {
            let hook = lock.withLock { lines.append(line); return self.hook }
            hook?(line)
        }
        func onLine(_ hook: (@Sendable (String) -> Void)?) { lock.withLock { self.hook = hook } }
        var all: [String] { lock.withLock { lines } }
        /// The builds' summary lines so far.
        var builds: [String] { all.filter { $0.contains(": rebuilt in ") || $0.contains(": unchanged") || $0.contains("NOT rebuilt") } }
    }

    /// Waits until the watcher has logged more than `count` builds; the newest summary.
    func waitForBuild(after count: Int, _ lines: Lines) async throws -> String {
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            if lines.builds.count > count { return lines.builds.last! }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        Issue.record("no build within 120 s; log: \(lines.all.suffix(10))")
        return ""
    }

    func aired(_ province: TinyProvince, _ station: String) throws -> Set<String> {
        let manifest = try JSONFile.read(StationManifest.self, from: province.day.appendingPathComponent("\(station)/manifest.json"))
        return Set(manifest.slots.flatMap(\.items).map(\.id))
    }

    @Test func newChangedDeletedAndHalfWrittenFilesAreEachBuiltOnceWritten() async throws {
        let province = try TinyProvince.make()
        defer { try? FileManager.default.removeItem(at: province.root) }
        var build = province.options("a")
        build.takeCache = province.root.appendingPathComponent("cache")
        var options = WatchOptions(build: build)
        options.dates = [TinyProvince.date]
        options.interval = 0.1
        options.settle = 0.6
        let lines = Lines()
        let watcher = DayWatcher(options: options, log: { lines.add($0) })
        let task = Task { await watcher.run() }
        defer { task.cancel() }
        let folder = province.bulletins("a")

        // Started: builds the day.
        #expect(try await waitForBuild(after: 0, lines).contains("rebuilt"))
        #expect(try aired(province, "PD").contains("lich-tiem"))

        // A new file, for PD only.
        try TinyProvince.bulletin(title: "Cắt điện", targets: "station:PD", body: "Sáng mai cắt điện từ 7 giờ đến 11 giờ ở thôn Đông.")
            .write(to: folder.appendingPathComponent("cat-dien.txt"), atomically: true, encoding: .utf8)
        var summary = try await waitForBuild(after: 1, lines)
        #expect(summary.contains("3 programmes rewritten") == false)
        #expect(summary.contains("2 programmes rewritten in 1 stations"), "\(summary)")
        #expect(try aired(province, "PD").contains("cat-dien"))
        #expect(lines.all.contains { $0.contains("programmes changed: PD (sang, chieu)") })

        // A changed file (HK's rain warning: PD and HT).
        let htBefore = try Data(contentsOf: province.day.appendingPathComponent("HT/sang.mp3"))
        try TinyProvince.bulletin(title: "Cảnh báo mưa lớn", targets: "district:HK", body: "Đêm nay có mưa rất to. Bà con không đi qua ngầm tràn.")
            .write(to: folder.appendingPathComponent("mua-lon.txt"), atomically: true, encoding: .utf8)
        summary = try await waitForBuild(after: 2, lines)
        #expect(summary.contains("in 2 stations, 1 stations unchanged"), "\(summary)")
        #expect(try Data(contentsOf: province.day.appendingPathComponent("HT/sang.mp3")) != htBefore)

        // A deleted file.
        try FileManager.default.removeItem(at: folder.appendingPathComponent("cat-dien.txt"))
        summary = try await waitForBuild(after: 3, lines)
        #expect(!(try aired(province, "PD").contains("cat-dien")))
        let status = try #require(WatchStatus.read(from: Data(contentsOf: province.output.appendingPathComponent(WatchStatus.fileName))))
        #expect(status.events.last?.changes.contains { $0.hasPrefix("- ") && $0.hasSuffix("cat-dien.txt") } == true)

        // A half-written file: the first half; the rest is written the moment the watcher
        // says it has seen the half (from inside its log call, so however loaded the machine,
        // the watcher sees the file grow before it has settled).
        let text = TinyProvince.bulletin(title: "Họp dân", targets: "station:TL", body: "Tối nay họp dân ở nhà văn hoá thôn để bàn việc làm đường.")
        let bytes = Data(text.utf8)
        let url = folder.appendingPathComponent("hop-dan.txt")
        lines.onLine { line in
            guard line.hasPrefix("change seen:"), line.contains("hop-dan.txt"),
                  let handle = try? FileHandle(forWritingTo: url) else { return }
            _ = try? handle.seekToEnd()
            try? handle.write(contentsOf: bytes.suffix(from: bytes.count / 2))
            try? handle.close()
        }
        try bytes.prefix(bytes.count / 2).write(to: url)
        summary = try await waitForBuild(after: 4, lines)
        lines.onLine(nil)
        #expect(lines.all.contains { $0.hasPrefix("change seen:") && $0.contains("hop-dan.txt") })
        #expect(try aired(province, "TL").contains("hop-dan"))
        #expect(!lines.all.contains { $0.contains("hop-dan.txt") && $0.contains("error") }, "the half file was read")
        try await Task.sleep(nanoseconds: 1_000_000_000)
        #expect(lines.builds.count == 5, "one build for the file, not one for each half")

        // A bad file is reported, the others still air, and the watcher goes on.
        try Data([0x00, 0xFF, 0x10, 0x00]).write(to: folder.appendingPathComponent("hong.txt"))
        summary = try await waitForBuild(after: 5, lines)
        #expect(lines.all.contains { $0.contains("hong.txt") && $0.contains("error") })
        #expect(try aired(province, "TL").contains("hop-dan"))
        let after = try #require(WatchStatus.read(from: Data(contentsOf: province.output.appendingPathComponent(WatchStatus.fileName))))
        #expect(after.problems[TinyProvince.date.description]?.contains { $0.contains("hong.txt") } == true)
        #expect(DayVerification.problems(in: province.day).isEmpty)
        task.cancel()
        _ = await task.value

        // Started again: a file dropped while it was down is picked up; nothing else is rebuilt.
        try FileManager.default.removeItem(at: folder.appendingPathComponent("hong.txt"))
        let restarted = Lines()
        let again = Task { await DayWatcher(options: options, log: { restarted.add($0) }).run() }
        defer { again.cancel() }
        summary = try await waitForBuild(after: 0, restarted)
        #expect(summary.contains("0 programmes rewritten in 0 stations, 3 stations unchanged"), "\(summary)")
    }
}
