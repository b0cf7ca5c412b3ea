// Splits a cleaned line into tokens: letter runs, digit runs, single symbols,
// and runs of other scripts or emoji. Spaces are not tokens; each token knows
// whether a space came before it, which is what tells "15-20" from "15 - 20".

/// One token of a line.
struct Token {
    enum Kind: UInt8 { case word, number, symbol, otherScript, emoji }

    var kind: Kind
    /// As written (after hygiene).
    var text: String
    /// The word with tone marks in the house placement (hoà → hòa); equals `text` otherwise.
    var key: String
    /// `key` in lower case.
    var lower: String
    var spaceBefore: Bool
    /// 1-based line in the file.
    var line: Int
    /// First token on its line.
    var lineStart: Bool
    /// For words: counts of upper- and lower-case letters.
    var upperCount: Int = 0
    var lowerCount: Int = 0
    /// For symbols: the scalar.
    var symbol: Unicode.Scalar = " "

    var isWord: Bool { kind == .word }
    var isNumber: Bool { kind == .number }
    var isSymbol: Bool { kind == .symbol }
    /// All letters upper case (at least one letter).
    var isAllCaps: Bool { kind == .word && upperCount > 0 && lowerCount == 0 }
    /// Starts with an upper-case letter.
    var isCapitalized: Bool {
        guard kind == .word, let f = text.unicodeScalars.first else { return false }
        return Scalars.isUpper(f)
    }
    var scalarCount: Int { text.unicodeScalars.count }
}

enum Tokenizer {
    /// Tokenizes one cleaned line.
    static func tokenize(_ line: [Unicode.Scalar], lineNumber: Int, into tokens: inout [Token]) {
        var i = 0
        let n = line.count
        var spaceBefore = true
        var first = true
        while i < n {
            let s = line[i]
            let cls = Scalars.classify(s)
            switch cls {
            case .space, .control:
                spaceBefore = true
                i += 1
                continue
            case .combiningMark:
                i += 1 // a mark with nothing to sit on is dropped
                continue
            case .latinLetter:
                var j = i
                var upper = 0, lower = 0
                var view = String.UnicodeScalarView()
                while j < n {
                    let c = line[j]
                    let k = Scalars.classify(c)
                    if k == .latinLetter {
                        if Scalars.isUpper(c) { upper += 1 } else if Scalars.isLower(c) { lower += 1 }
                    } else if k != .combiningMark { break }
                    view.append(c)
                    j += 1
                }
                let text = String(view)
                let key = ToneMarks.housePlacement(text) ?? text
                var t = Token(kind: .word, text: text, key: key, lower: Scalars.lowercased(key),
                              spaceBefore: spaceBefore, line: lineNumber, lineStart: first)
                t.upperCount = upper; t.lowerCount = lower
                tokens.append(t)
                i = j
            case .digit:
                var j = i
                var view = String.UnicodeScalarView()
                while j < n, line[j].value >= 48, line[j].value <= 57 { view.append(line[j]); j += 1 }
                let text = String(view)
                tokens.append(Token(kind: .number, text: text, key: text, lower: text,
                                    spaceBefore: spaceBefore, line: lineNumber, lineStart: first))
                i = j
            case .otherScript, .emoji:
                var j = i
                var view = String.UnicodeScalarView()
                while j < n {
                    let k = Scalars.classify(line[j])
                    guard k == cls || k == .combiningMark || (cls == .emoji && k == .symbol && line[j].value >= 0x1F000) else { break }
                    view.append(line[j]); j += 1
                    if view.count > 64 { break }
                }
                let text = String(view)
                tokens.append(Token(kind: cls == .emoji ? .emoji : .otherScript, text: text, key: text, lower: text,
                                    spaceBefore: spaceBefore, line: lineNumber, lineStart: first))
                i = j
            case .symbol:
                let text = String(s)
                var t = Token(kind: .symbol, text: text, key: text, lower: text,
                              spaceBefore: spaceBefore, line: lineNumber, lineStart: first)
                t.symbol = s
                tokens.append(t)
                i += 1
            }
            spaceBefore = false
            first = false
        }
    }
}
