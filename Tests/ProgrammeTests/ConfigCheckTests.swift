import Foundation
import Speech
import Testing
@testable import Programme

/// `loa.yaml` and `Voices/*.yaml` (issue 9, item 7): tabs, slot lengths and overlaps, and
/// espeak-ng voices that are not installed, each reported at its file and line.
@Suite struct ConfigCheckTests {
    func provinceError(_ yaml: String) -> Diagnostic? {
        do {
            _ = try ProvinceLoader.parse(yaml, file: "loa.yaml")
            return nil
        } catch {
            return error.diagnostic
        }
    }

    // MARK: tabs

    @Test func aTabInTheIndentationIsNamedWithItsLine() throws {
        let yaml = Fixture.provinceYAML.replacingOccurrences(of: "    start: \"17:00\"", with: "\tstart: \"17:00\"")
        let error = try #require(provinceError(yaml))
        #expect(error.description == "loa.yaml:9: error: tabs are not allowed for indentation in YAML; use spaces")
    }

    @Test func aTabBeforeAListEntryOrAfterSpacesIsNamedToo() throws {
        let entry = Fixture.provinceYAML.replacingOccurrences(of: "  - code: CL", with: "\t- code: CL")
        #expect(try #require(provinceError(entry)).line == 27)
        let mixed = Fixture.provinceYAML.replacingOccurrences(of: "    max: 20m", with: "  \t  max: 20m")
        let error = try #require(provinceError(mixed))
        #expect(error.line == 6 && error.message.contains("tabs are not allowed"), "\(error)")
    }

