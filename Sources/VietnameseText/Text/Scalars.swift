// Character classes and case folding over Unicode scalars, precomputed once.
// The normalizer works on scalars, not graphemes or regexes, so it stays fast.

/// What a scalar is, for the tokenizer.
enum ScalarClass: UInt8 {
    case space, latinLetter, digit, symbol, combiningMark, otherScript, emoji, control
}

enum Scalars {
    /// Lower-case mapping for scalars below U+1F00 (Latin, Vietnamese); identity above.
    static let lowerTable: [UInt32] = {
        var table = [UInt32](repeating: 0, count: 0x1F00)
        for v in 0..<0x1F00 {
            table[v] = UInt32(v)
            guard let s = Unicode.Scalar(UInt32(v)) else { continue }
            let mapped = s.properties.lowercaseMapping.unicodeScalars
            if mapped.count == 1, let m = mapped.first { table[v] = m.value }
        }
        return table
    }()

    /// Upper-case mapping for the same range.
    static let upperTable: [UInt32] = {
        var table = [UInt32](repeating: 0, count: 0x1F00)
        for v in 0..<0x1F00 {
            table[v] = UInt32(v)
            guard let s = Unicode.Scalar(UInt32(v)) else { continue }
            let mapped = s.properties.uppercaseMapping.unicodeScalars
            if mapped.count == 1, let m = mapped.first { table[v] = m.value }
        }
        return table
    }()

    @inline(__always)
    static func lower(_ s: Unicode.Scalar) -> Unicode.Scalar {
        let v = s.value
        if v < 0x80 { return (v >= 65 && v <= 90) ? Unicode.Scalar(v + 32)! : s }
        if v < 0x1F00 { return Unicode.Scalar(lowerTable[Int(v)]) ?? s }
        return s
    }

    @inline(__always)
    static func upper(_ s: Unicode.Scalar) -> Unicode.Scalar {
        let v = s.value
        if v < 0x80 { return (v >= 97 && v <= 122) ? Unicode.Scalar(v - 32)! : s }
        if v < 0x1F00 { return Unicode.Scalar(upperTable[Int(v)]) ?? s }
        return s
    }

    @inline(__always)
    static func isUpper(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x80 { return v >= 65 && v <= 90 }
        return v < 0x1F00 && lowerTable[Int(v)] != v
    }

    @inline(__always)
    static func isLower(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x80 { return v >= 97 && v <= 122 }
        return v < 0x1F00 && upperTable[Int(v)] != v
    }

    /// Lower-cases a string scalar by scalar (Latin and Vietnamese only).
    static func lowercased(_ text: String) -> String {
        var needs = false
        for s in text.unicodeScalars where isUpper(s) { needs = true; break }
        if !needs { return text }
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars { out.append(lower(s)) }
        return String(out)
    }

    static func uppercased(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars { out.append(upper(s)) }
        return String(out)
    }

    /// Classifies a scalar. ASCII and Vietnamese ranges are answered from ranges;
    /// everything else asks Unicode properties (rare in bulletins).
    static func classify(_ s: Unicode.Scalar) -> ScalarClass {
        let v = s.value
        if v < 0x80 {
            if v >= 48 && v <= 57 { return .digit }
            if (v >= 65 && v <= 90) || (v >= 97 && v <= 122) { return .latinLetter }
            if v == 32 || v == 9 { return .space }
            if v < 32 || v == 127 { return .control }
            return .symbol
        }
        if v < 0xA0 { return .control }
        if v >= 0xC0 && v <= 0x24F && v != 0xD7 && v != 0xF7 { return .latinLetter }
        if v >= 0x1E00 && v <= 0x1EFF { return .latinLetter }
        if v >= 0x300 && v <= 0x36F { return .combiningMark }
        if v >= 0xA0 && v < 0xC0 { return .symbol }
        if v >= 0x2000 && v <= 0x2BFF {
            if s.properties.isEmojiPresentation { return .emoji }
            return .symbol
        }
        let p = s.properties
        if p.isEmojiPresentation || (p.isEmoji && v >= 0x1F000) { return .emoji }
        if v >= 0x1F000 && v <= 0x1FAFF { return .emoji }
        if v == 0xFE0F || v == 0xFE0E || v == 0x200D { return .combiningMark }
        switch p.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return .combiningMark
        case .control, .format, .surrogate, .privateUse, .unassigned: return .control
        case .spaceSeparator, .lineSeparator, .paragraphSeparator: return .space
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber:
            return .otherScript
        default: return .symbol
        }
    }
}
