import Testing
@testable import VietnameseText

/// Service and hotline numbers after a cue word are read digit by digit (issue 15);
/// the same numbers counting something stay quantities.
@Suite("Service and hotline numbers")
struct ServiceNumberTests {
    @Test("after a cue, short service numbers are dialled digits", arguments: [
        ("Gọi 113 để báo cháy.", "gọi một một ba để báo cháy."),
        ("Gọi ngay 114!", "gọi ngay một một bốn!"),
        ("Khi cần cấp cứu, hãy gọi 115.", "khi cần cấp cứu, hãy gọi một một năm."),
        ("Phản ánh qua số máy 113 hoặc 114.", "phản ánh qua số máy một một ba hoặc một một bốn."),
        ("Đường dây nóng 113, 114, 115.", "đường dây nóng một một ba, một một bốn, một một năm."),
        ("Tổng đài 1022 của tỉnh.", "tổng đài một không hai hai của tỉnh."),
        ("Liên hệ (1022) để được giúp.", "liên hệ, một không hai hai, để được giúp."),
        ("Hotline hỗ trợ: 1022.", "hót lai hỗ trợ: một không hai hai."),
        ("Số điện thoại của công an xã là 113.", "số điện thoại của công an xã là một một ba."),
        ("Cấp cứu 115 luôn trực.", "cấp cứu một một năm luôn trực."),
    ])
    func serviceNumbers(_ c: (String, String)) {
        #expect(reads(c.0, c.1), "\(c.0) → \(say(c.0))")
    }

    @Test("1800 and 1900 numbers in any grouping", arguments: [
        ("Tổng đài 1900 9095.", "tổng đài một chín không không chín không chín năm."),
        ("Gọi 1800 1091 miễn phí.", "gọi một tám không không một không chín một miễn phí."),
        ("Liên hệ hotline 1900.1234.", "liên hệ hót lai một chín không không một hai ba bốn."),
        ("Đường dây nóng 1900 561 292.", "đường dây nóng một chín không không năm sáu một hai chín hai."),
        ("Số 1900561292 trực 24/7.", "số một chín không không năm sáu một hai chín hai trực hai mươi tư trên bảy."),
    ])
    func premiumAndFreeNumbers(_ c: (String, String)) {
        #expect(reads(c.0, c.1), "\(c.0) → \(say(c.0))")
    }

    @Test("the same digits counting something stay quantities", arguments: [
        ("Tổng đài đã nhận 115 cuộc gọi.", "tổng đài đã nhận một trăm mười lăm cuộc gọi."),
        ("Xã kêu gọi 113 hộ tham gia.", "xã kêu gọi một trăm mười ba hộ tham gia."),
        ("Liên hệ với 114 người.", "liên hệ với một trăm mười bốn người."),
        ("Có 113 hộ nghèo.", "có một trăm mười ba hộ nghèo."),
        ("Gọi 3 lần không được.", "gọi ba lần không được."),
        ("Gọi điện 1050 lượt.", "gọi điện một nghìn không trăm năm mươi lượt."),
        ("Đường dây nóng nhận 1.022 phản ánh.", "đường dây nóng nhận một nghìn không trăm hai mươi hai phản ánh."),
        ("Quốc lộ 115 km.", "quốc lộ một trăm mười lăm ki lô mét."),
        ("Công an huyện đã xử lý 113 vụ.", "công an huyện đã xử lý một trăm mười ba vụ."),
        ("Gọi điện hỏi thăm sức khỏe 1020 người.", "gọi điện hỏi thăm sức khỏe một nghìn không trăm hai mươi người."),
    ])
    func quantities(_ c: (String, String)) {
        #expect(reads(c.0, c.1), "\(c.0) → \(say(c.0))")
    }

    @Test func onlyTheDialledNumbersQualify() {
        #expect(ServiceNumber.isServiceNumber("113"))
        #expect(ServiceNumber.isServiceNumber("1022"))
        #expect(!ServiceNumber.isServiceNumber("110"))
        #expect(!ServiceNumber.isServiceNumber("120"))
        #expect(!ServiceNumber.isServiceNumber("2022"))
        #expect(!ServiceNumber.isServiceNumber("11300"))
    }
}
