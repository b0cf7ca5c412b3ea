// Times of day: 6h, 06h00, 06:00 → sáu giờ; 6h30, 6:30 → sáu giờ ba mươi phút;
// 17h → mười bảy giờ. A range of times reads "đến": 7h30-11h → bảy giờ ba mươi
// phút đến mười một giờ.

enum Time {
    struct Clock { var hour: Int; var minute: Int; var length: Int }

    static func scan(_ c: TokenContext, at i: Int) -> Clock? {
        guard c.isNumber(i), c.tokens[i].text.utf8.count <= 2, let h = NumberReading.value(c.tokens[i].text), h <= 24
        else { return nil }
        // 6h, 6h30, 6g30
        if let w = c.token(i + 1), w.kind == .word, c.attached(i + 1), w.lower == "h" || (w.lower == "g" && c.isNumber(i + 2) && c.attached(i + 2)) {
            if c.isNumber(i + 2), c.attached(i + 2), c.tokens[i + 2].text.utf8.count == 2,
               let m = NumberReading.value(c.tokens[i + 2].text), m < 60 {
                var len = 3
                if let t = c.token(i + 3), c.attached(i + 3), t.lower == "p" || t.lower == "ph" || t.symbol == "'" { len += 1 }
                return Clock(hour: h, minute: m, length: len)
            }
            // "6h" must end there (not "6ha").
            return Clock(hour: h, minute: 0, length: 2)
        }
        // 6:30, 06:00
        if c.glued(i + 1, ":"), c.isNumber(i + 2), c.tokens[i + 2].text.utf8.count == 2,
           let m = NumberReading.value(c.tokens[i + 2].text), m < 60 {
            var len = 3
            if c.glued(i + 3, ":"), c.isNumber(i + 4), c.tokens[i + 4].text.utf8.count == 2 { len = 5 }
            return Clock(hour: h, minute: m, length: len)
        }
        return nil
    }

    static func spoken(_ t: Clock) -> String {
        var s = (NumberReading.cardinal(String(t.hour)) ?? "") + " giờ"
        if t.minute > 0 { s += " " + (NumberReading.cardinal(String(t.minute)) ?? "") + " phút" }
        return s
    }

    static func read(_ c: TokenContext, at i: Int) -> Reading? {
        guard let first = scan(c, at: i) else { return nil }
        var s = spoken(first)
        var len = first.length
        let j = i + first.length
        if CalendarDate.rangeDash(c, j), let second = scan(c, at: j + 1) {
            s += " đến " + spoken(second)
            len += 1 + second.length
        }
        return Reading(s, length: len, .time)
    }
}
