import Testing
@testable import VietnameseText

/// A slash after a unit, a time or a count is read, never dropped (issue 15):
/// "mỗi" before what is counted per, "trên" before a number and inside units.
@Suite("Per-slashes after units and times")
struct PerSlashTests {
    @Test("read as mỗi or trên", arguments: [
        ("Trực 24h/7 ngày.", "trực hai mươi tư giờ trên bảy ngày."),
        ("Trực 24 giờ/7 ngày.", "trực hai mươi tư giờ trên bảy ngày."),
        ("Xét nghiệm 3 lần/tuần.", "xét nghiệm ba lần mỗi tuần."),
        ("Hỗ trợ 50.000 đồng/người.", "hỗ trợ năm mươi nghìn đồng mỗi người."),
        ("Hỗ trợ 50.000đ/người/ngày.", "hỗ trợ năm mươi nghìn đồng mỗi người mỗi ngày."),
        ("Tốc độ 60 km/h.", "tốc độ sáu mươi ki lô mét trên giờ."),
        ("Tốc độ 60 km/giờ.", "tốc độ sáu mươi ki lô mét trên giờ."),
        ("Gió mạnh (km/h) tăng.", "gió mạnh, ki lô mét trên giờ, tăng."),
        ("Phát sóng 6h/ngày.", "phát sóng sáu giờ mỗi ngày."),
        ("Lấy mẫu 1 lần/2 tuần.", "lấy mẫu một lần trên hai tuần."),
        ("Giá 20.000 đồng/kg.", "giá hai mươi nghìn đồng mỗi ki lô gam."),
        ("Phun 2 lít/sào.", "phun hai lít mỗi sào."),
    ])
    func perSlash(_ c: (String, String)) {
        #expect(reads(c.0, c.1), "\(c.0) → \(say(c.0))")
    }

    @Test("the guide's '2 ngày/1 lần' keeps its silent slash") func oncePer() {
        #expect(reads("Xét nghiệm 2 ngày/1 lần.", "xét nghiệm hai ngày một lần."))
        #expect(reads("Lấy mẫu 3 ngày/01 lần.", "lấy mẫu ba ngày một lần."))
    }

    @Test("every slash after a word is said or is a pause", arguments: [
        "Trực 24h/7 ngày.", "3 lần/tuần", "các tỉnh/thành", "Tổ 3/thôn 5", "và/hoặc", "5 người/2 phòng",
    ])
    func nothingDropped(_ text: String) {
        let r = normalizeKeepingFates(text)
        #expect(r.fates.filter { $0.token == "/" }.allSatisfy { $0.fate == .spoken || $0.fate == .pause })
    }
}
