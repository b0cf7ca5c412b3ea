// Ranges: A-B, A - B, A–B between two numbers → "A đến B": 15-20 phút → mười
// lăm đến hai mươi phút; 02-04 lần → hai đến bốn lần. A hyphen glued to letters
// is a code, not a range (COVID-19, 43-CT/TU: see `Code`).

enum NumberRange {
    static func read(_ c: TokenContext, at i: Int) -> Reading? {
        guard let a = NumberLiteral.scan(c, at: i), CalendarDate.rangeDash(c, a.end),
              let b = NumberLiteral.scan(c, at: a.end + 1) else { return nil }
        // "5 -3" (space before only) is not a range.
        let dash = c.tokens[a.end]
        if dash.spaceBefore != c.tokens[a.end + 1].spaceBefore { return nil }
        // Not "-CT/TU" codes or a date after.
        if c.attached(b.end), c.isSymbol(b.end, "/") { return nil }
        let ra = a.spoken(), rb = b.spoken()
        var r = Reading(ra.spoken + " đến " + rb.spoken, length: b.end - i, .range, quantity: true)
        if ra.tooLong || rb.tooLong { r.findings.append((.numberTooLong, "read digit by digit")) }
        return r
    }
}
