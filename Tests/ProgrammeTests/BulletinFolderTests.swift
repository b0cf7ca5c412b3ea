import Foundation
import Testing
@testable import Programme

/// Which files under `Bulletins/` are read (issue 9, items 4 and 5): hidden and `_` folders
/// are never entered, a duplicate id keeps every copy off the air, `.txt` is read in any
/// case, and what is not read is said. Nothing in the folder ever changes.
@Suite struct BulletinFolderTests {
    /// Loads `folder` as the bulletins folder, checking it is byte-identical afterwards.
    func load(_ folder: URL) throws -> (bulletins: [Bulletin], diagnostics: [Diagnostic]) {
        let before = try Fixture.snapshot(folder)
        let loaded = BulletinLibrary.load(directory: folder, displayPrefix: "Bulletins")
        #expect(try Fixture.snapshot(folder) == before, "the bulletins folder must not change")
        return loaded
    }

    @Test func trashAndScratchFoldersAtAnyDepthAreNotReadAndCannotOverrideTheCurrentFile() throws {
        let folder = try Fixture.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let old = Fixture.bulletin(title: "Lịch tiêm CŨ, đã sửa")
        try Fixture.write(Fixture.bulletin(title: "Lịch tiêm đã sửa"), to: "tiem.txt", in: folder)
        for path in [".Trash-1000/files/tiem.txt", "_cu/tiem.txt", "huyen/_nhap/tiem.txt",
                     "huyen/xa/.git/tiem.txt", ".an/khac.txt", "_luu/sau/nua/khac.txt"] {
            try Fixture.write(old, to: path, in: folder)
        }
        let loaded = try load(folder)
        #expect(loaded.bulletins.map(\.id) == ["tiem"])
        #expect(loaded.bulletins.first?.title == "Lịch tiêm đã sửa")
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
    }

    @Test func ordinarySubfoldersAreStillRead() throws {
        let folder = try Fixture.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Fixture.write(Fixture.bulletin(), to: "huyen-hk/xa-pd/tiem.txt", in: folder)
        #expect(try load(folder).bulletins.map(\.file) == ["Bulletins/huyen-hk/xa-pd/tiem.txt"])
    }

