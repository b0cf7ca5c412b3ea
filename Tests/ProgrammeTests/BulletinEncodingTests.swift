import Foundation
import Testing
@testable import Programme
import VietnameseText

/// Bulletins in every encoding an office PC writes (issue 13, item 2): read in memory, the
/// file unchanged; NFD and NFC, CRLF and LF, with or without BOM give the same text and the
/// same hashes; a legacy code page is named in a warning; a file that cannot be decided is an
/// error saying what was tried.
@Suite struct BulletinEncodingTests {
    /// A bulletin with no capital letter that carries a tone (TCVN3 has no codes for those).
    static let sample = """
        ---
        title: Lịch tiêm vắc-xin phòng COVID-19 mũi hai
        approved-by: Nguyễn Văn An, Phó Giám đốc Sở
        approved-on: 2021-09-23
        valid-from: 2021-09-24
        ---
        Kính thưa bà con! Xã Phương Điền thông báo: sáng thứ bảy, ngày 25/9/2021, trạm y tế xã tổ chức \
        tiêm vắc-xin phòng COVID-19 cho người từ 18 tuổi trở lên.

        Bà con mang theo căn cước công dân, đeo khẩu trang và giữ khoảng cách. Mọi thắc mắc xin liên hệ \
        trạm y tế xã. Ước mong mọi người đều khỏe mạnh; ưu tiên người già yếu, ở xa, đi lại khó khăn.

        """

    /// The bytes `text` is written as in `page`: for each character, the shortest byte
    /// sequence (one byte, or a letter and a mark) that `page` reads as that character.
    static func encode(_ text: String, in page: LegacyCodePage) throws -> [UInt8] {
        var cache: [Character: [UInt8]] = [:]
        var bytes: [UInt8] = []
        let leading: [UInt8] = Array(0x41...0x5A) + Array(0x61...0x7A) + Array(LegacyCodePage.vniLetters.keys)
            + Array(LegacyCodePage.tcvn3Letters.keys) + [0xC3, 0xD5, 0xDD, 0xE3, 0xF5, 0xFD, 0xE2, 0xEA, 0xF4, 0xC2, 0xCA, 0xD4]
        for character in text {
            if let known = cache[character] { bytes += known; continue }
            if character.isASCII { bytes += Array(String(character).utf8); continue }
            let wanted = String(character)
            var found = (0x80...0xFF).map { [UInt8($0)] }.first { page.decode($0) == wanted }
            if found == nil {
                search: for first in leading {
                    for second in 0x80...0xFF where page.decode([first, UInt8(second)]) == wanted {
                        found = [first, UInt8(second)]
                        break search
                    }
                }
            }
            let sequence = try #require(found, "\(character) cannot be written in \(page)")
            cache[character] = sequence
            bytes += sequence
        }
        return bytes
    }

    func decoded(_ bytes: [UInt8]) throws -> BulletinText {
        try BulletinText.decode(Data(bytes)).get()
    }

    // MARK: Legacy code pages, anchored on bytes written by other tools

    @Test func tcvn3BytesAsTheVnFontsWriteThemReadAsVietnamese() {
        // "Th«ng b¸o", "B¶o Th¾ng", "M­êng Kh¬ng" as a Windows-1252 editor shows .VnTime text.
        #expect(LegacyCodePage.tcvn3.decode(Array("Th\u{AB}ng b\u{B8}o".unicodeScalars.map { UInt8($0.value) })) == "Thông báo")
        #expect(LegacyCodePage.tcvn3.decode([0x42, 0xB6, 0x6F, 0x20, 0x54, 0x68, 0xBE, 0x6E, 0x67]) == "Bảo Thắng")
        #expect(LegacyCodePage.tcvn3.decode([0x4D, 0xAD, 0xEA, 0x6E, 0x67, 0x20, 0x4B, 0x68, 0xAD, 0xAC, 0x6E, 0x67]) == "Mường Khương")
        #expect(LegacyCodePage.tcvn3.decode([0xA7, 0xB8, 0x6E, 0x68]) == "Đánh")
    }

