import Foundation
import Testing
@testable import Programme
import ZIPFoundation

/// Word files in `Bulletins/` (issue 13, item 3): a `.docx` is read like a `.txt`, its
/// paragraphs the lines; tracked deletions are not read, insertions are; tables,
/// footnotes and text boxes are reported and not read aloud by accident.
@Suite struct WordDocumentTests {
    static let header = ["---", "title: Lịch tiêm vắc-xin", "approved-by: Nguyễn Văn An", "approved-on: 2021-09-23",
                         "valid-from: 2021-09-24", "---"]

    /// A `w:p` with `text` in one run.
    static func paragraph(_ text: String) -> String {
        "<w:p><w:pPr><w:pStyle w:val=\"Normal\"/></w:pPr><w:r><w:rPr><w:rFonts w:ascii=\"Times New Roman\"/></w:rPr>"
            + "<w:t xml:space=\"preserve\">\(text)</w:t></w:r></w:p>"
    }

    /// A Word document whose body is `body` (WordprocessingML).
    static func documentXML(_ body: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" \
        xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" \
        xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">\
        <w:body>\(body)<w:sectPr/></w:body></w:document>
        """
    }

    /// Writes a `.docx` package (the parts Word writes, deflated) holding `documentXML`.
    static func writeDocx(_ documentXML: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let archive = try Archive(url: url, accessMode: .create)
        let parts: [(String, String)] = [
            ("[Content_Types].xml", """
                <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
                <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>
                """),
            ("word/document.xml", documentXML),
        ]
        for (path, text) in parts {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count),
                                 modificationDate: Date(timeIntervalSince1970: 1_632_441_600),
                                 compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
    }

    /// Loads a folder holding one `.docx` made from `body`, checking the folder is unchanged.
    func load(_ body: String, name: String = "ban-tin.docx") throws -> (bulletins: [Bulletin], diagnostics: [Diagnostic]) {
        let folder = try Fixture.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.writeDocx(Self.documentXML(body), to: folder.appendingPathComponent(name))
        let before = try Fixture.snapshot(folder)
        let loaded = BulletinLibrary.load(directory: folder, displayPrefix: "Bulletins")
        #expect(try Fixture.snapshot(folder) == before, "the bulletins folder must not change")
        return loaded
    }

    @Test func aDocxWithHeaderAndBodyReadsLikeTheSameTxt() throws {
        let body = ["Kính thưa bà con!", "Trạm Y tế xã tổ chức tiêm vắc-xin phòng COVID-19 cho người từ 18 tuổi.",
                    "Bà con mang theo căn cước công dân."]
        let loaded = try load((Self.header + body).map(Self.paragraph).joined())
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
        let bulletin = try #require(loaded.bulletins.first)
        #expect(bulletin.id == "ban-tin")
        #expect(bulletin.title == "Lịch tiêm vắc-xin")
        #expect(bulletin.approval?.by == "Nguyễn Văn An")
        // Each Word paragraph is a paragraph of the bulletin, its line the paragraph's number.
        #expect(bulletin.paragraphs.map(\.text) == body)
        #expect(bulletin.paragraphs.map(\.line) == [7, 8, 9])
        // The approval is bound to the words, whatever the file: the same text as a .txt hashes the same.
        let txt = (Self.header + body).map { $0 + "\n" }.joined()
        #expect(bulletin.contentSHA256 == BulletinText.sha256(of: txt))
    }

    @Test func aBorderLineWordMadeFromDashesClosesTheHeaderAndLineBreaksStartLines() throws {
        let border = "<w:p><w:pPr><w:pBdr><w:bottom w:val=\"single\" w:sz=\"6\"/></w:pBdr></w:pPr></w:p>"
        let header = "<w:p><w:r><w:t>title: Mưa lớn</w:t><w:br/><w:t>approved-by: A</w:t><w:br/>"
            + "<w:t>approved-on: 2021-09-23</w:t></w:r></w:p>"
        let loaded = try load(border + header + border + Self.paragraph("Đêm nay có mưa to, bà con không đi qua ngầm tràn."))
        let bulletin = try #require(loaded.bulletins.first, "\(loaded.diagnostics)")
        #expect(bulletin.title == "Mưa lớn")
        #expect(bulletin.headerLines["approved-on"] == 4)
        #expect(bulletin.paragraphs.first?.line == 6)
    }

    @Test func aTableIsReportedWithItsLineAndNotReadAloud() throws {
        let table = "<w:tbl><w:tr><w:tc>\(Self.paragraph("Thôn"))</w:tc><w:tc>\(Self.paragraph("Giờ tiêm"))</w:tc></w:tr>"
            + "<w:tr><w:tc>\(Self.paragraph("Đông Tiến"))</w:tc><w:tc>\(Self.paragraph("7 giờ 30"))</w:tc></w:tr></w:tbl>"
        let body = Self.paragraph("Lịch tiêm theo thôn như sau.") + table + Self.paragraph("Bà con đến đúng giờ.")
        let loaded = try load(Self.header.map(Self.paragraph).joined() + body)
        let bulletin = try #require(loaded.bulletins.first)
        #expect(bulletin.paragraphs.map(\.text) == ["Lịch tiêm theo thôn như sau.", "Bà con đến đúng giờ."])
        #expect(bulletin.paragraphs.map(\.line) == [7, 9])
        let note = try #require(loaded.diagnostics.first)
        #expect(loaded.diagnostics.count == 1)
        #expect(note.severity == .warning)
        #expect(note.description.hasPrefix("Bulletins/ban-tin.docx:8: warning: a table (2 rows) here is not read aloud"))
        for word in ["Thôn", "Đông Tiến", "7 giờ 30"] {
            #expect(!bulletin.paragraphs.contains { $0.text.contains(word) })
        }
    }

    @Test func trackedDeletionsAreNotReadInsertionsAreAndTheChangesAreReported() throws {
        let edited = "<w:p><w:r><w:t xml:space=\"preserve\">Tiêm vào </w:t></w:r>"
            + "<w:del w:id=\"1\" w:author=\"Lan\"><w:r><w:delText xml:space=\"preserve\">thứ bảy </w:delText></w:r></w:del>"
            + "<w:ins w:id=\"2\" w:author=\"Lan\"><w:r><w:t xml:space=\"preserve\">chủ nhật </w:t></w:r></w:ins>"
            + "<w:r><w:t>tuần này.</w:t></w:r></w:p>"
        let moved = "<w:p><w:moveFrom w:id=\"3\"><w:r><w:t>Câu cũ đã chuyển đi.</w:t></w:r></w:moveFrom></w:p>"
        let hidden = "<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>Ghi chú ẩn của người soạn.</w:t></w:r>"
            + "<w:r><w:t>Bà con lưu ý.</w:t></w:r></w:p>"
        let loaded = try load(Self.header.map(Self.paragraph).joined() + edited + moved + hidden)
        let bulletin = try #require(loaded.bulletins.first)
        #expect(bulletin.paragraphs.map(\.text) == ["Tiêm vào chủ nhật tuần này.", "Bà con lưu ý."])
        let note = try #require(loaded.diagnostics.first)
        #expect(loaded.diagnostics.count == 1)
        #expect(note.line == 7)
        #expect(note.message.contains("tracked changes"), "\(note)")
        #expect(note.message.contains("Accept"))
    }

    @Test func footnotesAndTextBoxesAreReportedAndNotRead() throws {
        let footnote = "<w:p><w:r><w:t>Theo công văn số 12.</w:t></w:r>"
            + "<w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr><w:footnoteReference w:id=\"1\"/></w:r></w:p>"
        let textBox = "<w:p><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wps:txbx><w:txbxContent>"
            + Self.paragraph("Khung chữ quảng cáo") + "</w:txbxContent></wps:txbx></w:drawing></mc:Choice>"
            + "<mc:Fallback><w:pict><w:txbxContent>" + Self.paragraph("Khung chữ quảng cáo") + "</w:txbxContent></w:pict>"
            + "</mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>Bà con chú ý.</w:t></w:r></w:p>"
        let loaded = try load(Self.header.map(Self.paragraph).joined() + footnote + textBox)
        let bulletin = try #require(loaded.bulletins.first)
        #expect(bulletin.paragraphs.map(\.text) == ["Theo công văn số 12.", "Bà con chú ý."])
        #expect(loaded.diagnostics.map(\.line) == [7, 8])
        #expect(loaded.diagnostics.first?.message.contains("a footnote is marked here") == true)
        #expect(loaded.diagnostics.last?.message.contains("a text box here is not read aloud") == true)
    }

    @Test func aDocxTypedInALegacyFontIsReadInThatCodePageWithAWarning() throws {
        // .VnTime text as Word stores it: the font's codes as Windows-1252 letters.
        let vnTime = ["Th\u{AB}ng b\u{B8}o: tr\u{B9}m y t\u{D5} x\u{B7} t\u{E6} ch\u{F8}c ti\u{AA}m v\u{BE}c-xin cho ng\u{AD}\u{EA}i d\u{A9}n."]
        let loaded = try load(Self.header.map(Self.paragraph).joined() + vnTime.map(Self.paragraph).joined())
        let bulletin = try #require(loaded.bulletins.first, "\(loaded.diagnostics)")
        #expect(bulletin.paragraphs.first?.text == "Thông báo: trạm y tế xã tổ chức tiêm vắc-xin cho người dân.")
        #expect(loaded.diagnostics.first?.message.contains("read as TCVN3") == true, "\(loaded.diagnostics)")
    }

    @Test func aDamagedDocumentIsAnError() throws {
        let folder = try Fixture.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.writeDocx("<w:document><w:body></w:p></w:document>", to: folder.appendingPathComponent("hong.docx"))
        let loaded = BulletinLibrary.load(directory: folder, displayPrefix: "Bulletins")
        let error = try #require(loaded.diagnostics.first)
        #expect(error.severity == .error)
        #expect(error.message.contains("not well-formed"), "\(error)")
    }
}
