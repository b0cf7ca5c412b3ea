import Foundation
import Testing
@testable import VietnameseText

@Suite("Text hygiene and tone marks")
struct HygieneTests {
    @Test("old-style tone marks move to the house placement", arguments: [
        ("hoà", "hòa"), ("Hoà", "Hòa"), ("thuỷ", "thủy"), ("khoẻ", "khỏe"), ("tuỳ", "tùy"), ("quý", nil),
        ("hoàng", nil), ("hòa", nil),
    ] as [(String, String?)])
    func toneMarks(_ pair: (String, String?)) {
        #expect(ToneMarks.housePlacement(pair.0) == pair.1)
    }

    @Test func nfdInputIsComposed() {
        let nfd = "Hà Tĩnh".decomposedStringWithCanonicalMapping
        #expect(say(nfd) == "hà tĩnh")
    }

    @Test func invisibleAndControlCharacters() {
        let result = Fixtures.normalizer.normalize("Bà\u{00A0}con\u{200B} chú\u{0007} ý", location: SourceLocation(file: "x.txt", line: 3))
        #expect(result.spokenText == "bà con chú ý")
        #expect(result.findings.contains { $0.kind == .controlCharacter && $0.location?.line == 3 })
    }

    @Test func bulletsQuotesAndMarkup() {
        #expect(say("- Đeo khẩu trang;") == "đeo khẩu trang;")
        #expect(say("• Rửa tay") == "rửa tay")
        #expect(say("**Lưu ý**") == "lưu ý")
        #expect(say("#### **I. CÔNG TÁC**") == "một. công tác")
        #expect(reads("“Chống dịch như chống giặc”", "chống dịch như chống giặc"))
        #expect(say("VX<sub>1</sub>").hasSuffix("một"))
        #expect(!say("tỉnh<sup>1</sup>.").contains("một"))
    }

    @Test("plain prose comes out unchanged (lower case)") func plainProse() {
        let prose = "bà con chú ý giữ gìn vệ sinh chung, không tụ tập đông người."
        #expect(say(prose) == prose)
    }

    @Test func syllables() {
        for w in ["nghiêng", "khuyên", "giữ", "gì", "quốc", "KHÓ", "Đường", "oái"] {
            #expect(VietnameseSyllable.isSyllable(w), "\(w)")
        }
        for w in ["Bluezone", "Facebook", "smartphone", "UBND", "delta", "app"] {
            #expect(!VietnameseSyllable.isSyllable(w), "\(w)")
        }
    }
}

@Suite("Sentences and paragraphs")
struct SentenceTests {
    @Test func sentencesAndParagraphsSurvive() {
        let text = "Câu một. Câu hai!\nDòng mới\n\nĐoạn hai."
        let r = Fixtures.normalizer.normalize(text)
        #expect(r.paragraphs.count == 2)
        #expect(r.paragraphs[0].map(\.spoken) == ["câu một.", "câu hai!", "dòng mới"])
        #expect(r.paragraphs[0].map(\.line) == [1, 1, 2])
        #expect(r.paragraphs[1][0].line == 4)
        #expect(r.paragraphs[0][0].written == "Câu một.")
    }

    @Test("abbreviations and decimals never split a sentence") func noSplit() {
        let r = Fixtures.normalizer.normalize("Đoàn của TP. Hà Tĩnh, PGS.TS. An và v.v. đạt 40.59% kế hoạch.")
        #expect(r.paragraphs.count == 1 && r.paragraphs[0].count == 1)
    }

    @Test func wrappedLinesJoin() {
        let r = Fixtures.normalizer.normalize("Bà con thôn Đông\nchú ý lịch tiêm.")
        #expect(r.paragraphs[0].count == 1)
        let lines = Normalizer(joinsWrappedLines: false).normalize("Bà con thôn Đông\nchú ý lịch tiêm.")
        #expect(lines.spokenLines(lineCount: 2) == ["bà con thôn đông", "chú ý lịch tiêm."])
    }

    @Test func documentEndMarker() {
        #expect(say("Tổ chức thực hiện./.") == "tổ chức thực hiện.")
    }
}
