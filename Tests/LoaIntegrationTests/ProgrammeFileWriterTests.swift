import Foundation
import Testing
@testable import Packaging

/// Programme files written from pieces (direct I/O where the file system allows it).
struct ProgrammeFileWriterTests {
    @Test("pieces are written back to back, hashed as written, with nothing left beside the file",
          arguments: [0, 1, 4095, 4096, 4097, (1 << 20) + 12_345, 3 << 20])
    func piecesBecomeTheFile(total: Int) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("loa-programme-file-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // Pieces of uneven sizes, like takes, with varied bytes.
        var pieces: [[UInt8]] = []
        var made = 0
        var size = 417
        while made < total {
            let n = min(size, total - made)
            pieces.append((0..<n).map { UInt8(truncatingIfNeeded: (made + $0) &* 31 &+ $0 >> 7) })
            made += n
            size = size * 3 % 700_001 + 1
        }
        let url = folder.appendingPathComponent("sang.mp3")
        let sha = try ProgrammeFile.write(pieces, to: url)
        let written = try Data(contentsOf: url)
        #expect(written == Data(pieces.joined()))
        #expect(sha == Checksum.sha256(written))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["sang.mp3"])
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int)
        #expect(mode & 0o644 == 0o644)
    }
}
