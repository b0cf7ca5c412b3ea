import Foundation
import Testing

/// `loa normalize` as staff run it: on a file, and on a pipe (`loa normalize <(…)`), which
/// has no size and which `FileManager.contents(atPath:)` cannot read.
struct NormalizeCommandTests {
    /// Runs `loa normalize --lines PATH`, feeding `fifoText` into PATH when it is a FIFO;
    /// returns the exit status and what was printed on standard output and standard error.
    private func normalize(_ path: String, fifoText: String? = nil) throws -> (Int32, String, String) {
        let process = Process()
        process.executableURL = LoaProcess.executable
        process.arguments = ["normalize", "--lines", path]
        let output = Pipe()
        process.standardOutput = output
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        if let fifoText {
            let writer = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            writer.write(Data(fifoText.utf8))
            try writer.close()
        }
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        let complaint = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (LoaProcess.status(process), String(decoding: printed, as: UTF8.self),
                String(decoding: complaint, as: UTF8.self))
    }

    @Test func readsATextFromAPipe() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("loa-it-normalize-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("bulletin.fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)

        let (status, printed, _) = try normalize(fifo, fifoText: "Họp lúc 7 giờ.\n")

        #expect(status == 0)
        #expect(printed == "họp lúc bảy giờ.\n")
    }

    @Test func aMissingFileIsNamedInTheError() throws {
        let (status, printed, complaint) = try normalize("/nonexistent/loa-bulletin.txt")
        #expect(status != 0)
        #expect(printed.isEmpty)
        #expect(complaint.contains("cannot read /nonexistent/loa-bulletin.txt"))
    }
}
