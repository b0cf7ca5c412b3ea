import Foundation
import Packaging
import Programme

/// A province small enough to build in a couple of seconds, for the tests that build a day
/// many times (kills, races): three stations in two districts, two short slots, and two
/// editions of its bulletins (`a` and `b`) whose days differ in every station's files.
struct TinyProvince {
    static let date = CalendarDate(iso: "2021-09-24")!
    let root: URL
    var config: URL { root.appendingPathComponent("loa.yaml") }
    var output: URL { root.appendingPathComponent("Output") }
    var day: URL { output.appendingPathComponent(Self.date.description) }
    func bulletins(_ edition: String) -> URL { root.appendingPathComponent("Bulletins-\(edition)") }

    static let provinceYAML = """
    province: Thử nghiệm
    voice: bac
    slots:
      - id: sang
        start: "06:00"
        max: 3m
        label: buổi sáng
      - id: chieu
        start: "17:00"
        max: 3m
        label: buổi chiều
    announcements:
      opening: "Đây là Đài Truyền thanh {kind} {station}."
      closing: "Xin chào và hẹn gặp lại."
    districts:
      - code: HK
        name: huyện Hương Khê
        stations:
          - code: PD
            name: Phương Điền
            kind: xã
          - code: HT
            name: Hương Trạch
            kind: xã
            voice: nam
      - code: CL
        name: huyện Can Lộc
        stations:
          - code: TL
            name: Thiên Lộc
            kind: xã
    signing:
      key: keys/department.key
      make-if-missing: true
    approval: header
    """

    static func bulletin(title: String, targets: String = "all", priority: String = "normal", body: String) -> String {
        """
        ---
        title: \(title)
        approved-by: Nguyễn Văn An, Phó Giám đốc Sở
        approved-on: 2021-09-23
        valid-from: 2021-09-24
        priority: \(priority)
        targets: \(targets)
        ---
        \(body)

        """
    }

    /// A new province in a scratch folder, with both editions of its bulletins.
    static func make() throws -> TinyProvince {
        let province = TinyProvince(root: try SampleBuild.scratch())
        try provinceYAML.write(to: province.config, atomically: true, encoding: .utf8)
        let editions = [
            "a": [("lich-tiem", bulletin(title: "Lịch tiêm vắc-xin", body: "Ngày 25/9, trạm y tế xã tiêm vắc-xin mũi 2 cho người dân từ 18 tuổi.")),
                  ("mua-lon", bulletin(title: "Cảnh báo mưa lớn", targets: "district:HK",
                                       body: "Đêm nay có mưa to. Bà con không đi qua ngầm tràn."))],
            "b": [("lich-tiem", bulletin(title: "Lịch tiêm vắc-xin", body: "Ngày 26/9, trạm y tế xã tiêm vắc-xin mũi 3 cho người dân từ 50 tuổi.")),
                  ("mua-lon", bulletin(title: "Cảnh báo mưa lớn", targets: "district:HK",
                                       body: "Chiều nay có dông. Bà con chằng chống nhà cửa."))],
        ]
        for (edition, files) in editions {
            let folder = province.bulletins(edition)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for (name, text) in files {
                try text.write(to: folder.appendingPathComponent("\(name).txt"), atomically: true, encoding: .utf8)
            }
        }
        return province
    }

    /// Options for building `edition` in process.
    func options(_ edition: String, stations: [String]? = nil) -> DayBuildOptions {
        DayBuildOptions(date: Self.date, config: config, bulletins: bulletins(edition),
                        voices: SampleBuild.root.appendingPathComponent("Voices"), output: output, stations: stations)
    }

    /// `loa build` arguments for `edition`, as a station's department would run it.
    func arguments(_ edition: String) -> [String] {
        ["build", "--date", Self.date.description, "--config", config.path, "--bulletins", bulletins(edition).path,
         "--voices", SampleBuild.root.appendingPathComponent("Voices").path, "--output", output.path]
    }
}

/// Every file of a folder (relative path → SHA-256), to compare days byte for byte; but the
/// build's run (`BuildRun`: its time, what the cache held), which is not part of the day.
func contents(of folder: URL) -> [String: String] {
    var result: [String: String] = [:]
    for path in FileManager.default.subpaths(atPath: folder.path) ?? [] where path != BuildRun.fileName {
        let url = folder.appendingPathComponent(path)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue else { continue }
        result[path] = (try? Checksum.sha256(file: url)) ?? "unreadable"
    }
    return result
}

/// The `loa` executable built beside the tests, run as a person runs it.
enum LoaProcess {
    static var executable: URL {
        let tests = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
                        ?? CommandLine.arguments[0])
        return tests.deletingLastPathComponent().appendingPathComponent("loa")
    }

    /// Starts `loa` with `arguments`; `environment` is added to this process's.
    static func start(_ arguments: [String], environment: [String: String] = [:]) throws -> Process {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Runs `loa` to the end; its exit status (128 + signal when killed).
    @discardableResult
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Int32 {
        let process = try start(arguments, environment: environment)
        process.waitUntilExit()
        return status(process)
    }

    static func status(_ process: Process) -> Int32 {
        process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
    }
}
