import Foundation
import Packaging
import Programme
import Testing

/// A small file system of its own (tmpfs), mounted for a test where the machine allows it
/// (root, or a namespace with mount rights); the tests that need one are skipped elsewhere.
struct ScratchFileSystem {
    let mountPoint: URL

    /// Whether tmpfs can be mounted here.
    static let available: Bool = {
        guard let probe = try? ScratchFileSystem(megabytes: 1) else { return false }
        probe.unmount()
        return true
    }()

    init(megabytes: Int) throws {
        mountPoint = try SampleBuild.scratch()
        guard Self.mount(["-t", "tmpfs", "-o", "size=\(megabytes)m", "tmpfs", mountPoint.path]) else {
            try? FileManager.default.removeItem(at: mountPoint)
            throw CocoaError(.featureUnsupported)
        }
    }

    /// Makes the file system read-only (or writable again).
    func remount(readOnly: Bool) -> Bool {
        Self.mount(["-o", "remount,\(readOnly ? "ro" : "rw")", mountPoint.path])
    }

    func unmount() {
        _ = Self.run("/bin/umount", [mountPoint.path])
        try? FileManager.default.removeItem(at: mountPoint)
    }

    private static func mount(_ arguments: [String]) -> Bool { run("/bin/mount", arguments) }

    private static func run(_ tool: String, _ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}

/// Issue 9, defect 8: a read-only or full file system is a plain error naming the path and
/// the cause (exit status 3), and the previous day stays as it was.
@Suite(.serialized, .enabled(if: ScratchFileSystem.available, "needs to mount a tmpfs"))
struct FileSystemFailureTests {
    /// The tiny province with a good day on `fileSystem`, and the options of a second build.
    ///
    /// The good day is built by `loa` in a process of its own: a build in this process would
    /// leave the mount busy (speech workers forked by tests running beside this one inherit
    /// every descriptor open at the time, and a busy file system cannot be made read-only).
    func province(withADayOn fileSystem: ScratchFileSystem) throws -> (TinyProvince, DayBuildOptions) {
        let province = try TinyProvince.make()
        let arguments = province.arguments("a").map { $0 == province.output.path ? fileSystem.mountPoint.path : $0 }
        #expect(try LoaProcess.run(arguments) == 0)
        var second = province.options("b")
        second.output = fileSystem.mountPoint
        return (province, second)
    }

    @Test func aReadOnlyFileSystemLeavesTheDayAsItWas() async throws {
        let fileSystem = try ScratchFileSystem(megabytes: 256)
        defer { fileSystem.unmount() }
        let (province, second) = try province(withADayOn: fileSystem)
        defer { try? FileManager.default.removeItem(at: province.root) }
        let day = fileSystem.mountPoint.appendingPathComponent("2021-09-24")
        let before = contents(of: day)
        #expect(fileSystem.remount(readOnly: true))
        let report = await DayBuild(options: second).run()
        _ = fileSystem.remount(readOnly: false)
        #expect(report.outcome == .outputFailed)
        let message = report.diagnostics.last?.description ?? ""
        #expect(message.contains(fileSystem.mountPoint.path) && message.contains("read-only"), "\(message)")
        #expect(contents(of: day) == before)
    }

    @Test func aFullFileSystemIsRefusedUpFrontWithTheFigures() async throws {
        let fileSystem = try ScratchFileSystem(megabytes: 96)
        defer { fileSystem.unmount() }
        let (province, second) = try province(withADayOn: fileSystem)
        defer { try? FileManager.default.removeItem(at: province.root) }
        let day = fileSystem.mountPoint.appendingPathComponent("2021-09-24")
        let before = contents(of: day)
        // Fill it to within 40 MB of full.
        let free = try #require(FileManager.default.attributesOfFileSystem(forPath: fileSystem.mountPoint.path)[.systemFreeSize] as? Int)
        try Data(count: max(0, free - (40 << 20))).write(to: fileSystem.mountPoint.appendingPathComponent("filler"))
        let report = await DayBuild(options: second).run()
        #expect(report.outcome == .outputFailed)
        let message = report.diagnostics.last?.description ?? ""
        #expect(message.contains("not enough free space") && message.contains("MB free"), "\(message)")
        #expect(contents(of: day) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: fileSystem.mountPoint.path).filter { $0.hasSuffix(".partial") }.isEmpty)
    }
}
