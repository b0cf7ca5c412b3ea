// The number-reading core: Vietnamese cardinal words as the house style has them.
// Every class that reads a number (decimal, date, money, measure…) ends here.

enum NumberReading {
    static let digitWords = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]

    /// Longest number (significant digits) read as a quantity; longer ones are
    /// read digit by digit and reported.
    static let maxCardinalDigits = 15

    /// Digits of a string of ASCII digits, as 0…9 values.
    @inline(__always)
    static func digits(_ text: String) -> [UInt8] {
        var d: [UInt8] = []
        d.reserveCapacity(text.utf8.count)
        for b in text.utf8 where b >= 48 && b <= 57 { d.append(b - 48) }
        return d
    }

    /// Integer value of short digit strings (nil when longer than 18 digits).
    static func value(_ text: String) -> Int? {
        guard !text.isEmpty, text.utf8.count <= 18 else { return nil }
        var v = 0
        for b in text.utf8 { guard b >= 48 && b <= 57 else { return nil }; v = v * 10 + Int(b - 48) }
        return v
    }

    /// Reads digits one by one: 0239 → không hai ba chín.
    static func readDigits(_ text: String, into out: inout String) {
        for b in text.utf8 where b >= 48 && b <= 57 {
            if !out.isEmpty { out.append(" ") }
            out.append(digitWords[Int(b - 48)])
        }
    }

    static func digitByDigit(_ text: String) -> String {
        var s = ""; readDigits(text, into: &s); return s
    }

    /// Reads a whole number. Leading zeros are not read. Returns nil when it has
    /// more significant digits than `maxCardinalDigits`.
    static func cardinal(_ text: String) -> String? {
        var d = digits(text)
        if let firstNonZero = d.firstIndex(where: { $0 != 0 }) {
            d.removeFirst(firstNonZero)
        } else {
            return "không"
        }
        guard d.count <= maxCardinalDigits else { return nil }
        var words: [String] = []
        read(d[...], full: false, into: &words)
        return words.joined(separator: " ")
    }

    /// Reads a cardinal, or digit by digit when too long (the caller reports that).
    static func cardinalOrDigits(_ text: String) -> (spoken: String, tooLong: Bool) {
        if let c = cardinal(text) { return (c, false) }
        return (digitByDigit(text), true)
    }

    /// Reads significant digits. `full`: a higher group came before, so read
    /// hundreds even when zero.
    private static func read(_ d: ArraySlice<UInt8>, full: Bool, into words: inout [String]) {
        let n = d.count
        if n > 9 {
            // tỷ: the part above 10^9 is itself a number (nghìn tỷ, triệu tỷ…).
            let head = d[d.startIndex..<(d.endIndex - 9)]
            let tail = d[(d.endIndex - 9)...]
            read(head, full: full, into: &words)
            words.append("tỷ")
            if tail.contains(where: { $0 != 0 }) { read(tail, full: true, into: &words) }
            return
        }
        // Split into groups of three from the right.
        var groups: [(h: UInt8, t: UInt8, u: UInt8)] = []
        var end = d.endIndex
        while end > d.startIndex {
            let start = max(d.startIndex, end - 3)
            var g: [UInt8] = Array(d[start..<end])
            while g.count < 3 { g.insert(0, at: 0) }
            groups.insert((g[0], g[1], g[2]), at: 0)
            end = start
        }
        let names = ["", "nghìn", "triệu"]
        var higher = full
        for (idx, g) in groups.enumerated() {
            let scale = groups.count - 1 - idx
            if g.h == 0 && g.t == 0 && g.u == 0 { continue }
            group(g.h, g.t, g.u, full: higher, into: &words)
            if scale > 0 { words.append(names[scale]) }
            higher = true
        }
    }

    /// Reads one group of three digits.
    private static func group(_ h: UInt8, _ t: UInt8, _ u: UInt8, full: Bool, into words: inout [String]) {
        let withHundreds = full || h != 0
        if withHundreds {
            words.append(digitWords[Int(h)]); words.append("trăm")
            if t == 0 {
                if u != 0 { words.append("linh"); words.append(digitWords[Int(u)]) }
                return
            }
        }
        tensAndUnits(t, u, into: &words)
    }

    private static func tensAndUnits(_ t: UInt8, _ u: UInt8, into words: inout [String]) {
        switch t {
        case 0:
            words.append(digitWords[Int(u)])
        case 1:
            words.append("mười")
            if u == 5 { words.append("lăm") } else if u != 0 { words.append(digitWords[Int(u)]) }
        default:
            words.append(digitWords[Int(t)]); words.append("mươi")
            switch u {
            case 0: break
            case 1: words.append("mốt")
            case 4: words.append("tư")
            case 5: words.append("lăm")
            default: words.append(digitWords[Int(u)])
            }
        }
    }

    /// The part after a decimal separator: as a number when it has one or two
    /// digits and no leading zero, otherwise digit by digit.
    static func fraction(_ text: String) -> String {
        let d = digits(text)
        if (d.count == 1 || d.count == 2), d[0] != 0 { return cardinal(text) ?? digitByDigit(text) }
        return digitByDigit(text)
    }

    /// Month names: 4 is tư.
    static func month(_ m: Int) -> String {
        m == 4 ? "tư" : (cardinal(String(m)) ?? String(m))
    }

    /// Day of month, with mồng for 1–10.
    static func day(_ d: Int) -> String {
        let c = cardinal(String(d)) ?? String(d)
        return d <= 10 ? "mồng " + c : c
    }
}