    @Test func vniBytesAsTheVniFontsWriteThemReadAsVietnamese() {
        func latin1(_ text: String) -> [UInt8] { text.unicodeScalars.map { UInt8($0.value) } }
        #expect(LegacyCodePage.vni.decode(latin1("Thoâng baùo")) == "Thông báo")
        #expect(LegacyCodePage.vni.decode(latin1("Vieät Nam")) == "Việt Nam")
        #expect(LegacyCodePage.vni.decode(latin1("Ñaø Naüng")) == "Đà Nẵng")
        #expect(LegacyCodePage.vni.decode(latin1("Ngöôøi daân")) == "Người dân")
        #expect(LegacyCodePage.vni.decode(latin1("TRAÏM Y TEÁ")) == "TRẠM Y TẾ")
    }

    @Test func theWindows1258FixtureReadsAsIconvReadsIt() throws {
        let data = try Data(contentsOf: Fixture.badInput.appendingPathComponent("non-utf8.txt"))
        let text = try BulletinText.decode(data).get()
        #expect(text.encoding == .legacy(.windows1258))
        #expect(text.text.contains("Kính thưa bà con! UBND xã thông báo: sáng thứ 7, ngày 25/9/2021"))
        #expect(text.text.contains("tiêm vắc-xin phòng COVID-19 cho người từ 18 tuổi trở lên"))
        #expect(text.text.contains("café, Côte d'Ivoire, 25°C."))
    }

    // MARK: Each code page decided from the text alone

    @Test(arguments: LegacyCodePage.allCases)
    func aBulletinInALegacyCodePageIsReadAsThatCodePage(page: LegacyCodePage) throws {
        let bytes = try Self.encode(Self.sample, in: page)
        #expect(String(validating: bytes, as: UTF8.self) == nil, "the sample must not be UTF-8 by accident")
        let text = try decoded(bytes)
        #expect(text.encoding == .legacy(page))
        #expect(text.text == Self.sample)
        #expect(text.sha256 == BulletinText(unifying: Self.sample, encoding: .utf8).sha256)
    }

    @Test(arguments: LegacyCodePage.allCases)
    func aLegacyFileAirsWithAWarningNamingTheEncodingAndIsNotChanged(page: LegacyCodePage) throws {
        let folder = try Fixture.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(try Self.encode(Self.sample, in: page)).write(to: folder.appendingPathComponent("cu.txt"))
        try Fixture.write(Self.sample, to: "moi.txt", in: folder)
        let before = try Fixture.snapshot(folder)
        let loaded = BulletinLibrary.load(directory: folder, displayPrefix: "Bulletins")
        #expect(try Fixture.snapshot(folder) == before)
        let old = try #require(loaded.bulletins.first { $0.id == "cu" })
        let new = try #require(loaded.bulletins.first { $0.id == "moi" })
        #expect(old.paragraphs == new.paragraphs && old.title == new.title)
        #expect(old.contentSHA256 == new.contentSHA256 && !old.contentSHA256.isEmpty)
        let warning = try #require(loaded.diagnostics.first)
        #expect(loaded.diagnostics.count == 1)
        #expect(warning.severity == .warning && warning.file == "Bulletins/cu.txt")
        #expect(warning.message.hasPrefix("read as \(page.displayName)"), "\(warning)")
    }

