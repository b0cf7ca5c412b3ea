import Foundation
import Packaging
import Programme
import Signing

/// The bundled sample province built once per test process, shared by the tests that
/// only read its output.
actor SampleBuild {
    static let shared = SampleBuild()
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let date = CalendarDate(iso: "2021-09-24")!
    /// The department key the sample is signed with in tests (the README build makes its own).
    static let key = DepartmentSecretKey.generate()

    private var built: (report: DayBuildReport, day: URL)?

    static func options(output: URL, bulletins: URL = root.appendingPathComponent("Bulletins")) -> DayBuildOptions {
        DayBuildOptions(date: date, config: root.appendingPathComponent("loa.yaml"), bulletins: bulletins,
                        voices: root.appendingPathComponent("Voices"), output: output, signing: .key(key))
    }

    /// A fresh, empty folder for one test, inside `scratchRoot`.
    static func scratch() throws -> URL {
        let url = scratchRoot.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Every scratch folder of this test process lives under one root, `loa-it-<pid>-<uuid>`
    /// in the temporary directory, removed when the process exits. Why: a run builds the
    /// sample province dozens of times (hundreds of MB each), and folders left behind by
    /// each run filled the disk until builds failed. Roots of processes that died without
    /// exiting (killed, crashed) are removed by the next run.
    static let scratchRoot: URL = {
        let temporary = FileManager.default.temporaryDirectory
        removeAbandonedScratchRoots(in: temporary)
        let root = temporary.appendingPathComponent("loa-it-\(getpid())-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: SampleBuild.scratchRoot) }
        return root
    }()

    /// Removes `loa-it-<pid>-…` roots whose process no longer exists.
    private static func removeAbandonedScratchRoots(in temporary: URL) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: temporary.path)) ?? []
        for name in names where name.hasPrefix("loa-it-") {
            guard let pid = Int32(name.dropFirst("loa-it-".count).prefix { $0 != "-" }),
                  kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(at: temporary.appendingPathComponent(name))
        }
    }

    /// The build's report and its `Output/<date>` folder.
    func result() async throws -> (report: DayBuildReport, day: URL) {
        if let built { return built }
        let output = try Self.scratch()
        let report = await DayBuild(options: Self.options(output: output)).run()
        let day = output.appendingPathComponent(Self.date.description)
        built = (report, day)
        return (report, day)
    }

    /// Every station's manifest.
    func manifests() async throws -> [StationManifest] {
        let day = try await result().day
        let index = try JSONFile.read(DayIndex.self, from: day.appendingPathComponent("index.json"))
        return try index.stations.map { try JSONFile.read(StationManifest.self, from: day.appendingPathComponent($0.manifest)) }
    }
}
