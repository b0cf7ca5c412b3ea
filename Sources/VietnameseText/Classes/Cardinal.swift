// Cardinal and decimal quantities: 212.924 → hai trăm mười hai nghìn chín trăm
// hai mươi tư; 06 giờ → sáu giờ (leading zeros are not read in quantities).
// Also the numbers that head a line (1. / 3.1. / 1.3 Tuyên truyền) and
// identifiers after "số" that keep their leading zeros (số 01 → số không một).

enum Cardinal {
    /// A number read as a quantity (integer or decimal, see `Decimal`).
    static func read(_ c: TokenContext, at i: Int) -> Reading? {
        guard let n = NumberLiteral.scan(c, at: i) else { return nil }
        if let heading = headingNumber(c, n) { return heading }
        // An identifier after "số" keeps its leading zeros: số 01 → số không một.
        if n.isPlainInteger, n.parts[0].utf8.count > 1, n.parts[0].utf8.first == 48, c.previousWord(i) == "số" {
            return Reading(NumberReading.digitByDigit(n.parts[0]), length: n.length, .cardinal)
        }
        let r = n.spoken()
        var reading = Reading(r.spoken, length: n.length, r.cls, quantity: true)
        if r.tooLong {
            reading.findings.append((.numberTooLong, "more than \(NumberReading.maxCardinalDigits) digits: read digit by digit"))
        }
        return reading
    }

    /// A section number at the start of a line: "1." → một; "3.1." → ba chấm một.
    /// The dot after it is a pause, not the end of a sentence.
    static func headingNumber(_ c: TokenContext, _ n: NumberLiteral) -> Reading? {
        guard c.startsLine(n.start) else { return nil }
        let next = n.end
        let dotAfter = c.isSymbol(next, ".") && c.attached(next) && (c.endsLine(next) || c.token(next + 1)?.spaceBefore == true)
        let bracketAfter = c.isSymbol(next, ")") && c.attached(next)
        let capitalAfter = (c.token(next)?.isCapitalized ?? false) && (c.token(next)?.spaceBefore ?? false)
        switch n.shape {
        case .integer(let d):
            guard n.isPlainInteger, dotAfter || bracketAfter, d.utf8.count <= 3 else { return nil }
            var r = Reading(NumberReading.cardinal(d) ?? d, length: n.length + 1, .cardinal)
            r.pauseAfter = dotAfter ? "." : ","
            return r
        case .decimal, .dotted:
            guard n.separators.allSatisfy({ $0 == "." }), n.parts.allSatisfy({ $0.utf8.count <= 3 }),
                  dotAfter || capitalAfter else { return nil }
            if case .integer = n.shape { return nil }
            let words = n.parts.map { NumberReading.cardinal($0) ?? $0 }.joined(separator: " chấm ")
            var r = Reading(words, length: n.length + (dotAfter ? 1 : 0), .cardinal)
            r.pauseAfter = "."
            return r
        default:
            return nil
        }
    }
}