    @Test func aFileInAnotherAlphabetsCodePageIsAnErrorSayingWhatWasTried() throws {
        // Russian in Windows-1251: every byte means something in each Vietnamese code page,
        // but no reading gives Vietnamese.
        let russian = "---\ntitle: \u{CF}\u{F0}\u{E8}\u{E2}\u{E5}\u{F2}\n---\n\u{CF}\u{F0}\u{E8}\u{E2}\u{E5}\u{F2} \u{EC}\u{E8}\u{F0}, \u{E4}\u{EE}\u{E1}\u{F0}\u{EE}\u{E5} \u{F3}\u{F2}\u{F0}\u{EE}.\n"
        let bytes = russian.unicodeScalars.map { UInt8($0.value) }
        let failure = try #require(BulletinText.decode(Data(bytes)).failure)
        #expect(failure.line == 2)
        #expect(failure.message.contains("cannot tell which encoding"))
        for page in LegacyCodePage.allCases { #expect(failure.message.contains(page.displayName), "\(failure.message)") }
        #expect(failure.message.contains("Tried UTF-8"))
        #expect(failure.message.contains("save it as Plain Text with the encoding Unicode (UTF-8)"))
    }

    // MARK: Unicode forms, byte-order marks, line ends

    @Test func nfdAndNfcGiveTheSameTextTheSameHashAndTheSameSpokenText() throws {
        let nfc = try decoded(Array(Self.sample.utf8))
        let nfd = try decoded(Array(Self.sample.decomposedStringWithCanonicalMapping.utf8))
        #expect(Array(Self.sample.decomposedStringWithCanonicalMapping.utf8) != Array(Self.sample.utf8))
        #expect(nfd.text.unicodeScalars.elementsEqual(nfc.text.unicodeScalars))
        #expect(nfd.sha256 == nfc.sha256)
        let normalizer = Normalizer(lexicon: .builtIn)
        let a = try #require(BulletinParser.parse(nfc.text, file: "a.txt", defaultID: "a").0)
        let b = try #require(BulletinParser.parse(nfd.text, file: "a.txt", defaultID: "a").0)
        #expect(Script(bulletin: a, normalizer: normalizer).spokenText == Script(bulletin: b, normalizer: normalizer).spokenText)
    }

    @Test func byteOrderMarksAndLineEndsDoNotChangeTheText() throws {
        let plain = try decoded(Array(Self.sample.utf8))
        let crlf = Self.sample.replacingOccurrences(of: "\n", with: "\r\n")
        let cr = Self.sample.replacingOccurrences(of: "\n", with: "\r")
        var utf16LE: [UInt8] = [0xFF, 0xFE], utf16BE: [UInt8] = [0xFE, 0xFF]
        for unit in crlf.utf16 {
            utf16LE += [UInt8(unit & 0xFF), UInt8(unit >> 8)]
            utf16BE += [UInt8(unit >> 8), UInt8(unit & 0xFF)]
        }
        let variants: [(String, [UInt8], SourceEncoding)] = [
            ("BOM", [0xEF, 0xBB, 0xBF] + Array(Self.sample.utf8), .utf8WithBOM),
            ("CRLF", Array(crlf.utf8), .utf8),
            ("CR", Array(cr.utf8), .utf8),
            ("BOM+CRLF", [0xEF, 0xBB, 0xBF] + Array(crlf.utf8), .utf8WithBOM),
            ("UTF-16 LE", utf16LE, .utf16LittleEndian),
            ("UTF-16 BE", utf16BE, .utf16BigEndian),
        ]
        for (name, bytes, encoding) in variants {
            let text = try decoded(bytes)
            #expect(text.encoding == encoding, "\(name)")
            #expect(text.text == plain.text, "\(name)")
            #expect(text.sha256 == plain.sha256, "\(name)")
        }
    }

    @Test func unicodeFilesAreReadWithoutAWarning() throws {
        let folder = try Fixture.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data([0xEF, 0xBB, 0xBF] + Array(Self.sample.replacingOccurrences(of: "\n", with: "\r\n").utf8))
            .write(to: folder.appendingPathComponent("bom.txt"))
        let loaded = BulletinLibrary.load(directory: folder, displayPrefix: "Bulletins")
        #expect(loaded.bulletins.map(\.id) == ["bom"])
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
    }

    @Test func utf16WithAnOddLengthIsAnError() throws {
        let failure = try #require(BulletinText.decode(Data([0xFF, 0xFE, 0x41])).failure)
        #expect(failure.message.contains("odd number of bytes"))
    }
}

extension Result {
    /// The error, when there is one.
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
