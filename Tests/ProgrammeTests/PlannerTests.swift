import Testing
@testable import Programme

/// Planning is pure: lengths in, timelines out. Rate 1000 Hz so frames are milliseconds.
@Suite struct PlannerTests {
    let planner = Planner(sampleRate: 1000)
    let station = Station(code: "PD", name: "Phương Điền", kind: .xa, districtCode: "HK", voice: nil)

    func slot(_ id: String, maxSeconds: Int, minSeconds: Int? = nil) -> Slot {
        Slot(id: id, startMinute: 360, maxMs: maxSeconds * 1000, minMs: minSeconds.map { $0 * 1000 }, label: id)
    }

    func segment(_ kind: ItemKind, _ id: String, seconds: Int) -> Segment {
        Segment(kind: kind, id: id, title: id, voice: "bac", frames: seconds * 1000, gapAfterFrames: 1000)
    }

    func candidate(_ id: String, _ priority: Priority, seconds: Int, approved: String = "2021-09-20",
                   slots: [String]? = nil) -> Candidate {
        let bulletin = Bulletin(
            id: id, title: id, titleLine: 1, approval: Approval(by: "A", on: CalendarDate(iso: approved)!),
            validFrom: nil, validUntil: nil, priority: priority, targets: [.all], slots: slots, voice: nil,
            paragraphs: [Paragraph(text: id, line: 1)], file: "\(id).txt", headerLines: [:])
        return Candidate(bulletin: bulletin, segment: segment(.bulletin, id, seconds: seconds))
    }

    func plan(_ slots: [Slot], _ candidates: [Candidate]) throws -> StationPlan {
        var openings: [String: Segment] = [:], closings: [String: Segment] = [:]
        for s in slots {
            openings[s.id] = segment(.opening, "opening", seconds: 10)
            closings[s.id] = segment(.closing, "closing", seconds: 5)
        }
        return try planner.plan(station: station, slots: slots, openings: openings, closings: closings,
                                candidates: candidates)
    }

    func ids(_ p: SlotProgramme) -> [String] { p.items.map(\.segment.id) }

    @Test func opensOrdersByPriorityThenApprovalAndCloses() throws {
        let p = try plan([slot("sang", maxSeconds: 600)], [
            candidate("low", .low, seconds: 30),
            candidate("normal-late", .normal, seconds: 30, approved: "2021-09-22"),
            candidate("normal-early", .normal, seconds: 30, approved: "2021-09-21"),
            candidate("urgent", .urgent, seconds: 30),
            candidate("high", .high, seconds: 30),
        ])
        #expect(ids(p.programmes[0]) == ["opening", "urgent", "high", "normal-early", "normal-late", "low", "closing"])
        #expect(p.notAired.isEmpty)
    }

    @Test func itemsAreBackToBackWithPausesAndInsideTheProgramme() throws {
        let p = try plan([slot("sang", maxSeconds: 600)], [candidate("a", .normal, seconds: 30)])
        let items = p.programmes[0].items
        #expect(items.map(\.startFrame) == [0, 11_000, 42_000])
        #expect(p.programmes[0].totalFrames == 47_000)
        for (a, b) in zip(items, items.dropFirst()) { #expect(a.startFrame + a.segment.frames <= b.startFrame) }
        #expect(items.last!.startFrame + items.last!.segment.frames == p.programmes[0].totalFrames)
    }

    @Test func overflowDefersLowerPriorityToTheNextSlotWhereItGoesFirst() throws {
        // Slot fits opening 10 + gap 1 + closing 5 = 16 s plus 60 s of bulletins (with gaps).
        let p = try plan([slot("sang", maxSeconds: 80), slot("chieu", maxSeconds: 80)], [
            candidate("high", .high, seconds: 40),
            candidate("normal", .normal, seconds: 40),
            candidate("low", .low, seconds: 15),
        ])
        #expect(ids(p.programmes[0]) == ["opening", "high", "low", "closing"])
        #expect(p.programmes[0].deferred == ["normal"])
        #expect(ids(p.programmes[1]).contains("normal"))
        #expect(p.programmes[1].items[1].segment.id == "normal" || ids(p.programmes[1]).firstIndex(of: "normal")! <= 2)
        #expect(p.notAired.isEmpty)
        for programme in p.programmes { #expect(programme.totalFrames <= programme.slot.maxMs) }
    }

    @Test func whatFitsNowhereIsNotAired() throws {
        let p = try plan([slot("sang", maxSeconds: 60)], [candidate("long", .high, seconds: 120)])
        #expect(ids(p.programmes[0]) == ["opening", "closing"])
        #expect(p.programmes[0].deferred == ["long"])
        #expect(p.notAired == ["long"])
    }

    @Test func urgentRepeatsInEverySlot() throws {
        let p = try plan([slot("sang", maxSeconds: 600), slot("trua", maxSeconds: 600), slot("chieu", maxSeconds: 600)],
                         [candidate("khan", .urgent, seconds: 30)])
        for programme in p.programmes { #expect(ids(programme) == ["opening", "khan", "closing"]) }
    }

    @Test func urgentOverrunFailsNamingTheBulletinsAndSeconds() {
        #expect {
            _ = try plan([slot("sang", maxSeconds: 60)], [candidate("khan-1", .urgent, seconds: 30),
                                                          candidate("khan-2", .urgent, seconds: 30)])
        } throws: { error in
            guard case let .urgentOverrun(station, slot, bulletins, overrun) = error as? PlanningError else { return false }
            // 10 + 1 + 30 + 1 + 30 + 1 + 5 = 78 s in a 60 s slot.
            return station == "PD" && slot == "sang" && bulletins == ["khan-1", "khan-2"] && abs(overrun - 18) < 0.001
        }
    }

    @Test func slotRestrictionsAreHonoured() throws {
        let p = try plan([slot("sang", maxSeconds: 600), slot("chieu", maxSeconds: 600)],
                         [candidate("chieu-only", .normal, seconds: 30, slots: ["chieu"])])
        #expect(ids(p.programmes[0]) == ["opening", "closing"])
        #expect(ids(p.programmes[1]) == ["opening", "chieu-only", "closing"])
        #expect(p.programmes[0].deferred.isEmpty)
    }

    @Test func emptyDayHasOnlyAnnouncementsAndIsReportedUnderMinimum() throws {
        let p = try plan([slot("sang", maxSeconds: 600, minSeconds: 60)], [])
        #expect(ids(p.programmes[0]) == ["opening", "closing"])
        #expect(p.programmes[0].totalFrames == 16_000)
        #expect(p.underMinimum == ["sang"])
    }

    @Test func exactFitIsAccepted() throws {
        // 10 + 1 + 30 + 1 + 5 = 47 s.
        let p = try plan([slot("sang", maxSeconds: 47)], [candidate("a", .normal, seconds: 30)])
        #expect(ids(p.programmes[0]) == ["opening", "a", "closing"])
        #expect(p.programmes[0].totalFrames == 47_000)
    }
}
