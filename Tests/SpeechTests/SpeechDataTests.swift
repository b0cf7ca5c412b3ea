import Foundation
import Testing
@testable import Speech

/// Loa's own Vietnamese data (issue 10): compiled from the sources in `Voices/espeak-ng/`
/// by libespeak-ng's compiler, reproducibly, again only when they change; the system's data
/// ("stock") stays the baseline and sounds as it always did.
@Suite("Speech data", .serialized)
struct SpeechDataTests {
    static let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Voices/espeak-ng")

    static func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("loa-speech-data-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Every file of a folder, relative path → bytes.
    static func files(_ folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        for path in FileManager.default.subpaths(atPath: folder.path) ?? [] {
            let url = folder.appendingPathComponent(path)
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue else { continue }
            result[path] = try Data(contentsOf: url)
        }
        return result
    }

    @Test func theSameSourcesCompileToTheSameBytes() async throws {
        let version = try await SpeechEngine.shared.engineVersion()
        let first = try Self.scratch(), second = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: first); try? FileManager.default.removeItem(at: second) }
        let a = try SpeechDataCompiler.dataFolder(for: Self.source, engineVersion: version, cache: first)
        let b = try SpeechDataCompiler.dataFolder(for: Self.source, engineVersion: version, cache: second)
        let filesA = try Self.files(a), filesB = try Self.files(b)
        for name in ["phondata", "phonindex", "phontab", "intonations", "vi_dict", "lang/aav/vi"] {
            #expect(filesA[name] != nil, "\(name) missing")
        }
        #expect(filesA == filesB)
        // The folder is named by the sources: asking again finds it, without compiling.
        #expect(try SpeechDataCompiler.dataFolder(for: Self.source, engineVersion: version, cache: first).path == a.path)
    }

    /// Sources reached through a symbolic link compile like any others and are left as they
    /// were (a copy of the link once sent the compiler's output into them).
    @Test func sourcesBehindASymbolicLinkAreNotWrittenTo() async throws {
        let version = try await SpeechEngine.shared.engineVersion()
        let cache = try Self.scratch(), folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: cache); try? FileManager.default.removeItem(at: folder) }
        let real = folder.appendingPathComponent("sources"), link = folder.appendingPathComponent("espeak-ng")
        try FileManager.default.copyItem(at: Self.source, to: real)
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: real)
        let before = try Self.files(real)
        let data = try SpeechDataCompiler.dataFolder(for: link, engineVersion: version, cache: cache)
        #expect(FileManager.default.fileExists(atPath: data.appendingPathComponent("vi_dict").path))
        #expect(try Self.files(real) == before, "nothing written into the sources")
    }

    /// Sources behind a link are keyed by what they hold: a change made through the link
    /// is compiled again, and the link and the folder it names get the same data. (The key
    /// once saw no files behind a link, so every linked folder shared one stale compile.)
    @Test func sourcesBehindASymbolicLinkAreKeyedByTheirContent() async throws {
        let version = try await SpeechEngine.shared.engineVersion()
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let real = folder.appendingPathComponent("sources"), link = folder.appendingPathComponent("espeak-ng")
        try FileManager.default.copyItem(at: Self.source, to: real)
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: real)
        let direct = try SpeechDataCompiler.sourceKey(real, engineVersion: version)
        #expect(try SpeechDataCompiler.sourceKey(link, engineVersion: version) == direct)
        let list = real.appendingPathComponent("dictsource/vi_list")
        try (String(contentsOf: list, encoding: .utf8) + "\nba\tb'on2\n").write(to: list, atomically: true, encoding: .utf8)
        #expect(try SpeechDataCompiler.sourceKey(link, engineVersion: version) != direct)
        #expect(throws: SpeechError.self) { try SpeechDataCompiler.sourceKey(folder.appendingPathComponent("none"), engineVersion: version) }
    }

    @Test func aChangedSourceIsCompiledAgain() async throws {
        let version = try await SpeechEngine.shared.engineVersion()
        let cache = try Self.scratch(), copy = try Self.scratch().appendingPathComponent("espeak-ng")
        defer { try? FileManager.default.removeItem(at: cache); try? FileManager.default.removeItem(at: copy.deletingLastPathComponent()) }
        try FileManager.default.copyItem(at: Self.source, to: copy)
        let before = try SpeechDataCompiler.dataFolder(for: copy, engineVersion: version, cache: cache)
        // Say "ba" (three) as "bốn" (four): a change to the word list.
        let list = copy.appendingPathComponent("dictsource/vi_list")
        try (String(contentsOf: list, encoding: .utf8) + "\nba\tb'on2\n").write(to: list, atomically: true, encoding: .utf8)
        let after = try SpeechDataCompiler.dataFolder(for: copy, engineVersion: version, cache: cache)
        #expect(after != before)
        #expect(try Data(contentsOf: after.appendingPathComponent("vi_dict")) != Data(contentsOf: before.appendingPathComponent("vi_dict")))
        #expect(try Data(contentsOf: after.appendingPathComponent("phondata")) == Data(contentsOf: before.appendingPathComponent("phondata")))
    }

    /// A word the Vietnamese rules hand to English (a foreign word in no lexicon) reads in
    /// English with Loa's data, phoneme for phoneme as with the stock data: Loa compiles
    /// upstream's English phoneme table and borrows the system's English dictionary, whose
    /// phoneme codes must be that table's. Without them the word was spelled letter by letter.
    @Test func aForeignWordReadsInEnglishAsWithTheStockData() async throws {
        let words = ["Telehealth", "Phenikaa", "Samsung", "Ecabineet"]
        let loa = try await SpeechEngine.shared.phonemes(sentences: words, voice: try await RegionalReadingTests.voice("vi"))
        let stock = try await SpeechEngine.shared.phonemes(sentences: words, voice: try await RegionalReadingTests.voice("vi", stock: true))
        #expect(loa == stock)
        #expect(loa.allSatisfy { $0.hasPrefix("(en) ") }, "\(loa)")
    }

    @Test func aStockVoiceSoundsExactlyAsBefore() async throws {
        // Recorded with the system's espeak-ng 1.51 data before Loa had data of its own.
        let voice = VoiceProfile(id: "bac", espeakVoice: "vi", rate: 135, pitch: 45, pitchRange: 45, volume: 100,
                                 sentencePauseMs: 450, paragraphPauseMs: 900)
        let clip = try await SpeechEngine.shared.synthesize(
            paragraphs: [["hai nghìn người ở mươi lăm xã được tiêm vắc xin."]], voice: voice)
        #expect(clip.frameCount == Self.stockFrames)
        #expect(fingerprint(clip.samples) == Self.stockFingerprint)
    }

    static let stockFrames = 62273
    static let stockFingerprint: UInt64 = 17_412_375_193_770_238_269
}
