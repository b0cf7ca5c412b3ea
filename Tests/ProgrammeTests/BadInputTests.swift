import Foundation
import Testing
@testable import Programme

/// Every kind of bad input gets one clear message naming the file (and line) and what was
/// expected; the good bulletin beside it is still read; nothing in the folder changes.
@Suite struct BadInputTests {
    /// Loads `good.txt` together with `name` from the fixtures, through the library and the
    /// validator, in a scratch folder; checks the folder is byte-identical afterwards.
    func load(_ name: String) throws -> (ids: [String], diagnostics: [Diagnostic]) {
        let folder = try Fixture.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for file in ["good.txt", name] {
            try FileManager.default.copyItem(at: Fixture.badInput.appendingPathComponent(file),
                                             to: folder.appendingPathComponent(file))
        }
        let before = try snapshot(folder)
        let loaded = BulletinLibrary.load(directory: folder, displayPrefix: "Bulletins")
        let validated = BulletinValidator.validate(loaded.bulletins, province: try Fixture.province(), voices: Fixture.voices())
        #expect(try snapshot(folder) == before, "the bulletins folder must not change")
        return (validated.valid.map(\.id), loaded.diagnostics + validated.diagnostics)
    }

    func snapshot(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            files[name] = try Data(contentsOf: folder.appendingPathComponent(name))
        }
        return files
    }

    /// (fixture, line expected in the message or nil, words the message must contain)
    static let cases: [(String, Int?, String)] = [
        ("unknown-encoding.txt", 2, "cannot tell which encoding this file is in"),
        ("missing-header.txt", 1, "expected a header"),
        ("unterminated-header.txt", 1, "never closed"),
        ("impossible-date.txt", nil, "'2021-02-30' is not a real date; expected YYYY-MM-DD"),
        ("unknown-station.txt", nil, "station 'XYZ', which is not in the province"),
        ("unknown-district.txt", nil, "district 'QQ', which is not in the province"),
        ("unknown-voice.txt", nil, "voice 'hue' has no profile"),
        ("empty-body.txt", nil, "body after the header is empty"),
        ("binary.txt", nil, "binary file"),
        ("emoji-body.txt", 9, "the body has 0 Vietnamese (Latin) letters; there is nothing to read aloud"),
        ("chinese-body.txt", 9, "letters of other scripts, which cannot be read aloud"),
    ]

    @Test(arguments: cases)
    func badBulletinIsReportedAndTheGoodOneStillLoads(name: String, line: Int?, words: String) throws {
        let result = try load(name)
        #expect(result.ids == ["good"])
        let errors = result.diagnostics.filter { $0.severity == .error }
        #expect(errors.count == 1, "\(errors)")
        let error = try #require(errors.first)
        #expect(error.file == "Bulletins/\(name)")
        #expect(error.message.contains(words), "\(error)")
        if let line { #expect(error.line == line, "\(error)") }
    }

    @Test func messagesThatAreAboutALineNameIt() throws {
        for name in ["unknown-encoding.txt", "impossible-date.txt", "unknown-station.txt", "unknown-voice.txt", "empty-body.txt"] {
            let error = try #require(try load(name).diagnostics.first { $0.severity == .error })
            #expect(error.line != nil, "\(name): \(error)")
            #expect(error.description.hasPrefix("Bulletins/\(name):\(error.line ?? 0): error: "))
        }
    }

    @Test func aWindows1258FileIsReadWithAWarningNamingTheEncoding() throws {
        let result = try load("non-utf8.txt")
        #expect(Set(result.ids) == ["good", "non-utf8"])
        let warning = try #require(result.diagnostics.first)
        #expect(result.diagnostics.count == 1)
        #expect(warning.severity == .warning)
        #expect(warning.message.hasPrefix("read as Windows-1258"), "\(warning)")
    }

    @Test func unknownHeaderKeyIsAWarningAndTheBulletinStillAirs() throws {
        let result = try load("unknown-key.txt")
        #expect(Set(result.ids) == ["good", "unknown-key"])
        let warning = try #require(result.diagnostics.first)
        #expect(warning.severity == .warning)
        #expect(warning.message.contains("unknown header key 'prioity'"))
        #expect(warning.line != nil)
    }

    @Test func tenMegabyteFileIsRefusedWithoutReadingIt() throws {
        let folder = try Fixture.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let header = "---\ntitle: Lớn\napproved-by: A\napproved-on: 2021-09-24\n---\n"
        var data = Data(header.utf8)
        data.append(Data(repeating: UInt8(ascii: "a"), count: 10_000_000))
        try data.write(to: folder.appendingPathComponent("huge.txt"))
        try FileManager.default.copyItem(at: Fixture.badInput.appendingPathComponent("good.txt"),
                                         to: folder.appendingPathComponent("good.txt"))
        let loaded = BulletinLibrary.load(directory: folder, displayPrefix: "Bulletins")
        #expect(loaded.bulletins.map(\.id) == ["good"])
        let error = try #require(loaded.diagnostics.first)
        #expect(error.file == "Bulletins/huge.txt")
        #expect(error.message.contains("10.0 MB"))
        #expect(error.message.contains("at most 1 MB"))
        #expect(try Data(contentsOf: folder.appendingPathComponent("huge.txt")).count == data.count)
    }

    @Test func duplicateStationCodeStopsTheProvinceWithBothLines() throws {
        let url = Fixture.badInput.appendingPathComponent("duplicate-station.yaml")
        #expect {
            _ = try ProvinceLoader.load(url, display: "loa.yaml")
        } throws: { error in
            guard let error = error as? ConfigError else { return false }
            return error.diagnostic.file == "loa.yaml" && error.diagnostic.line != nil
                && error.diagnostic.message.contains("station code 'TL' is used twice (also on line")
        }
    }
}
