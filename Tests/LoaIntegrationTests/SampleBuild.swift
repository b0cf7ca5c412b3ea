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

    static func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("loa-it-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
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
