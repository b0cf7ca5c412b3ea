import Foundation
import Testing
@testable import Programme

/// Garbage never airs (issue 9, item 6): a body with too little Vietnamese, or a "word"
/// no one could say, is an error with its line; real bulletins and reports pass.
@Suite struct ReadabilityTests {
    func parse(title: String = "Lịch tiêm vắc-xin", _ body: String) -> (Bulletin?, [Diagnostic]) {
        BulletinParser.parse(Fixture.bulletin(title: title, body: body), file: "Bulletins/b.txt", defaultID: "b")
    }

    @Test func aBodyOfEmojiIsAnErrorAtItsLine() throws {
        let (bulletin, diagnostics) = parse("💉💉💉 👍 ✅✅\n\n📞☎️")
        #expect(bulletin == nil)
        let error = try #require(diagnostics.first)
        #expect(error.severity == .error)
        #expect(error.description.hasPrefix("Bulletins/b.txt:8: error: the body has 0 Vietnamese (Latin) letters"))
    }

    @Test func aBodyInAnotherScriptIsAnError() throws {
        for body in ["各位乡亲！乡卫生站组织为十八岁以上人员接种新冠疫苗。COVID-19", "Уважаемые жители! Вакцинация состоится завтра утром."] {
            let (bulletin, diagnostics) = parse(body)
            #expect(bulletin == nil, "\(body)")
            #expect(diagnostics.first?.severity == .error)
            #expect(diagnostics.first?.message.contains("cannot be read aloud") == true, "\(diagnostics)")
        }
    }

    @Test func aHundredThousandLetterWordIsAnErrorAtItsLine() throws {
        let word = String(repeating: "a", count: 100_000)
        let (bulletin, diagnostics) = parse("Kính thưa bà con!\n\nĐoạn hai, dòng một.\nDòng hai: \(word) hết.")
        #expect(bulletin == nil)
        let error = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        #expect(error.severity == .error)
        #expect(error.line == 11)
        #expect(error.message.contains("100000 letters and digits without a break"))
    }

    @Test func aLongWordInTheTitleIsAnErrorAtTheTitleLine() throws {
        let (bulletin, diagnostics) = parse(title: "Lịch " + String(repeating: "x", count: 41),
                                            "Kính thưa bà con! Trạm Y tế xã tổ chức tiêm vắc-xin.")
        #expect(bulletin == nil)
        #expect(diagnostics.first?.line == 2)
    }

    @Test func wordsUpToFortyLettersAndLongCodesAndAddressesAreRead() throws {
        let body = """
        Kính thưa bà con! Xem https://covidmaps.langson.gov.vn/ban-do-so/tinh-hinh-dich-benh-covid-19 \
        hoặc văn bản 382/STTTT-BCVT, mã QR-HT-2021-09-24-000123, tài khoản 0123456789012345678, \
        và từ \(String(repeating: "x", count: 40)).
        """
        let (bulletin, diagnostics) = parse(body)
        #expect(bulletin != nil, "\(diagnostics)")
    }

    @Test func aFewForeignWordsDoNotStopAVietnameseBulletin() throws {
        let (bulletin, diagnostics) = parse("Kính thưa bà con! Khẩu hiệu 5K (口罩) được dịch là 戴口罩, giữ khoảng cách, không tụ tập.")
        #expect(bulletin != nil, "\(diagnostics)")
    }

    @Test func decomposedVietnameseCountsAsVietnamese() throws {
        // "Kính thưa bà con" typed with combining tone marks (NFD), as some keyboards save it.
        let decomposed = "Kính thưa bà con nhân dân toàn xã".decomposedStringWithCanonicalMapping
        #expect(parse(decomposed).0 != nil)
    }

    @Test func theSampleBulletinsAllRead() throws {
        let folder = Fixture.repositoryRoot.appendingPathComponent("Bulletins")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".txt") }
        #expect(names.count == 10)
        for name in names {
            let (bulletin, diagnostics) = BulletinLibrary.read(folder.appendingPathComponent(name), display: name,
                                                               defaultID: name)
            let b = try #require(bulletin, "\(diagnostics)")
            #expect(BulletinReadability.problem(in: b) == nil)
        }
    }

    static let reports = ["001_2c1262afc0015f73.txt", "004_af4492b0c5e63433.txt"]
        .map { URL(fileURLWithPath: "/work/shared/samples").appendingPathComponent($0) }

    @Test(.enabled(if: reports.allSatisfy { FileManager.default.fileExists(atPath: $0.path) }),
          arguments: reports)
    func theSampleReportsReadAsBodies(report: URL) throws {
        let text = try String(contentsOf: report, encoding: .utf8)
        let (bulletin, diagnostics) = parse(text)
        #expect(bulletin != nil, "\(diagnostics)")
    }
}
