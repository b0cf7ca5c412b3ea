import Foundation

/// Compares a spoken form with an expectation in the reading-guide notation:
/// `{a|b}` either form, `{a|}` optional; lower case, punctuation and hyphens ignored.
enum SpokenFormMatcher {
    /// Lower-cases, NFCs, and turns punctuation and hyphens into spaces.
    static func words(_ text: String) -> [String] {
        let nfc = text.precomposedStringWithCanonicalMapping.lowercased()
        var out = ""
        for s in nfc.unicodeScalars {
            if s.properties.isAlphabetic || ("0"..."9").contains(s) { out.unicodeScalars.append(s) } else { out.append(" ") }
        }
        return out.split(separator: " ").map(String.init)
    }

    /// One element of an expectation: alternatives, each a word sequence (maybe empty).
    typealias Element = [[String]]

    static func parse(_ expected: String) -> [Element] {
        var elements: [Element] = []
        var rest = Substring(expected)
        while let open = rest.firstIndex(of: "{") {
            for w in words(String(rest[rest.startIndex..<open])) { elements.append([[w]]) }
            guard let close = rest[open...].firstIndex(of: "}") else { rest = rest[open...]; break }
            let body = rest[rest.index(after: open)..<close]
            elements.append(body.split(separator: "|", omittingEmptySubsequences: false).map { words(String($0)) })
            rest = rest[rest.index(after: close)...]
        }
        for w in words(String(rest)) { elements.append([[w]]) }
        return elements
    }

    static func matches(_ got: String, _ expected: String) -> Bool {
        let g = words(got)
        let e = parse(expected)
        var memo = Set<Int>()
        func go(_ gi: Int, _ ei: Int) -> Bool {
            if ei == e.count { return gi == g.count }
            let key = gi * 10_000 + ei
            if memo.contains(key) { return false }
            for alt in e[ei] {
                if gi + alt.count <= g.count, Array(g[gi..<(gi + alt.count)]) == alt, go(gi + alt.count, ei + 1) { return true }
            }
            memo.insert(key)
            return false
        }
        return go(0, 0)
    }
}
