// Decimal numbers: the comma (and a dot not followed by exactly three digits)
// is "phẩy": 99,61 → chín mươi chín phẩy sáu mươi mốt; 40.59 → bốn mươi phẩy
// năm mươi chín; 0,05 → không phẩy không năm (after the point: one or two digits
// without a leading zero are a number, anything else is read digit by digit).
// Recognition lives in `NumberLiteral.shape`; this is the verbalizer.

enum Decimal {
    /// Reads integer part, "phẩy", fraction.
    static func spoken(integer: String, fraction: String) -> String {
        (NumberReading.cardinal(integer) ?? NumberReading.digitByDigit(integer)) + " phẩy " + NumberReading.fraction(fraction)
    }
}
