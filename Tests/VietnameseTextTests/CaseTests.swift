import Testing
@testable import VietnameseText

/// Case does not change a reading (issue 15): units of two letters or more in any
/// case, a unit standing alone, and listed acronyms written in lower case.
@Suite("Units and acronyms in any case")
struct CaseTests {
    func findings(_ text: String) -> [Finding] { Fixtures.normalizer.normalize(text).findings }

    @Test("units in any case", arguments: [
        ("dài 5 KM", "dài năm ki lô mét"),
        ("dài 5 Km", "dài năm ki lô mét"),
        ("nặng 3 Kg", "nặng ba ki lô gam"),
        ("nặng 3 KG", "nặng ba ki lô gam"),
        ("cao 50 CM", "cao năm mươi xen ti mét"),
        ("chai 500 ML", "chai năm trăm mi li lít"),
        ("rộng 2 HA", "rộng hai héc ta"),
        ("chạy 40 KM/H", "chạy bốn mươi ki lô mét trên giờ"),
        ("gửi 100 usd", "gửi một trăm đô la mỹ"),
    ])
    func units(_ c: (String, String)) {
        #expect(reads(c.0, c.1), "\(c.0) → \(say(c.0))")
        #expect(findings(c.0).isEmpty)
    }

    @Test("one-letter units keep their case: 4G, 5K, 5 M are not units") func oneLetter() {
        #expect(reads("mạng 4G", "mạng bốn giê"))
        #expect(reads("thông điệp 5K", "thông điệp năm ca"))
        #expect(reads("cao 5 m", "cao năm mét"))
    }

    @Test("a kilometre post: the unit before the number", arguments: [
        ("tại Km 12 quốc lộ 1A", "tại ki lô mét mười hai quốc lộ một a"),
        ("tại km 12", "tại ki lô mét mười hai"),
        ("tại KM 45+200", "tại ki lô mét bốn mươi lăm cộng hai trăm"),
        ("Km12+500 sạt lở", "ki lô mét mười hai cộng năm trăm sạt lở"),
    ])
    func kilometrePost(_ c: (String, String)) {
        #expect(reads(c.0, c.1), "\(c.0) → \(say(c.0))")
        #expect(findings(c.0).isEmpty)
    }

    @Test("listed acronyms in lower or mixed case", arguments: [
        ("nhắn tin sms", "nhắn tin ét em ét"),
        ("Gửi Sms", "gửi ét em ét"),
        ("cây atm", "cây a tê mờ"),
        ("bật gps", "bật giê pê ét"),
        ("Bật Gps", "bật giê pê ét"),
        ("cắm usb", "cắm u ét bê"),
        ("mã qr", "mã quy a"),
        ("ubnd xã", "ủy ban nhân dân xã"),
        ("thẻ bhyt", "thẻ bảo hiểm y tế"),
    ])
    func acronyms(_ c: (String, String)) {
        #expect(reads(c.0, c.1), "\(c.0) → \(say(c.0))")
        #expect(findings(c.0).isEmpty)
    }

    @Test("Vietnamese words that look like acronyms stay words") func words() {
        #expect(reads("ai cũng biết", "ai cũng biết"))
        #expect(reads("ông Hà", "ông hà"))
    }

    @Test("a staff unit applies in every case the built-in one did") func staffUnit() {
        var lexicon = Lexicon.builtIn
        _ = lexicon.merge(tsv: "km\tcây số\n", file: "staff.tsv")
        let n = Normalizer(lexicon: lexicon)
        #expect(n.spoken("dài 5 km") == "dài năm cây số")
        #expect(n.spoken("dài 5 KM") == "dài năm cây số")
    }

    @Test("temperatures with the word độ: 25-30 độ C", arguments: [
        ("25-30 độ C", "hai mươi lăm đến ba mươi độ xê"),
        ("25 - 30 độ C", "hai mươi lăm đến ba mươi độ xê"),
        ("từ 25 đến 30 độ C", "từ hai mươi lăm đến ba mươi độ xê"),
        ("38 độ c", "ba mươi tám độ xê"),
        ("35oC", "ba mươi lăm độ xê"),
        ("-2 độ C", "âm hai độ xê"),
        ("cấp độ III", "cấp độ ba"),
    ])
    func degrees(_ c: (String, String)) {
        #expect(reads(c.0, c.1), "\(c.0) → \(say(c.0))")
    }
}
