// A written number: digit groups glued by "." or ",". The guide's rule decides
// what the dots and commas mean: "." before exactly three digits inside a number
// separates thousands; any other "." between digits, and ",", is a decimal point.

struct NumberLiteral {
    var parts: [String]
    var separators: [Unicode.Scalar]
    /// Token range [start, end).
    var start: Int
    var end: Int

    enum Shape {
        case integer(String)
        case decimal(integer: String, fraction: String)
        /// Section numbers and versions: 3.1, 2.5.1 → ba chấm một.
        case dotted([String])
        /// 1,2,3 → một, hai, ba.
        case list([String])
    }

    /// Scans a number starting at token i (which must be a number).
    static func scan(_ c: TokenContext, at i: Int) -> NumberLiteral? {
        guard c.isNumber(i) else { return nil }
        var parts = [c.tokens[i].text]
        var seps: [Unicode.Scalar] = []
        var j = i + 1
        while j + 1 < c.count, c.tokens[j].kind == .symbol, c.tokens[j].symbol == "." || c.tokens[j].symbol == ",",
              c.attached(j), c.isNumber(j + 1), c.attached(j + 1), parts.count < 64 {
            seps.append(c.tokens[j].symbol)
            parts.append(c.tokens[j + 1].text)
            j += 2
        }
        return NumberLiteral(parts: parts, separators: seps, start: i, end: j)
    }

    var length: Int { end - start }
    var written: String {
        var s = parts[0]
        for (k, sep) in separators.enumerated() { s.unicodeScalars.append(sep); s += parts[k + 1] }
        return s
    }
    var allDigits: String { parts.joined() }
    var isPlainInteger: Bool { parts.count == 1 }

    /// Thousands groups: 1–3 digits, then groups of exactly three after dots.
    private static func isThousands(_ parts: ArraySlice<String>) -> Bool {
        guard let first = parts.first, (1...3).contains(first.utf8.count), first.utf8.first != 48 || first == "0" else { return false }
        return parts.dropFirst().allSatisfy { $0.utf8.count == 3 }
    }

    var shape: Shape {
        if parts.count == 1 { return .integer(parts[0]) }
        if separators.allSatisfy({ $0 == "." }) {
            if NumberLiteral.isThousands(parts[...]) && parts[0] != "0" { return .integer(allDigits) }
            if parts.count == 2 { return .decimal(integer: parts[0], fraction: parts[1]) }
            return .dotted(parts)
        }
        if separators.last == ",", separators.dropLast().allSatisfy({ $0 == "." }) {
            let intParts = parts.dropLast()
            if intParts.count == 1 || NumberLiteral.isThousands(intParts) {
                return .decimal(integer: intParts.joined(), fraction: parts[parts.count - 1])
            }
        }
        if separators.allSatisfy({ $0 == "," }) { return .list(parts) }
        return .dotted(parts)
    }

    /// Reads the number as a quantity. `tooLong` when it had to be read digit by digit.
    func spoken() -> (spoken: String, cls: SemioticClass, tooLong: Bool) {
        switch shape {
        case .integer(let d):
            let r = NumberReading.cardinalOrDigits(d)
            return (r.spoken, .cardinal, r.tooLong)
        case .decimal(let int, let frac):
            let r = NumberReading.cardinalOrDigits(int)
            return (r.spoken + " phẩy " + NumberReading.fraction(frac), .decimal, r.tooLong)
        case .dotted(let ps):
            var long = false
            let words = ps.map { p -> String in let r = NumberReading.cardinalOrDigits(p); long = long || r.tooLong; return r.spoken }
            return (words.joined(separator: " chấm "), .cardinal, long)
        case .list(let ps):
            var long = false
            let words = ps.map { p -> String in let r = NumberReading.cardinalOrDigits(p); long = long || r.tooLong; return r.spoken }
            return (words.joined(separator: ", "), .cardinal, long)
        }
    }
}
