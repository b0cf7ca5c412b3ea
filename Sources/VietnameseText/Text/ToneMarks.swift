// Vietnamese vowels with their tone marks, and the house placement of the mark.
//
// Two spellings are in use for open syllables ending in oa, oe, uy: hoà/hòa,
// khoẻ/khỏe, thuỷ/thủy. The house form puts the mark on the first vowel
// (hòa, khỏe, thủy), so one word has one spelling for the lexicon and the voice.

enum ToneMarks {
    /// Rows of a base vowel followed by its five toned forms
    /// (huyền, sắc, hỏi, ngã, nặng).
    private static let rows: [String] = [
        "aàáảãạ", "ăằắẳẵặ", "âầấẩẫậ", "eèéẻẽẹ", "êềếểễệ", "iìíỉĩị",
        "oòóỏõọ", "ôồốổỗộ", "ơờớởỡợ", "uùúủũụ", "ưừứửữự", "yỳýỷỹỵ",
        "AÀÁẢÃẠ", "ĂẰẮẲẴẶ", "ÂẦẤẨẪẬ", "EÈÉẺẼẸ", "ÊỀẾỂỄỆ", "IÌÍỈĨỊ",
        "OÒÓỎÕỌ", "ÔỒỐỔỖỘ", "ƠỜỚỞỠỢ", "UÙÚỦŨỤ", "ƯỪỨỬỮỰ", "YỲÝỶỸỴ",
    ]

    /// Scalar → (base vowel, tone 0…5).
    static let decompose: [Unicode.Scalar: (base: Unicode.Scalar, tone: Int)] = {
        var d: [Unicode.Scalar: (Unicode.Scalar, Int)] = [:]
        for row in rows {
            let s = Array(row.unicodeScalars)
            for (tone, scalar) in s.enumerated() { d[scalar] = (s[0], tone) }
        }
        return d
    }()

    /// (base vowel, tone) → scalar.
    static let compose: [Unicode.Scalar: [Unicode.Scalar]] = {
        var d: [Unicode.Scalar: [Unicode.Scalar]] = [:]
        for row in rows {
            let s = Array(row.unicodeScalars)
            d[s[0]] = s
        }
        return d
    }()

    /// The base letter without tone (keeps ă â ê ô ơ ư đ).
    @inline(__always)
    static func base(_ s: Unicode.Scalar) -> Unicode.Scalar {
        if s.value < 0xC0 { return s }
        return decompose[s]?.base ?? s
    }

    @inline(__always)
    static func tone(_ s: Unicode.Scalar) -> Int {
        if s.value < 0xC0 { return 0 }
        return decompose[s]?.tone ?? 0
    }

    /// Moves the tone of a final `oa`, `oe`, `uy` (not after q) to the first vowel:
    /// hoà → hòa, khoẻ → khỏe, thuỷ → thủy. Returns nil when nothing changes.
    static func housePlacement(_ word: String) -> String? {
        let scalars = word.unicodeScalars
        guard scalars.count >= 2 else { return nil }
        // Fast exit: the last scalar must carry a tone.
        guard let last = scalars.last, last.value >= 0xC0, let (lastBase, lastTone) = decompose[last],
              lastTone != 0 else { return nil }
        var arr = Array(scalars)
        let n = arr.count
        let first = arr[n - 2]
        let firstLower = Scalars.lower(first)
        let lastLower = Scalars.lower(lastBase)
        let pairOK: Bool
        switch (firstLower, lastLower) {
        case ("o", "a"), ("o", "e"): pairOK = true
        case ("u", "y"):
            pairOK = !(n >= 3 && Scalars.lower(arr[n - 3]) == "q")
        default: pairOK = false
        }
        guard pairOK, let firstRow = compose[first], let lastRow = compose[lastBase] else { return nil }
        // A vowel before the pair (e.g. "uoa") is not a syllable we rewrite.
        if n >= 3, decompose[arr[n - 3]] != nil, Scalars.lower(arr[n - 3]) != "q" { return nil }
        arr[n - 2] = firstRow[lastTone]
        arr[n - 1] = lastRow[0]
        var out = String.UnicodeScalarView()
        out.append(contentsOf: arr)
        return String(out)
    }
}
