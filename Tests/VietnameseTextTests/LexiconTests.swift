import Foundation
import Testing
@testable import VietnameseText

@Suite("Lexicon")
struct LexiconTests {
    @Test func builtInListsLoad() {
        let l = Lexicon.builtIn
        #expect(l.count > 200)
        #expect(l.letterName("B") == "bê")
        for abbreviation in ["UBND", "HĐND", "BCĐ", "TTTT", "THCS", "THPT", "BHYT", "BHXH", "CCCD", "CNTT", "KT-XH", "PCCC", "ATGT"] {
            #expect(!say(abbreviation).contains(" xì") && !say(abbreviation).isEmpty, "\(abbreviation)")
        }
    }

    @Test func staffEntriesOverrideAndExtend() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("loa-lexicon-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("lexicon.tsv")
        try """
        # staff lexicon
        Phenikaa\tphê-ni-ca   # a company
        UBND\tủy ban
        this line has no tab
        \tcô-vít
        km\tcây số
        Sở Nội vụ\tsở nội vụ tỉnh

        """.write(to: file, atomically: true, encoding: .utf8)
        var lexicon = Lexicon.builtIn
        let findings = try lexicon.merge(contentsOf: file)
        #expect(findings.map { $0.location?.line } == [4, 5])
        #expect(findings.allSatisfy { $0.kind == .malformedLexiconEntry && $0.location?.file.hasSuffix("lexicon.tsv") == true })
        let n = Normalizer(lexicon: lexicon)
        #expect(n.spoken("Tập đoàn Phenikaa") == "tập đoàn phê ni ca")
        #expect(n.normalize("Tập đoàn Phenikaa").findings.isEmpty)
        #expect(n.spoken("UBND xã") == "ủy ban xã")
        #expect(n.spoken("dài 5 km") == "dài năm cây số")
        #expect(n.spoken("Sở Nội vụ") == "sở nội vụ tỉnh")
        #expect(throws: (any Error).self) { var l = Lexicon(); _ = try l.merge(contentsOf: dir.appendingPathComponent("missing.tsv")) }
    }

    @Test func lowerCaseFormsMatchAnyCase() {
        let l = Lexicon(entries: [("zalo", "da-lô")])
        let n = Normalizer(lexicon: l)
        #expect(n.spoken("Zalo ZALO zalo") == "da lô da lô da lô")
    }
}

@Suite("Findings")
struct FindingTests {
    @Test func findingsCarryFileAndLine() {
        let text = "Dòng một.\nCán bộ XYZQ đến.\nDùng Telehealth nhé.\nChữ 中文 và 😀.\nNgày 32/13/2021.\nSố \(String(repeating: "7", count: 20)) người."
        let r = Fixtures.normalizer.normalize(text, location: SourceLocation(file: "Bulletins/a.txt", line: 10))
        func line(_ k: Finding.Kind) -> Int? { r.findings.first { $0.kind == k }?.location?.line }
        #expect(line(.unknownAcronym) == 11)
        #expect(line(.unknownForeignWord) == 12)
        #expect(line(.otherScript) == 13)
        #expect(line(.emoji) == 13)
        #expect(line(.impossibleDate) == 14)
        #expect(line(.numberTooLong) == 15)
        #expect(r.findings.allSatisfy { $0.location?.file == "Bulletins/a.txt" })
        #expect(r.findings.first!.description.hasPrefix("Bulletins/a.txt:11: unknown-acronym"))
    }

    @Test func ambiguousDateIsReported() {
        let r = Fixtures.normalizer.normalize("Họp 3/4 tại hội trường.")
        #expect(r.findings.contains { $0.kind == .ambiguous })
        #expect(Fixtures.normalizer.normalize("Ngày 3/4 họp.").findings.isEmpty)
        // A ratio that counts something is not ambiguous (issue 15).
        #expect(Fixtures.normalizer.normalize("Có 3/4 hộ tham gia.").findings.isEmpty)
    }

    @Test func knownTextHasNoFindings() {
        let r = Fixtures.normalizer.normalize("UBND xã thông báo: tiêm vắc-xin COVID-19 từ 7h30 ngày 15/10 tại Trạm Y tế.")
        #expect(r.findings.isEmpty)
    }

    @Test func rewritesForExplain() {
        let r = Normalizer(recordsRewrites: true).normalize("UBND xã có 21 thôn.")
        #expect(r.rewrites.contains { $0.semioticClass == .abbreviation && $0.written == "UBND" && $0.spoken == "ủy ban nhân dân" })
        #expect(r.rewrites.contains { $0.semioticClass == .cardinal && $0.spoken == "hai mươi mốt" })
    }
}
