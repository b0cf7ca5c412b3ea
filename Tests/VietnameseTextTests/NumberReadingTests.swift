import Testing
@testable import VietnameseText

@Suite("Cardinal numbers (reading-guide.md, Numbers)")
struct NumberReadingTests {
    @Test("digits, tens, mốt, tư, lăm", arguments: [
        ("0", "không"), ("5", "năm"), ("10", "mười"), ("11", "mười một"), ("15", "mười lăm"),
        ("20", "hai mươi"), ("21", "hai mươi mốt"), ("24", "hai mươi tư"), ("25", "hai mươi lăm"),
        ("99", "chín mươi chín"), ("105", "một trăm linh năm"), ("608", "sáu trăm linh tám"),
        ("110", "một trăm mười"), ("2021", "hai nghìn không trăm hai mươi mốt"),
        ("1063787", "một triệu không trăm sáu mươi ba nghìn bảy trăm tám mươi bảy"),
        ("1000000000", "một tỷ"), ("3000500", "ba triệu năm trăm"), ("06", "sáu"),
        ("12500000000000", "mười hai nghìn năm trăm tỷ"),
    ])
    func cardinal(_ pair: (String, String)) {
        #expect(NumberReading.cardinal(pair.0) == pair.1)
    }

    @Test("fractions: one or two digits without leading zero are a number")
    func fractions() {
        #expect(NumberReading.fraction("61") == "sáu mươi mốt")
        #expect(NumberReading.fraction("6") == "sáu")
        #expect(NumberReading.fraction("05") == "không năm")
        #expect(NumberReading.fraction("125") == "một hai năm")
    }

    @Test("numbers too long for a quantity are refused")
    func tooLong() {
        #expect(NumberReading.cardinal(String(repeating: "9", count: 16)) == nil)
        #expect(NumberReading.cardinal("000000000000000000000001") == "một")
    }

    @Test("months and days") func monthsAndDays() {
        #expect(NumberReading.month(4) == "tư")
        #expect(NumberReading.month(1) == "một")
        #expect(NumberReading.day(5) == "mồng năm")
        #expect(NumberReading.day(25) == "hai mươi lăm")
    }
}

@Suite("Semiotic classes")
struct SemioticClassTests {
    @Test func cardinalAndDecimal() {
        #expect(reads("212.924 người", "hai trăm mười hai nghìn chín trăm hai mươi tư người"))
        #expect(reads("40.59%", "bốn mươi phẩy năm mươi chín phần trăm"))
        #expect(reads("99,61%", "chín mươi chín phẩy sáu mươi mốt phần trăm"))
        #expect(reads("0,05", "không phẩy không năm"))
        #expect(reads("1,2,3 hộ", "một hai ba hộ"))
    }

    @Test func ordinal() {
        #expect(reads("lần thứ 1", "lần thứ nhất"))
        #expect(reads("thứ 4", "thứ tư"))
        #expect(reads("Thứ 7", "thứ bảy"))
        #expect(reads("thứ 15", "thứ mười lăm"))
    }

    @Test func date() {
        #expect(reads("ngày 22/9/2021", "ngày hai mươi hai tháng chín năm hai nghìn không trăm hai mươi mốt"))
        #expect(reads("22/9/2021", "ngày hai mươi hai tháng chín năm hai nghìn không trăm hai mươi mốt"))
        #expect(reads("từ 5/10", "từ ngày mồng năm tháng mười"))
        #expect(reads("có 5/10 xã", "có năm trên mười xã"))
        #expect(reads("7/2020", "tháng bảy năm hai nghìn không trăm hai mươi"))
        #expect(reads("tháng 7/2020", "tháng bảy năm hai nghìn không trăm hai mươi"))
        #expect(reads("17/9-23/9/2021", "ngày mười bảy tháng chín đến ngày hai mươi ba tháng chín năm hai nghìn không trăm hai mươi mốt"))
    }

    @Test func time() {
        #expect(reads("6h", "sáu giờ"))
        #expect(reads("06h00", "sáu giờ"))
        #expect(reads("6h30", "sáu giờ ba mươi phút"))
        #expect(reads("6:30", "sáu giờ ba mươi phút"))
        #expect(reads("17h", "mười bảy giờ"))
    }

    @Test func range() {
        #expect(reads("15-20 phút", "mười lăm đến hai mươi phút"))
        #expect(reads("3 - 4 lần", "ba đến bốn lần"))
        #expect(reads("COVID-19", "cô vít mười chín"))
    }

    @Test func ratioAndPer() {
        #expect(reads("136/200 xã", "một trăm ba mươi sáu trên hai trăm xã"))
        #expect(reads("3 lần/ngày", "ba lần mỗi ngày"))
        #expect(reads("2 ngày/1 lần", "hai ngày một lần"))
        #expect(reads("40 km/h", "bốn mươi ki lô mét trên giờ"))
    }

    @Test func telephone() {
        #expect(reads("19009095", "một chín không không chín không chín năm"))
        #expect(reads("(0239) 800126", "không hai ba chín tám không không một hai sáu"))
        #expect(reads("0912345678", "không chín một hai ba bốn năm sáu bảy tám"))
        #expect(reads("điện thoại 123456", "điện thoại một hai ba bốn năm sáu"))
        #expect(reads("có 123456 người", "có một trăm hai mươi ba nghìn bốn trăm năm mươi sáu người"))
    }

    @Test func moneyAndMeasure() {
        #expect(reads("1.000.000.000 đ", "một tỷ đồng"))
        #expect(reads("100 USD", "một trăm đô la mỹ"))
        #expect(reads("45.000 đ/kg", "bốn mươi lăm nghìn đồng mỗi ki lô gam"))
        #expect(reads("12 km", "mười hai ki lô mét"))
        #expect(reads("38°C", "ba mươi tám độ xê"))
        #expect(reads("2GB", "hai gi ga bai"))
        #expect(reads("thôn Hà", "thôn hà"))
    }

    @Test func lettersAndAcronyms() {
        #expect(reads("UBND", "ủy ban nhân dân"))
        #expect(reads("KHÓ KHĂN", "khó khăn"))
        #expect(reads("VTV1", "vê tê vê một"))
        #expect(reads("5K", "năm ca"))
        #expect(Letters.spell("WZ", Lexicon.builtIn) == "vê kép dét")
    }

    @Test func code() {
        #expect(reads("số 13/KH-TBTT", "số mười ba trên ca hát tê bê tê tê"))
        #expect(reads("số 382/STTTT-BCVT", "số ba trăm tám mươi hai trên ét xì tê tê tê tê bê xê vê tê"))
    }

    @Test func roman() {
        #expect(reads("Quý III", "quý ba"))
        #expect(reads("thế kỷ XXI", "thế kỷ hai mươi mốt"))
        #expect(reads("II. Nhiệm vụ", "hai nhiệm vụ"))
        #expect(reads("nhóm I", "nhóm i"))
        #expect(Roman.value("IIII", allowed: ["I"]) == nil)
        #expect(Roman.value("XIV", allowed: ["I", "V", "X"]) == 14)
    }

    @Test func url() {
        #expect(reads("https://covidmaps.hatinh.gov.vn", "cô vít máps chấm hatinh chấm gờ o vê chấm vê en nờ"))
        #expect(reads("a@b.vn", "a a còng bê chấm vê en nờ"))
    }
}
