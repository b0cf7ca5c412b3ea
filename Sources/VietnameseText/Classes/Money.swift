// Money: đ, đồng, VNĐ, VND → đồng; USD, $ → đô la Mỹ. After a number the
// currency comes from Lexicon/currencies.tsv (read by `Measure.after`);
// a currency sign before the number ($100) is read after it, as said aloud.

enum Money {
    static func prefixed(_ c: TokenContext, at i: Int) -> Reading? {
        guard let t = c.token(i), t.kind == .symbol, c.isNumber(i + 1), c.attached(i + 1) else { return nil }
        let unit: String
        switch t.symbol {
        case "$": unit = "đô la mỹ"
        case "€": unit = "ơ rô"
        case "£": unit = "bảng anh"
        case "¥": unit = "yên"
        default: return nil
        }
        guard let n = NumberLiteral.scan(c, at: i + 1) else { return nil }
        let r = n.spoken()
        return Reading(r.spoken + " " + unit, length: 1 + n.length, .money)
    }
}