    @Test func aTabInAVoiceProfileNamesTheProfile() throws {
        let text = "espeak-voice: vi\nrate: 135\n\tpitch: 45\n"
        #expect {
            _ = try VoiceLibrary.parse(text, id: "bac", file: "Voices/bac.yaml")
        } throws: { error in
            (error as? ConfigError)?.diagnostic.description
                == "Voices/bac.yaml:3: error: tabs are not allowed for indentation in YAML; use spaces"
        }
    }

    @Test func compressionRatioIsReadAndCheckedWithItsLine() throws {
        let base = "espeak-voice: vi\nrate: 135\npitch: 50\npitch-range: 50\nvolume: 100\nsentence-pause-ms: 450\nparagraph-pause-ms: 900\n"
        #expect(try VoiceLibrary.parse(base, id: "bac", file: "Voices/bac.yaml").compressionRatio == 1)
        #expect(try VoiceLibrary.parse(base + "compression-ratio: 2\n", id: "bac", file: "Voices/bac.yaml").compressionRatio == 2)
        #expect {
            _ = try VoiceLibrary.parse(base + "compression-ratio: 10\n", id: "bac", file: "Voices/bac.yaml")
        } throws: { error in
            (error as? ConfigError)?.diagnostic.description
                == "Voices/bac.yaml:8: error: compression-ratio '10' should be a ratio from 1 (no compression) to 4, e.g. 2"
        }
    }

    @Test func otherYAMLErrorsKeepTheirMessage() throws {
        let error = try #require(provinceError("province: [unclosed\nvoice: bac\n"))
        #expect(error.message.hasPrefix("is not valid YAML"))
    }

    // MARK: slots

    @Test func aSlotLongerThanADayIsAnError() throws {
        let yaml = Fixture.provinceYAML.replacingOccurrences(of: "max: 20m", with: "max: 25h")
        let error = try #require(provinceError(yaml))
        #expect(error.line == 6)
        #expect(error.message.contains("slot 'sang': max 25 h is longer than a day; expected at most 24h"), "\(error)")
    }

    @Test func overlappingSlotsAreAnErrorNamingBoth() throws {
        let yaml = Fixture.provinceYAML.replacingOccurrences(of: "\"17:00\"", with: "\"06:10\"")
        let error = try #require(provinceError(yaml))
        #expect(error.line == 6)
        #expect(error.message.contains("slot 'sang' starts at 06:00 and may run 20 min, past the start of slot 'chieu' at 06:10 (line 8)"),
                "\(error)")
    }

    @Test func slotsAreComparedInTimeOfDayOrderNotFileOrder() throws {
        // chieu is written second but airs first (05:50, 15 min), running into sang at 06:00.
        let yaml = Fixture.provinceYAML.replacingOccurrences(of: "\"17:00\"", with: "\"05:50\"")
        let error = try #require(provinceError(yaml))
        #expect(error.line == 10)
        #expect(error.message.contains("slot 'chieu' starts at 05:50") && error.message.contains("slot 'sang' at 06:00 (line 4)"))
    }

    @Test func theLastSlotOfTheDayMustNotRunIntoTheFirstOfTheNext() throws {
        let yaml = Fixture.provinceYAML.replacingOccurrences(of: "\"17:00\"", with: "\"23:50\"")
            .replacingOccurrences(of: "\"06:00\"", with: "\"00:04\"")
        let error = try #require(provinceError(yaml))
        #expect(error.message.contains("past the start of slot 'sang' at 00:04 the next day"), "\(error)")
    }

    @Test func slotsBackToBackAreFine() throws {
        let yaml = Fixture.provinceYAML.replacingOccurrences(of: "\"17:00\"", with: "\"06:20\"")
        #expect(provinceError(yaml) == nil)
        let oneSlotAllDay = """
        province: P
        voice: bac
        slots:
          - id: ca-ngay
            start: "00:00"
            max: 24h
        announcements:
          opening: "Mở."
          closing: "Đóng."
        districts:
          - code: HK
            name: huyện Hương Khê
            stations:
              - code: PD
                name: Phương Điền
                kind: xã
        """
        #expect(provinceError(oneSlotAllDay) == nil)
    }

    @Test func theSampleProvinceStillLoads() throws {
        let province = try ProvinceLoader.load(Fixture.repositoryRoot.appendingPathComponent("loa.yaml"), display: "loa.yaml")
        #expect(province.slots.map(\.id) == ["sang", "trua", "chieu"])
    }

    // MARK: espeak-ng voices

    static let installed = [
        EngineVoice(name: "Vietnamese_(Northern)", languages: ["vi"], identifier: "aav/vi"),
        EngineVoice(name: "Vietnamese_(Central)", languages: ["vi-vn-x-central"], identifier: "aav/vi-VN-x-central"),
        EngineVoice(name: "Vietnamese_(Southern)", languages: ["vi-vn-x-south"], identifier: "aav/vi-VN-x-south"),
        EngineVoice(name: "English_(Great_Britain)", languages: ["en-gb", "en"], identifier: "gmw/en"),
    ]

    /// Writes voice profiles into a scratch `Voices/` and loads them.
    func voices(_ files: [String: String]) throws -> VoiceLibrary {
        let folder = try Fixture.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, text) in files { try Fixture.write(text, to: name, in: folder) }
        return try VoiceLibrary.load(directory: folder, displayPrefix: "Voices")
    }

    func profile(_ voice: String) -> String {
        "# A voice.\n# Second comment line.\nespeak-voice: \(voice)\nrate: 135\npitch: 45\npitch-range: 45\nvolume: 100\n"
            + "sentence-pause-ms: 450\nparagraph-pause-ms: 900\n"
    }

    @Test func anUninstalledEspeakVoiceIsNamedAtItsFileAndLine() throws {
        let library = try voices(["bac.yaml": profile("vi"), "hue.yaml": profile("vi-vn-x-hue")])
        #expect(library.espeakVoiceLines["hue"] == ConfigLocation(file: "Voices/hue.yaml", line: 3))
        #expect {
            try library.checkEngineVoices(installed: Self.installed)
        } throws: { error in
            guard let d = (error as? ConfigError)?.diagnostic else { return false }
            return d.file == "Voices/hue.yaml" && d.line == 3 && d.severity == .error
                && d.message.hasPrefix("espeak-voice 'vi-vn-x-hue' is not installed")
                && d.message.contains("run `loa voices` to list them")
                && d.message.contains("vi-vn-x-central")
        }
    }

    @Test func installedVoicesAreFoundByNameFileOrLanguage() throws {
        let library = try voices(["a.yaml": profile("vi"), "b.yaml": profile("VI-VN-X-SOUTH"),
                                  "c.yaml": profile("aav/vi-VN-x-central"), "d.yaml": profile("vietnamese_(northern)"),
                                  "e.yaml": profile("en")])
        #expect(throws: Never.self) { try library.checkEngineVoices(installed: Self.installed) }
    }

    @Test func theSampleVoicesMatchTheVoicesEspeakNGShips() throws {
        let library = try VoiceLibrary.load(directory: Fixture.repositoryRoot.appendingPathComponent("Voices"), displayPrefix: "Voices")
        #expect(throws: Never.self) { try library.checkEngineVoices(installed: Self.installed) }
        #expect(library.espeakVoiceLines["bac"]?.file == "Voices/bac.yaml")
        #expect(library.espeakVoiceLines["bac"]?.line == 3)
    }

    @Test func onlyTheVoicesInUseCanBeChecked() throws {
        let library = try voices(["bac.yaml": profile("vi"), "thu.yaml": profile("xx")])
        #expect(throws: ConfigError.self) { try library.checkEngineVoices(installed: Self.installed) }
        #expect(throws: Never.self) { try library.checkEngineVoices(installed: Self.installed, only: ["bac"]) }
    }

    @Test func aProfileBuiltInCodeIsNamedByItsID() throws {
        #expect {
            try Fixture.voices().checkEngineVoices(installed: [])
        } throws: { error in
            (error as? ConfigError)?.diagnostic.file == "Voices/bac.yaml"
        }
    }
}
