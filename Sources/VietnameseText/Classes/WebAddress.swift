// URLs and e-mail addresses: the scheme is dropped, "." → chấm, "/" → gạch chéo,
// "@" → a còng, "-" → gạch ngang, "_" → gạch dưới; parts are read as words when
// they are in a lexicon or are Vietnamese syllables, parts of up to four letters or without a vowel are spelled,
// others are left to the voice (https://covidmaps.hatinh.gov.vn → covidmaps
// chấm hatinh chấm gờ o vê chấm vê en).

enum WebAddress {
    static let topLevel: Set<String> = ["vn", "com", "net", "org", "gov", "edu", "info", "io", "int", "biz", "asia"]

    static func read(_ c: TokenContext, at i: Int, cache: inout [String: Bool]) -> Reading? {
        let t = c.tokens[i]
        // Cheap exit: an address has a ".", ":" or "@" glued right after its first word.
        guard t.kind == .word, let n = c.token(i + 1), n.kind == .symbol, !n.spaceBefore,
              n.symbol == "." || n.symbol == ":" || n.symbol == "@" || n.symbol == "-" || n.symbol == "_" else { return nil }
        var j = i
        var isAddress = false
        // Scheme.
        if (t.lower == "http" || t.lower == "https" || t.lower == "ftp"), c.glued(i + 1, ":"), c.isSymbol(i + 2, "/"),
           c.isSymbol(i + 3, "/"), c.attached(i + 3), c.attached(i + 4) {
            j = i + 4
            isAddress = true
        } else if t.lower == "mailto", c.glued(i + 1, ":") {
            j = i + 2; isAddress = true
        }
        // Extent: glued tokens of a URL.
        var end = j
        var sawDot = false, sawAt = false, lastWord = ""
        while end < c.count, end == j || c.attached(end), end - j < 80 {
            let u = c.tokens[end]
            if u.kind == .word || u.kind == .number { lastWord = u.lower; end += 1; continue }
            if u.kind == .symbol, "./-_@:?=&%~#+".unicodeScalars.contains(u.symbol) {
                // Trailing punctuation is the sentence's, not the address's.
                if !c.attached(end + 1) || c.token(end + 1).map({ $0.kind == .symbol && $0.symbol != "/" }) == true { break }
                if u.symbol == "." { sawDot = true }
                if u.symbol == "@" { sawAt = true }
                end += 1; continue
            }
            break
        }
        if !isAddress {
            guard sawDot, topLevel.contains(lastWord) || sawAt, end - j >= 3 else { return nil }
            if !sawAt && c.tokens[j].lower == "www" { isAddress = true }
            else if sawAt { isAddress = true }
            else {
                // domain.vn: every separator a dot, last part a top-level domain.
                isAddress = (j..<end).allSatisfy { c.tokens[$0].kind != .symbol || c.tokens[$0].symbol == "." || c.tokens[$0].symbol == "-" || c.tokens[$0].symbol == "/" }
            }
        }
        guard isAddress, end > j else { return nil }
        var words: [String] = []
        for k in j..<end {
            let u = c.tokens[k]
            switch u.kind {
            case .symbol:
                switch u.symbol {
                case ".": words.append("chấm")
                case "/": if k + 1 < end { words.append("gạch chéo") }
                case "@": words.append("a còng")
                case "-": words.append("gạch ngang")
                case "_": words.append("gạch dưới")
                case ":": words.append("hai chấm")
                default: break
                }
            case .number:
                words.append(NumberReading.cardinal(u.text) ?? NumberReading.digitByDigit(u.text))
            default:
                if let e = c.lexicon.match([Letters.tokenFor(u.lower)], at: 0) { words.append(e.entry.spoken) }
                else if Letters.isVietnamese(u.lower, cache: &cache) { words.append(u.lower) }
                else if u.text.unicodeScalars.count <= 4 || !u.lower.unicodeScalars.contains(where: { "aeiouyăâêôơư".unicodeScalars.contains(ToneMarks.base($0)) }) {
                    words.append(Letters.spell(u.text, c.lexicon))
                }
                else { words.append(u.lower) }
            }
        }
        return Reading(words.joined(separator: " "), length: end - i, .url)
    }
}
