import Foundation
import Testing
@testable import Programme
import Signing

/// Approval bound to the text (issue 13, item 4): `loa approve` records the SHA-256 of the
/// text in an append-only file, signed with the department key; a bulletin airs only when
/// its current text has a record; one edited afterwards is "changed after approval"; a
/// corrupt line is reported with its number and the others still count.
@Suite struct RecordedApprovalTests {
    /// A scratch province folder with a department key, `loa.yaml` in recorded mode and one bulletin.
    struct Office {
        let root: URL
        var bulletins: URL { root.appendingPathComponent("Bulletins") }
        var bulletin: URL { bulletins.appendingPathComponent("tiem.txt") }
        var ledger: URL { root.appendingPathComponent("approvals.jsonl") }
        let province: Province

        init(signed: Bool = true) throws {
            root = try Fixture.scratchFolder()
            var yaml = Fixture.provinceYAML + "\napproval: recorded\n"
            if signed {
                try KeyFiles.generate(secret: root.appendingPathComponent("keys/department.key"))
                yaml += "signing:\n  key: keys/department.key\n"
            }
            try yaml.write(to: root.appendingPathComponent("loa.yaml"), atomically: true, encoding: .utf8)
            province = try ProvinceLoader.parse(yaml, file: "loa.yaml")
            try Fixture.write(Fixture.bulletin(), to: "Bulletins/tiem.txt", in: root)
        }

        func approve(by: String = "Nguyễn Văn An, Phó Giám đốc Sở", at: String = "2021-09-23T02:00:00Z") throws -> BulletinApprover.Outcome {
            try BulletinApprover.approve(file: bulletin, display: "Bulletins/tiem.txt", by: by, province: province,
                                         configFolder: root, at: ISO8601DateFormatter().date(from: at)!,
                                         timeZone: TimeZone(identifier: "Asia/Ho_Chi_Minh")!)
        }

        /// The bulletins as the build sees them: read without header approval, then the book applied.
        func gate() throws -> (bulletins: [Bulletin], states: [String: ApprovalState], diagnostics: [Diagnostic]) {
            let loaded = BulletinLibrary.load(directory: bulletins, displayPrefix: "Bulletins", approvalFromHeader: false)
            let book = try ApprovalBook.load(province: province, configFolder: root, display: { _ in "approvals.jsonl" })
            let applied = book.apply(to: loaded.bulletins)
            return (applied.bulletins, applied.states, book.diagnostics + applied.diagnostics)
        }
    }

    let day = CalendarDate(iso: "2021-09-24")!

    @Test func approveThenEditThenApproveAgain() throws {
        let office = try Office()
        defer { try? FileManager.default.removeItem(at: office.root) }

        // Not approved yet: the header's approved-by does not count in recorded mode.
        var gated = try office.gate()
        #expect(gated.states["Bulletins/tiem.txt"] == .notApproved)
        #expect(gated.bulletins.first?.airs(on: day) == false)
        #expect(gated.diagnostics.first?.message.hasPrefix("pending: not approved yet (its approved-by line does not approve it") == true)

        let first = try office.approve()
        #expect(first.line == 1 && first.signedWith != nil)
        #expect(first.record.approvedOn == "2021-09-23")
        gated = try office.gate()
        #expect(gated.states["Bulletins/tiem.txt"] == .recorded(by: "Nguyễn Văn An, Phó Giám đốc Sở", on: "2021-09-23", line: 1))
        #expect(gated.bulletins.first?.airs(on: day) == true)
        #expect(gated.diagnostics.isEmpty, "\(gated.diagnostics)")

        // Edited after approval: does not air, and says so.
        try Fixture.write(Fixture.bulletin(body: "Kính thưa bà con! Lịch tiêm đổi sang chiều thứ bảy."), to: "Bulletins/tiem.txt", in: office.root)
        gated = try office.gate()
        #expect(gated.bulletins.first?.airs(on: day) == false)
        let changed = try #require(gated.diagnostics.first)
        #expect(changed.severity == .error)
        #expect(changed.description.hasPrefix("Bulletins/tiem.txt: error: changed after approval by Nguyễn Văn An, Phó Giám đốc Sở on 2021-09-23"), "\(changed)")
        #expect(changed.message.contains("loa approve Bulletins/tiem.txt --by"))

        // The same words with CRLF line ends and decomposed accents are still the approved text once approved again.
        let second = try office.approve(by: "Trần Thị Bình, Giám đốc Sở", at: "2021-09-23T09:00:00Z")
        #expect(second.line == 2)
        let edited = try String(contentsOf: office.bulletin, encoding: .utf8)
        try Data(edited.replacingOccurrences(of: "\n", with: "\r\n").decomposedStringWithCanonicalMapping.utf8).write(to: office.bulletin)
        gated = try office.gate()
        #expect(gated.states["Bulletins/tiem.txt"] == .recorded(by: "Trần Thị Bình, Giám đốc Sở", on: "2021-09-23", line: 2))
        #expect(gated.bulletins.first?.airs(on: day) == true)
    }

