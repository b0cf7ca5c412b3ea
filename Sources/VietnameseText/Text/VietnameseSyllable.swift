// Is a written word one Vietnamese syllable? Used to read all-capital headings
// as words (KHÓ KHĂN) and to tell foreign words (Bluezone) from Vietnamese ones;
// public so the bulletin reader can tell which legacy encoding gives Vietnamese.
// The check is phonotactic (onset + rhyme) and deliberately a little permissive:
// a false "Vietnamese" only means a foreign word is left to the voice unreported.

public enum VietnameseSyllable {
    private static let onsets: [[Unicode.Scalar]] = [
        "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
        "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
    ].map { Array($0.unicodeScalars) }

    /// Rhymes without a final consonant.
    private static let openRhymes: Set<String> = [
        "a", "ai", "ao", "au", "ay", "âu", "ây", "e", "eo", "ê", "êu", "i", "ia", "iu", "iêu",
        "o", "oi", "oa", "oai", "oay", "oe", "oeo", "oao", "ô", "ôi", "ơ", "ơi", "u", "ua", "ui",
        "uê", "uy", "uya", "uyu", "uôi", "uơ", "ư", "ưa", "ưi", "ưu", "ươi", "ươu", "y", "yêu",
        "uây", "uâ", "oo", "uyê", "ya", "ue", "uai", "uay", "uao", "uêu", "ueo",
    ]
    /// Vowel nuclei that take a final consonant.
    private static let closedNuclei: Set<String> = [
        "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "iê", "yê", "uô", "ươ",
        "oa", "oă", "oe", "uâ", "uê", "uy", "uyê", "oo", "ua", "ưa", "uă", "ue", "ia",
    ]
    private static let finals: [String] = ["ng", "nh", "ch", "c", "m", "n", "p", "t"]
    private static let palatalNuclei: Set<String> = ["a", "ê", "i", "oa", "uê", "uy", "y", "e", "ua", "uya"]

    /// True when `word` (any case, any tone, precomposed) spells one Vietnamese syllable.
    public static func isSyllable(_ word: String) -> Bool {
        var base: [Unicode.Scalar] = []
        base.reserveCapacity(8)
        var tones = 0
        for s in word.unicodeScalars {
            let l = Scalars.lower(s)
            let v = l.value
            if v < 0x80 {
                guard v >= 97 && v <= 122 else { return false }
                if v == 102 || v == 106 || v == 119 || v == 122 { return false } // f j w z
                base.append(l)
            } else if l == "đ" {
                base.append(l)
            } else if let (b, t) = ToneMarks.decompose[l] {
                if t != 0 { tones += 1 }
                base.append(b)
            } else {
                return false
            }
        }
        if base.isEmpty || base.count > 7 || tones > 1 { return false }
        for onset in onsets where onset.count <= base.count {
            if Array(base[0..<onset.count]) == onset {
                if isRhyme(base[onset.count...], onset: onset) { return true }
            }
        }
        return isRhyme(base[...], onset: [])
    }

    private static func isRhyme(_ r: ArraySlice<Unicode.Scalar>, onset: [Unicode.Scalar]) -> Bool {
        if r.isEmpty { return onset == ["g", "i"] } // gì
        var s = String.UnicodeScalarView(); s.append(contentsOf: r)
        let rhyme = String(s)
        if openRhymes.contains(rhyme) { return true }
        for f in finals where rhyme.hasSuffix(f) {
            let nucleus = String(rhyme.dropLast(f.count))
            if closedNuclei.contains(nucleus) {
                if f == "ch" || f == "nh" { return palatalNuclei.contains(nucleus) }
                return true
            }
        }
        return false
    }
}
