import Testing
@testable import Programme

@Suite struct ProvinceLoaderTests {
    @Test func readsSlotsDistrictsAndStations() throws {
        let province = try Fixture.province()
        #expect(province.name == "Thử nghiệm")
        #expect(province.slots.map(\.id) == ["sang", "chieu"])
        #expect(province.slots[0].startMinute == 360)
        #expect(province.slots[0].maxMs == 1_200_000)
        #expect(province.slots[1].minMs == 60_000)
        #expect(province.stations.map(\.code) == ["PD", "HT", "TL"])
        #expect(province.stations[2].districtCode == "CL")
        #expect(province.voice(for: province.stations[0]) == "trung")
        #expect(province.voice(for: province.stations[1]) == "bac")
    }

    @Test func durations() {
        #expect(ProvinceLoader.parseDuration("20m") == 1_200_000)
        #expect(ProvinceLoader.parseDuration("15m30s") == 930_000)
        #expect(ProvinceLoader.parseDuration("90s") == 90_000)
        #expect(ProvinceLoader.parseDuration("1h") == 3_600_000)
        #expect(ProvinceLoader.parseDuration("20") == nil)
        #expect(ProvinceLoader.parseDuration("20 phút") == nil)
    }

    @Test func badSlotStartNamesItsLine() {
        let yaml = Fixture.provinceYAML.replacingOccurrences(of: "\"17:00\"", with: "\"5 giờ chiều\"")
        #expect {
            _ = try ProvinceLoader.parse(yaml, file: "loa.yaml")
        } throws: { error in
            let d = (error as? ConfigError)?.diagnostic
            return d?.line == 9 && d?.message.contains("like \"06:00\"") == true
        }
    }

    @Test func unknownPlaceholderIsRefused() {
        let yaml = Fixture.provinceYAML.replacingOccurrences(of: "{slot}", with: "{buoi}")
        #expect(throws: ConfigError.self) { _ = try ProvinceLoader.parse(yaml, file: "loa.yaml") }
    }

    @Test func yamlSyntaxErrorNamesTheLine() {
        #expect {
            _ = try ProvinceLoader.parse("province: [unclosed\nvoice: bac\n", file: "loa.yaml")
        } throws: { error in (error as? ConfigError)?.diagnostic.line != nil }
    }

    @Test func announcementsAreFilled() throws {
        let province = try Fixture.province()
        let text = AnnouncementWriter.text(province.announcements.opening, station: province.stations[0],
                                           district: province.districts[0], slot: province.slots[0],
                                           date: CalendarDate(iso: "2021-09-24")!)
        #expect(text == "Đây là Đài Truyền thanh xã Phương Điền. Hôm nay, thứ Sáu, ngày 24 tháng 9 năm 2021.")
    }
}
