import Testing
@testable import VietnameseText

/// Day and month written without "ngày" (issue 15): a date after a weekday (also
/// with a comma or bracket), after từ/đến/trước/sau/hạn, or in a list of dates;
/// a ratio where it counts something; a finding only when truly ambiguous.
@Suite("Day and month without ngày")
struct DayMonthTests {
    func findings(_ text: String) -> [Finding.Kind] { Fixtures.normalizer.normalize(text).findings.map(\.kind) }

    @Test("after a weekday", arguments: [
        ("Chủ nhật, 21/11 tiêm mũi 2.", "chủ nhật, ngày hai mươi mốt tháng mười một tiêm mũi hai."),
        ("Chủ nhật 21/11 nghỉ.", "chủ nhật ngày hai mươi mốt tháng mười một nghỉ."),
        ("Thứ Hai, 15/11 đi học.", "thứ hai, ngày mười lăm tháng mười một đi học."),
        ("Thứ 7 (20/11) có lịch tiêm.", "thứ bảy, ngày hai mươi tháng mười một, có lịch tiêm."),
        ("Từ thứ Sáu - 19/11 hoãn họp.", "từ thứ sáu, ngày mười chín tháng mười một hoãn họp."),
        ("Lịch tiêm: CN, 28/11.", "lịch tiêm: xê en, ngày hai mươi tám tháng mười một."),
    ])
    func weekday(_ c: (String, String)) {
        #expect(reads(c.0, c.1), "\(c.0) → \(say(c.0))")
        #expect(!findings(c.0).contains(.ambiguous))
    }

    @Test("after từ, đến, trước, sau, hạn", arguments: [
        ("Nghỉ từ 20/9 đến 25/9.", "nghỉ từ ngày hai mươi tháng chín đến ngày hai mươi lăm tháng chín."),
        ("Nộp trước 30/11.", "nộp trước ngày ba mươi tháng mười một."),
        ("Sau 15/10 đi học lại.", "sau ngày mười lăm tháng mười đi học lại."),
        ("Hạn 15/12.", "hạn ngày mười lăm tháng mười hai."),
        ("Hạn chót 15/12.", "hạn chót ngày mười lăm tháng mười hai."),
        ("Thời hạn đăng ký 10/12.", "thời hạn đăng ký ngày mồng mười tháng mười hai."),
    ])
    func cueWords(_ c: (String, String)) {
        #expect(reads(c.0, c.1), "\(c.0) → \(say(c.0))")
        #expect(!findings(c.0).contains(.ambiguous))
    }

    @Test("in a list of dates", arguments: [
        ("Tiêm ngày 20/9, 21/9 và 22/9.", "tiêm ngày hai mươi tháng chín, ngày hai mươi mốt tháng chín và ngày hai mươi hai tháng chín."),
        ("Lịch trực: 21/11, 28/11 và 5/12.", "lịch trực: ngày hai mươi mốt tháng mười một, ngày hai mươi tám tháng mười một và ngày mồng năm tháng mười hai."),
        ("Họp vào 3/11 hoặc 4/11.", "họp vào ngày mồng ba tháng mười một hoặc ngày mồng bốn tháng mười một."),
        ("Chợ mở 6/12; 13/12; 20/12.", "chợ mở ngày mồng sáu tháng mười hai; ngày mười ba tháng mười hai; ngày hai mươi tháng mười hai."),
    ])
    func lists(_ c: (String, String)) {
        #expect(reads(c.0, c.1), "\(c.0) → \(say(c.0))")
        #expect(!findings(c.0).contains(.ambiguous))
    }

    @Test("ratios that count something, without a finding", arguments: [
        ("Đã có 3/4 số hộ nộp thuế.", "đã có ba trên bốn số hộ nộp thuế."),
        ("Có 5/10 xã đạt chuẩn.", "có năm trên mười xã đạt chuẩn."),
        ("Thứ hai, 2/3 số xã chưa đạt.", "thứ hai, hai trên ba số xã chưa đạt."),
        ("Đạt 9/12 tiêu chí.", "đạt chín trên mười hai tiêu chí."),
        ("Hạn chế 1/2 số người ra đường.", "hạn chế một trên hai số người ra đường."),
        ("Tỷ lệ 1/2 và 3/4 số hộ.", "tỷ lệ một trên hai và ba trên bốn số hộ."),
        ("Tổng đài hoạt động 24/7.", "tổng đài hoạt động hai mươi tư trên bảy."),
        ("Lực lượng chức năng trực 24/7 tại chốt.", "lực lượng chức năng trực hai mươi tư trên bảy tại chốt."),
    ])
    func ratios(_ c: (String, String)) {
        #expect(reads(c.0, c.1), "\(c.0) → \(say(c.0))")
        #expect(!findings(c.0).contains(.ambiguous))
    }

    @Test("a finding only when truly ambiguous", arguments: ["Họp 5/10.", "Kết quả: 7/9", "Hội nghị 12/11 thành công."])
    func ambiguous(_ text: String) {
        #expect(findings(text) == [.ambiguous], "\(text) → \(findings(text))")
    }
}