    @Test func sameIDTwiceIsAnErrorOnBothFilesAndNeitherAirs() throws {
        let folder = try Fixture.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = Fixture.badInput.appendingPathComponent("good.txt")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: good, to: folder.appendingPathComponent("good.txt"))
        try FileManager.default.copyItem(at: good, to: folder.appendingPathComponent("sub/good.txt"))
        try Fixture.write(Fixture.bulletin(), to: "other.txt", in: folder)
        let loaded = try load(folder)
        #expect(loaded.bulletins.map(\.id) == ["other"])
        let errors = loaded.diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.file).sorted() == ["Bulletins/good.txt", "Bulletins/sub/good.txt"])
        let top = try #require(errors.first { $0.file == "Bulletins/good.txt" })
        let sub = try #require(errors.first { $0.file == "Bulletins/sub/good.txt" })
        #expect(top.message.contains("bulletin id 'good'") && top.message.contains("Bulletins/sub/good.txt"), "\(top)")
        #expect(sub.message.contains("bulletin id 'good'") && sub.message.contains("Bulletins/good.txt"), "\(sub)")
        #expect(top.message.contains("neither airs"))
    }

    @Test func sameIDFromTheIDHeaderPointsAtItsLine() throws {
        let folder = try Fixture.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Fixture.write(Fixture.bulletin(extra: "id: tiem-chung\n"), to: "a.txt", in: folder)
        try Fixture.write(Fixture.bulletin(), to: "tiem-chung.txt", in: folder)
        let loaded = try load(folder)
        #expect(loaded.bulletins.isEmpty)
        let a = try #require(loaded.diagnostics.first { $0.file == "Bulletins/a.txt" })
        #expect(a.line == 7)
        #expect(a.description.hasPrefix("Bulletins/a.txt:7: error: bulletin id 'tiem-chung'"))
        #expect(a.message.contains("Bulletins/tiem-chung.txt"))
        let b = try #require(loaded.diagnostics.first { $0.file == "Bulletins/tiem-chung.txt" })
        #expect(b.line == nil)
        #expect(b.message.contains("Bulletins/a.txt"))
    }

    @Test func textFilesAreReadWhateverTheCaseOfTheirExtension() throws {
        let folder = try Fixture.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["hoa.TXT", "hon-hop.Txt", "thuong.txt"] {
            try Fixture.write(Fixture.bulletin(), to: name, in: folder)
        }
        let loaded = try load(folder)
        #expect(loaded.bulletins.map(\.id) == ["hoa", "hon-hop", "thuong"])
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
    }

    @Test(arguments: ["ban-tin.pdf", "ban-tin.doc", "ban-tin.odt", "ban-tin.rtf", "ban-tin.jpg",
                      "ban-tin", "ban-tin.txt.bak", "huyen/ban-tin.PDF"])
    func otherFilesAreReportedAsNotReadSayingWhatToDo(name: String) throws {
        let folder = try Fixture.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Fixture.write("PK\u{3}\u{4} not text", to: name, in: folder)
        try Fixture.write(Fixture.bulletin(), to: "good.txt", in: folder)
        let loaded = try load(folder)
        #expect(loaded.bulletins.map(\.id) == ["good"])
        #expect(loaded.diagnostics.count == 1)
        let warning = try #require(loaded.diagnostics.first)
        #expect(warning.severity == .warning)
        #expect(warning.file == "Bulletins/\(name)")
        #expect(warning.message.hasPrefix("not read:"))
        #expect(warning.message.contains(".txt") && warning.message.contains(".docx"), "\(warning)")
    }

    /// Issue 13, item 3: each kind of file staff drop in gets the advice that fits it.
    @Test func unsupportedFormatsSayWhatToDoForTheirKind() throws {
        #expect(BulletinFolder.classify("a.doc") == .notRead(BulletinFolder.adviceByExtension["doc"]!))
        for (name, words) in [("a.doc", "save it as Word Document (.docx)"), ("a.PDF", "text cannot be taken reliably from a PDF"),
                              ("scan.jpeg", "a picture"), ("a.xlsx", "spreadsheet"), ("a.odt", "save this odt document"),
                              ("a.zip", "Loa reads bulletins from plain text (.txt) and Word (.docx) files")] {
            guard case .notRead(let advice) = BulletinFolder.classify(name) else {
                Issue.record("\(name) should be reported as not read")
                continue
            }
            #expect(advice.contains(words), "\(name): \(advice)")
        }
        #expect(BulletinFolder.classify("huyen/ban-tin.DOCX") == .bulletin)
    }

    @Test func aDocxThatIsNotAWordFileIsAnErrorSayingWhatToDo() throws {
        let folder = try Fixture.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Fixture.write("PK\u{3}\u{4} not a zip", to: "ban-tin.docx", in: folder)
        try Fixture.write(Fixture.bulletin(), to: "good.txt", in: folder)
        let loaded = try load(folder)
        #expect(loaded.bulletins.map(\.id) == ["good"])
        let error = try #require(loaded.diagnostics.first)
        #expect(loaded.diagnostics.count == 1)
        #expect(error.severity == .error && error.file == "Bulletins/ban-tin.docx")
        #expect(error.message.contains("save it again as Word Document (.docx)"), "\(error)")
    }

    @Test func filesThatAreNotMeantAsBulletinsAreLeftAloneSilently() throws {
        let folder = try Fixture.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["lexicon.tsv", "README.md", "README", "readme.txt", "huyen/ReadMe.md", ".DS_Store",
                     ".ban-tin.txt", "_mau.docx", "_mau.txt", "~$ban-tin.docx", "Thumbs.db", "desktop.ini",
                     "ban-tin.txt~"] {
            try Fixture.write("x", to: name, in: folder)
        }
        try Fixture.write(Fixture.bulletin(), to: "good.txt", in: folder)
        let loaded = try load(folder)
        #expect(loaded.bulletins.map(\.id) == ["good"])
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
    }

    @Test func aLexiconOutsideTheTopIsReportedAsNotRead() throws {
        let folder = try Fixture.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Fixture.write("UBND\tủy ban nhân dân\n", to: "huyen/lexicon.tsv", in: folder)
        let warning = try #require(try load(folder).diagnostics.first)
        #expect(warning.severity == .warning)
        #expect(warning.file == "Bulletins/huyen/lexicon.tsv")
        #expect(warning.message.contains("top of the bulletins folder"))
    }

    @Test func aFolderLinkedBackIntoItselfIsReadOnce() throws {
        let folder = try Fixture.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Fixture.write(Fixture.bulletin(), to: "huyen/good.txt", in: folder)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("huyen/vong").path,
                                                   withDestinationPath: folder.path)
        let loaded = BulletinLibrary.load(directory: folder, displayPrefix: "Bulletins")
        #expect(loaded.bulletins.map(\.id) == ["good"])
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
    }
}
