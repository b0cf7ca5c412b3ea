import Testing
@testable import Programme

/// Parsing the bulletin header and body (docs/formats.md).
@Suite struct BulletinParserTests {
    let complete = """
    ---
    id: tiem-chung
    title: Lịch tiêm vắc-xin
    approved-by: Nguyễn Văn An
    approved-on: 2021-09-22
    valid-from: 2021-09-23
    valid-until: 2021-09-26
    priority: high
    targets: station:PD, district:CL
    slots: sang, chieu
    voice: trung
    ---
    Đoạn một, dòng một.
    Dòng hai.

    Đoạn hai.
    """

    @Test func readsEveryHeaderKey() throws {
        let (bulletin, diagnostics) = BulletinParser.parse(complete, file: "a.txt", defaultID: "a")
        let b = try #require(bulletin)
        #expect(diagnostics.isEmpty)
        #expect(b.id == "tiem-chung")
        #expect(b.title == "Lịch tiêm vắc-xin")
        #expect(b.titleLine == 3)
        #expect(b.approval == Approval(by: "Nguyễn Văn An", on: CalendarDate(year: 2021, month: 9, day: 22)!))
        #expect(b.validFrom == CalendarDate(iso: "2021-09-23"))
        #expect(b.validUntil == CalendarDate(iso: "2021-09-26"))
        #expect(b.priority == .high)
        #expect(b.targets == [.station("PD"), .district("CL")])
        #expect(b.slots == ["sang", "chieu"])
        #expect(b.voice == "trung")
        #expect(b.paragraphs == [Paragraph(text: "Đoạn một, dòng một.\nDòng hai.", line: 13),
                                 Paragraph(text: "Đoạn hai.", line: 16)])
    }

    @Test func defaultsWhenOptionalKeysAreAbsent() throws {
        let text = "---\ntitle: T\napproved-by: A\napproved-on: 2021-09-24\n---\nNội dung thông báo.\n"
        let b = try #require(BulletinParser.parse(text, file: "x/y.txt", defaultID: "y").0)
        #expect(b.id == "y")
        #expect(b.priority == .normal)
        #expect(b.targets == [.all])
        #expect(b.slots == nil)
        #expect(b.firstDay == CalendarDate(iso: "2021-09-24"))
        #expect(b.lastDay == CalendarDate(iso: "2021-09-24"))
        #expect(b.airs(on: CalendarDate(iso: "2021-09-24")!))
        #expect(!b.airs(on: CalendarDate(iso: "2021-09-25")!))
    }

    @Test func withoutApprovalIsPendingAndNeverAirs() throws {
        let text = "---\ntitle: Dự thảo\napproved-by: A\nvalid-from: 2021-09-01\nvalid-until: 2021-12-31\n---\nNội dung thông báo.\n"
        let b = try #require(BulletinParser.parse(text, file: "p.txt", defaultID: "p").0)
        #expect(b.isPending)
        #expect(!b.airs(on: CalendarDate(iso: "2021-09-24")!))
    }

    @Test func windowsLineEndsAndByteOrderMarkAreAccepted() throws {
        let text = "\u{FEFF}---\r\ntitle: T\r\napproved-by: A\r\napproved-on: 2021-09-24\r\n---\r\nĐoạn một.\r\n\r\nĐoạn hai.\r\n"
        let b = try #require(BulletinParser.parse(text, file: "w.txt", defaultID: "w").0)
        #expect(b.paragraphs.map(\.text) == ["Đoạn một.", "Đoạn hai."])
    }

    @Test func badPriorityNamesTheLineAndTheChoices() {
        let text = "---\ntitle: T\npriority: gấp\n---\nNội dung.\n"
        let (b, d) = BulletinParser.parse(text, file: "b.txt", defaultID: "b")
        #expect(b == nil)
        #expect(d.first?.line == 3)
        #expect(d.first?.message.contains("urgent, high, normal, low") == true)
    }

    @Test func malformedTargetIsAnError() {
        let text = "---\ntitle: T\ntargets: xã PD\n---\nNội dung.\n"
        let (b, d) = BulletinParser.parse(text, file: "b.txt", defaultID: "b")
        #expect(b == nil)
        #expect(d.first?.description.hasPrefix("b.txt:3: error:") == true)
    }

    @Test func validUntilBeforeValidFromIsAnError() {
        let text = "---\ntitle: T\napproved-by: A\napproved-on: 2021-09-20\nvalid-from: 2021-09-24\nvalid-until: 2021-09-21\n---\nX.\n"
        let (b, d) = BulletinParser.parse(text, file: "b.txt", defaultID: "b")
        #expect(b == nil)
        #expect(d.first?.line == 6)
    }

    @Test func duplicateKeyIsAnError() {
        let text = "---\ntitle: T\ntitle: U\n---\nX.\n"
        let (b, d) = BulletinParser.parse(text, file: "b.txt", defaultID: "b")
        #expect(b == nil)
        #expect(d.first?.message.contains("line 2") == true)
    }
}

@Suite struct CalendarDateTests {
    @Test func rejectsImpossibleDates() {
        #expect(CalendarDate(iso: "2021-02-29") == nil)
        #expect(CalendarDate(iso: "2020-02-29") != nil)
        #expect(CalendarDate(iso: "2021-13-01") == nil)
        #expect(CalendarDate(iso: "2021-9-24") == nil)
        #expect(CalendarDate(iso: "24/09/2021") == nil)
    }

    @Test func weekdays() {
        #expect(CalendarDate(iso: "2021-09-24")?.isoWeekday == 5)  // a Friday
        #expect(CalendarDate(iso: "2021-09-26")?.isoWeekday == 7)  // a Sunday
        #expect(CalendarDate(iso: "2000-01-01")?.isoWeekday == 6)  // a Saturday
        #expect(CalendarDate(iso: "2024-02-29")?.isoWeekday == 4)  // a Thursday
    }
}
