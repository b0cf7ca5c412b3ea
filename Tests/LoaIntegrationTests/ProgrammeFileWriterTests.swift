import Foundation
import Testing
@testable import Packaging
import Programme

/// Programme files written from pieces (direct I/O where the file system allows it).
struct ProgrammeFileWriterTests {
    @Test("pieces are written back to back, hashed as written, with nothing left beside the file",
          arguments: [0, 1, 4095, 4096, 4097, (1 << 20) + 12_345, 3 << 20])
    func piecesBecomeTheFile(total: Int) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("loa-programme-file-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // Pieces of uneven sizes, like takes, with varied bytes: in memory, silence, and
        // 16-bit PCM from a spool (even sizes), in turn.
        let spool = try SoundSpool(directory: folder, name: "test")
        var pieces: [FilePiece] = []
        var expected: [UInt8] = []
        var made = 0
        var size = 417
        while made < total {
            let n = min(size, total - made)
            let bytes = (0..<n).map { UInt8(truncatingIfNeeded: (made + $0) &* 31 &+ $0 >> 7) }
            switch pieces.count % 3 {
            case 1:
                pieces.append(.zeros(n))
                expected += repeatElement(0, count: n)
            case 2 where n % 2 == 0:
                let samples = stride(from: 0, to: n, by: 2).map { Int16(bitPattern: UInt16(bytes[$0]) | UInt16(bytes[$0 + 1]) << 8) }
                let sound = SpooledSound(spool: spool, entry: try spool.append(samples[...]))
                pieces.append(.pcm(sound, frames: samples.count))
                expected += bytes
            default:
                pieces.append(.bytes(bytes))
                expected += bytes
            }
            made += n
            size = size * 3 % 700_001 + 1
        }
        let url = folder.appendingPathComponent("sang.mp3")
        let sha = try ProgrammeFile.write(pieces, to: url)
        let written = try Data(contentsOf: url)
        #expect(written == Data(expected))
        #expect(sha == Checksum.sha256(written))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["sang.mp3"])
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int)
        #expect(mode & 0o644 == 0o644)
    }
}