    @Test func aCorruptLineIsReportedWithItsNumberAndTheOthersStillCount() throws {
        let office = try Office()
        defer { try? FileManager.default.removeItem(at: office.root) }
        try Data("{\"text_sha256\": \"abc\"\nnot json at all\n".utf8).write(to: office.ledger)
        try office.approve()
        let before = try Data(contentsOf: office.ledger)
        // A line cut short at the end is ended before the next record; nothing is rewritten.
        var cut = before
        cut.append(Data("{\"bulletin\": \"x\"".utf8))
        try cut.write(to: office.ledger)
        let outcome = try office.approve()
        #expect(outcome.line == 5)
        let after = try Data(contentsOf: office.ledger)
        #expect(after.starts(with: cut), "the approvals file is only appended to")

        let gated = try office.gate()
        #expect(gated.bulletins.first?.airs(on: day) == true)
        let warnings = gated.diagnostics.filter { $0.file == "approvals.jsonl" }
        #expect(warnings.map(\.line) == [1, 2, 4])
        #expect(warnings.allSatisfy { $0.severity == .warning && $0.message.contains("the other lines still count") })
    }

    @Test func aRecordNotSignedWithTheDepartmentKeyDoesNotCount() throws {
        let office = try Office()
        defer { try? FileManager.default.removeItem(at: office.root) }
        let text = try BulletinText.decode(Data(contentsOf: office.bulletin)).get()
        // Typed in by hand, or signed with another key.
        let forged = ApprovalRecord(textSHA256: text.sha256, bulletin: "tiem", file: "Bulletins/tiem.txt", title: "x",
                                    approvedBy: "Ai đó", approvedOn: "2021-09-20", approvedAt: "2021-09-20T00:00:00Z")
        try ApprovalLedger.append(forged, to: office.ledger)
        try ApprovalLedger.append(try forged.signed(with: DepartmentSecretKey.generate()), to: office.ledger)
        var tampered = try forged.signed(with: KeyFiles.readSecretKey(office.root.appendingPathComponent("keys/department.key")))
        tampered.approvedBy = "Người khác"
        try ApprovalLedger.append(tampered, to: office.ledger)
        let gated = try office.gate()
        #expect(gated.bulletins.first?.airs(on: day) == false)
        let lines = gated.diagnostics.filter { $0.file == "approvals.jsonl" }
        #expect(lines.map(\.line) == [1, 2, 3])
        #expect(lines[0].message.contains("is not signed"))
        #expect(lines[1].message.contains("does not match"))
        #expect(lines[2].message.contains("does not match"))
    }

    @Test func withoutAKeyRecordsAreUnsignedAndCount() throws {
        let office = try Office(signed: false)
        defer { try? FileManager.default.removeItem(at: office.root) }
        let outcome = try office.approve()
        #expect(outcome.signedWith == nil && outcome.record.signature == nil)
        #expect(try office.gate().bulletins.first?.airs(on: day) == true)
    }

    @Test func aFileWithErrorsCannotBeApproved() throws {
        let office = try Office()
        defer { try? FileManager.default.removeItem(at: office.root) }
        try Fixture.write("no header here\n", to: "Bulletins/tiem.txt", in: office.root)
        #expect(throws: ConfigError.self) { try office.approve() }
        #expect(!FileManager.default.fileExists(atPath: office.ledger.path))
    }

    @Test func approvalModeIsReadFromLoaYAML() throws {
        #expect(try ProvinceLoader.parse(Fixture.provinceYAML, file: "loa.yaml").approval.mode == .recorded)
        let header = try ProvinceLoader.parse(Fixture.provinceYAML + "\napproval: header\napprovals-file: dir/a.jsonl\n", file: "loa.yaml")
        #expect(header.approval.mode == .header && header.approval.file == "dir/a.jsonl")
        #expect {
            try ProvinceLoader.parse(Fixture.provinceYAML + "\napproval: paper\n", file: "loa.yaml")
        } throws: { error in
            (error as? ConfigError)?.diagnostic.message.contains("should be recorded") == true
        }
        // The bundled sample approves on paper, so the README's build airs its bulletins.
        let sample = try ProvinceLoader.load(Fixture.repositoryRoot.appendingPathComponent("loa.yaml"))
        #expect(sample.approval.mode == .header)
    }
}
