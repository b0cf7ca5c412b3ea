// Ordinals and weekdays: thứ 1 → thứ nhất, thứ 4 → thứ tư, thứ 7 → thứ bảy,
// other thứ N → thứ + cardinal. Roman numerals after "thứ" read the same way
// (kỳ họp thứ II → thứ hai).

enum Ordinal {
    /// A number right after "thứ".
    static func read(_ c: TokenContext, at i: Int) -> Reading? {
        guard c.isNumber(i), c.tokens[i].spaceBefore, c.previousWord(i) == "thứ",
              !(c.isSymbol(i + 1, ".") && c.isNumber(i + 2) && c.attached(i + 2)),
              !(c.isSymbol(i + 1, "/") && c.attached(i + 1)),
              let v = NumberReading.value(c.tokens[i].text) else { return nil }
        return Reading(word(v), length: 1, .ordinal)
    }

    /// The ordinal word for a value.
    static func word(_ v: Int) -> String {
        switch v {
        case 1: return "nhất"
        case 4: return "tư"
        default: return NumberReading.cardinal(String(v)) ?? String(v)
        }
    }
}
