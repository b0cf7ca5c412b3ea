import Foundation

// Text hygiene: what a careful typist would have typed. NFC, one kind of space,
// straight quotes, one dash, no zero-width or control characters, no markup
// (Markdown emphasis and headings, <sub>/<sup> tags, <URL> brackets), no list
// bullets at line start. Runs once per line before tokenizing.

enum TextHygiene {
    /// The result of cleaning one line.
    struct CleanLine {
        var scalars: [Unicode.Scalar]
        /// Control, unassigned or stray combining characters that were dropped, for the report.
        var droppedControls: Int
    }

    /// True when the scalars may not be in NFC (any scalar outside the ranges
    /// that are always NFC-stable in practice).
    static func mayNeedNFC(_ scalars: ArraySlice<Unicode.Scalar>) -> Bool {
        for s in scalars {
            let v = s.value
            if v < 0x300 { continue }
            if v >= 0x1EA0 && v <= 0x1EF9 { continue }
            if v >= 0x2010 && v <= 0x2BFF && v != 0x2126 && v != 0x212A && v != 0x212B { continue }
            return true
        }
        return false
    }

    static func clean(_ raw: ArraySlice<Unicode.Scalar>) -> CleanLine {
        var input = raw
        if mayNeedNFC(raw) {
            var v = String.UnicodeScalarView(); v.append(contentsOf: raw)
            let nfc = String(v).precomposedStringWithCanonicalMapping
            input = ArraySlice(Array(nfc.unicodeScalars))
        }
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(input.count)
        var controls = 0
        var prev: Unicode.Scalar = " "
        for s in input {
            let v = s.value
            var m = s
            if v >= 0x80 || v < 0x20 || v == 0x7F {
                switch v {
                case 0x09, 0xA0, 0x2000...0x200A, 0x202F, 0x205F, 0x3000, 0x1680: m = " "
                case 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD, 0xFE0E, 0xFE0F: continue
                case 0x0D: continue
                case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032, 0x02BC: m = "'"
                case 0x201C, 0x201D, 0x201E, 0x201F, 0x00AB, 0x00BB, 0x2033, 0x300C, 0x300D: m = "\""
                case 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xFE58, 0xFE63, 0xFF0D: m = "-"
                case 0x2022, 0x25CF, 0x25AA, 0x25E6, 0x2023, 0x2043, 0x25A0, 0x25BA, 0x27A2, 0x2756,
                     0x25C6, 0x25C7, 0x25CB, 0x2713, 0x2714, 0x27A4, 0x25B6, 0xF0B7, 0xF0A7, 0xF0D8:
                    m = "•"
                case 0x00B7: m = "•"
                case 0xFF01...0xFF5E: m = Unicode.Scalar(v - 0xFEE0)!
                case 0x00B2: if isLetter(prev) { m = "2" }
                case 0x00B3: if isLetter(prev) { m = "3" }
                case 0x2103: out.append("°"); m = "C"
                case 0x00D7: m = "×"
                case 0x2028, 0x2029, 0x0B, 0x0C: m = " "
                default:
                    let k = Scalars.classify(s)
                    if k == .control { controls += 1; continue }
                    // A combining mark with no letter to sit on cannot be read: reported, not kept.
                    if k == .combiningMark, !carriesMarks(prev) { controls += 1; continue }
                }
            }
            out.append(m)
            prev = m
        }
        stripMarkup(&out)
        stripBullets(&out)
        if isRule(out) { out.removeAll() }
        return CleanLine(scalars: out, droppedControls: controls)
    }

    @inline(__always)
    private static func isLetter(_ s: Unicode.Scalar) -> Bool { Scalars.classify(s) == .latinLetter }

    /// A scalar a combining mark can sit on (a letter, another script's character, an emoji, a mark).
    @inline(__always)
    private static func carriesMarks(_ s: Unicode.Scalar) -> Bool {
        switch Scalars.classify(s) {
        case .latinLetter, .otherScript, .emoji, .combiningMark: return true
        default: return false
        }
    }

    /// Removes Markdown emphasis and heading marks, HTML-like tags and URL brackets.
    static func stripMarkup(_ line: inout [Unicode.Scalar]) {
        guard line.contains(where: { $0 == "*" || $0 == "#" || $0 == "<" || $0 == "_" }) else { return }
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(line.count)
        var i = 0
        let n = line.count
        // Leading heading marks.
        var k = 0
        while k < n, line[k] == " " { k += 1 }
        if k < n, line[k] == "#" {
            while k < n, line[k] == "#" { k += 1 }
            i = k
        }
        var openURL = false
        while i < n {
            let s = line[i]
            if s == "*" { i += 1; continue }
            if s == "_", i + 1 < n, line[i + 1] == "_" { i += 2; continue }
            if s == "<" {
                if let end = tagEnd(line, i) {
                    let name = tagName(line, i)
                    i = end + 1
                    if name == "sup" {
                        // Footnote markers are not read: skip to </sup>.
                        var j = i
                        while j < n, j - i < 40 {
                            if line[j] == "<", let e = tagEnd(line, j), tagName(line, j) == "/sup" { i = e + 1; break }
                            j += 1
                        }
                    }
                    continue
                }
                if startsURL(line, i + 1) { openURL = true; i += 1; continue }
            }
            if s == ">" && openURL { openURL = false; i += 1; continue }
            out.append(s)
            i += 1
        }
        line = out
    }

    private static func tagEnd(_ line: [Unicode.Scalar], _ i: Int) -> Int? {
        var j = i + 1
        if j < line.count, line[j] == "/" { j += 1 }
        let start = j
        while j < line.count, j - start < 10, isASCIIAlnum(line[j]) { j += 1 }
        guard j > start, j < line.count else { return nil }
        if line[j] == ">" { return j }
        if line[j] == "/" , j + 1 < line.count, line[j + 1] == ">" { return j + 1 }
        return nil
    }

    @inline(__always)
    private static func isASCIIAlnum(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return (v >= 48 && v <= 57) || (v >= 65 && v <= 90) || (v >= 97 && v <= 122)
    }

    private static func tagName(_ line: [Unicode.Scalar], _ i: Int) -> String {
        var v = String.UnicodeScalarView()
        var j = i + 1
        while j < line.count, line[j] != ">", j - i < 12 { v.append(Scalars.lower(line[j])); j += 1 }
        return String(v)
    }

    private static func startsURL(_ line: [Unicode.Scalar], _ i: Int) -> Bool {
        for prefix in ["http://", "https://", "www.", "mailto:"] {
            let p = Array(prefix.unicodeScalars)
            if i + p.count <= line.count, (0..<p.count).allSatisfy({ Scalars.lower(line[i + $0]) == p[$0] }) { return true }
        }
        return false
    }

    /// List bullets at the start of a line are not read.
    static func stripBullets(_ line: inout [Unicode.Scalar]) {
        var i = 0
        let n = line.count
        while true {
            while i < n, line[i] == " " { i += 1 }
            guard i < n else { break }
            let s = line[i]
            if s == "•" { i += 1; continue }
            if (s == "-" || s == "+" || s == "o") && i + 1 < n && line[i + 1] == " " {
                if s == "o" { break } // "o" is a Vietnamese word; never a bullet here
                i += 1; continue
            }
            break
        }
        if i > 0 { line.removeFirst(i) }
    }

    /// A line of only -, =, _, * is a Markdown rule: not read.
    static func isRule(_ line: [Unicode.Scalar]) -> Bool {
        var count = 0
        for s in line {
            switch s {
            case "-", "=", "_", "*": count += 1
            case " ": continue
            default: return false
            }
        }
        return count >= 3
    }
}
