import Testing
@testable import Programme

/// Approval (issue 9, item 5): a pending bulletin says why it is pending, and a bulletin
/// never airs before the day it was approved.
@Suite struct ApprovalTests {
    let body = "Kính thưa bà con! Trạm Y tế xã tổ chức tiêm vắc-xin phòng COVID-19."

    func parse(_ header: String) -> (Bulletin?, [Diagnostic]) {
        BulletinParser.parse("---\ntitle: Lịch tiêm\n\(header)---\n\(body)\n", file: "Bulletins/b.txt", defaultID: "b")
    }

    @Test func withoutApprovedByIsPendingWithANoteAtTheApprovalLine() throws {
        let (bulletin, diagnostics) = parse("approved-on: 2021-09-22\nvalid-from: 2021-09-23\n")
        #expect(try #require(bulletin).isPending)
        let note = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        #expect(note.severity == .warning)
        #expect(note.line == 3)
        #expect(note.message.hasPrefix("pending:"))
        #expect(note.message.contains("no 'approved-by:'"))
        #expect(!note.message.contains("no 'approved-on:'"))
    }

    @Test func withoutApprovedOnIsPendingWithANote() throws {
        let (_, diagnostics) = parse("approved-by: Nguyễn Văn An\nvalid-from: 2021-09-23\n")
        let note = try #require(diagnostics.first)
        #expect(note.severity == .warning && note.line == 3)
        #expect(note.message.contains("no 'approved-on:'") && !note.message.contains("no 'approved-by:'"))
    }

    @Test func withoutEitherKeyTheNotePointsAtTheEndOfTheHeader() throws {
        let (_, diagnostics) = parse("valid-from: 2021-09-23\n")
        let note = try #require(diagnostics.first)
        #expect(note.description.hasPrefix("Bulletins/b.txt:4: warning: pending:"))
        #expect(note.message.contains("no 'approved-by:' and no 'approved-on:'"))
    }

    @Test func anEmptyApprovedByIsNamed() throws {
        let (_, diagnostics) = parse("approved-by:\napproved-on: 2021-09-22\n")
        let note = try #require(diagnostics.first)
        #expect(note.line == 3)
        #expect(note.message.contains("an empty 'approved-by:'"))
    }

    @Test func anApprovedBulletinHasNoNote() {
        let (bulletin, diagnostics) = parse("approved-by: A\napproved-on: 2021-09-22\nvalid-from: 2021-09-23\n")
        #expect(bulletin != nil)
        #expect(diagnostics.isEmpty)
    }

    @Test func approvalAfterValidFromAirsOnlyFromTheApprovalDay() throws {
        let (bulletin, diagnostics) = parse(
            "approved-by: A\napproved-on: 2021-09-25\nvalid-from: 2021-09-23\nvalid-until: 2021-09-27\n")
        let b = try #require(bulletin)
        #expect(!b.airs(on: CalendarDate(iso: "2021-09-23")!))
        #expect(!b.airs(on: CalendarDate(iso: "2021-09-24")!))
        #expect(b.airs(on: CalendarDate(iso: "2021-09-25")!))
        #expect(b.airs(on: CalendarDate(iso: "2021-09-27")!))
        let note = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        #expect(note.severity == .warning)
        #expect(note.line == 4)
        #expect(note.message.contains("approved-on 2021-09-25 is after valid-from 2021-09-23 (line 5)"))
        #expect(note.message.contains("airs from 2021-09-25"))
    }

    @Test func approvalAfterTheLastValidDayNeverAirs() throws {
        let (bulletin, diagnostics) = parse(
            "approved-by: A\napproved-on: 2021-09-30\nvalid-from: 2021-09-23\nvalid-until: 2021-09-27\n")
        let b = try #require(bulletin)
        for day in 20...30 { #expect(!b.airs(on: CalendarDate(year: 2021, month: 9, day: day)!)) }
        #expect(diagnostics.first?.message.contains("never airs") == true)
    }

    @Test func theValidityWindowStillHolds() throws {
        let b = try #require(parse("approved-by: A\napproved-on: 2021-09-20\nvalid-from: 2021-09-23\nvalid-until: 2021-09-24\n").0)
        #expect(!b.airs(on: CalendarDate(iso: "2021-09-22")!))
        #expect(b.airs(on: CalendarDate(iso: "2021-09-23")!))
        #expect(!b.airs(on: CalendarDate(iso: "2021-09-25")!))
    }
}
