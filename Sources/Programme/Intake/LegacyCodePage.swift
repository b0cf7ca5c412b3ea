/// The single-byte Vietnamese encodings that office PCs still write: what each byte means.
///
/// Staff type in Word with the fonts their office has used for decades: `.VnTime` and the
/// other `.Vn` fonts (TCVN3, typed with ABC), `VNI-Times` and the other VNI fonts
/// (VNI-Windows), or Unicode saved as "Vietnamese (Windows)" (Windows-1258). Saved as plain
/// text, each gives bytes that mean Vietnamese letters only under its own map. The maps are
/// the published ones (TCVN 5712:1993 VN3 for TCVN3, the VNI font layout, Microsoft's code
/// page 1258); bytes they leave alone mean what they mean in Windows-1252, the code page Word
/// writes these files in.
public enum LegacyCodePage: String, Sendable, CaseIterable, Codable {
    case windows1258 = "windows-1258"
    case tcvn3 = "tcvn3"
    case vni = "vni-windows"

    /// The name staff know it by, for messages.
    public var displayName: String {
        switch self {
        case .windows1258: return "Windows-1258 (Vietnamese Windows)"
        case .tcvn3: return "TCVN3 (ABC, .Vn fonts such as .VnTime)"
        case .vni: return "VNI-Windows (VNI fonts such as VNI-Times)"
        }
    }

    /// The text the bytes spell, with combining marks composed (NFC); nil when a byte means
    /// nothing in this code page (so the file cannot be in it).
    public func decode(_ bytes: some Sequence<UInt8>) -> String? {
        var scalars = String.UnicodeScalarView()
        switch self {
        case .windows1258:
            for byte in bytes {
                guard !Self.windows1258Unassigned.contains(byte),
                      let scalar = Self.scalar(byte, overrides: Self.windows1258Letters) else { return nil }
                scalars.append(scalar)
            }
        case .tcvn3:
            for byte in bytes {
                guard let scalar = Self.scalar(byte, overrides: Self.tcvn3Letters) else { return nil }
                scalars.append(scalar)
            }
        case .vni:
            for byte in bytes {
                if let marks = Self.vniMarks[byte] {
                    scalars.append(contentsOf: marks.unicodeScalars)
                } else if let letter = Self.vniLetters[byte] {
                    scalars.append(letter)
                } else if let scalar = Self.scalar(byte, overrides: [:]) {
                    scalars.append(scalar)
                } else {
                    return nil
                }
            }
        }
        return String(scalars).precomposedStringWithCanonicalMapping
    }

    /// A byte's meaning: ASCII as itself, then the code page's own letters, then Windows-1252.
    static func scalar(_ byte: UInt8, overrides: [UInt8: Unicode.Scalar]) -> Unicode.Scalar? {
        if byte < 0x80 { return Unicode.Scalar(byte) }
        if let own = overrides[byte] { return own }
        let value = windows1252High[Int(byte) - 0x80]
        return value == 0 ? nil : Unicode.Scalar(value)
    }

    /// Windows-1252 from 0x80 to 0xFF (0: no character).
    static let windows1252High: [UInt32] = [
        0x20AC, 0x0000, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x0000, 0x017D, 0x0000,
        0x0000, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x0000, 0x017E, 0x0178,
    ] + (0xA0...0xFF).map { UInt32($0) }

    /// Windows-1258 where it differs from Windows-1252: Ă Đ Ơ Ư and their small letters, ₫,
    /// and the five tone marks as combining characters (written after their vowel).
    static let windows1258Letters: [UInt8: Unicode.Scalar] = [
        0xC3: "Ă", 0xCC: "\u{0300}", 0xD0: "Đ", 0xD2: "\u{0309}", 0xD5: "Ơ", 0xDD: "Ư", 0xDE: "\u{0303}",
        0xE3: "ă", 0xEC: "\u{0301}", 0xF0: "đ", 0xF2: "\u{0323}", 0xF5: "ơ", 0xFD: "ư", 0xFE: "₫",
    ]

    /// Codes Windows-1252 uses that Windows-1258 leaves empty (Š Ž š ž).
    static let windows1258Unassigned: Set<UInt8> = [0x8A, 0x8E, 0x9A, 0x9E]

    /// TCVN3 (VN3): the small letters with every mark, and the capitals Ă Â Ê Ô Ơ Ư Đ. Capitals
    /// with a tone have no code of their own: the `.VnTimeH` fonts draw the small letters'
    /// codes as capitals, so they read back as small letters.
    static let tcvn3Letters: [UInt8: Unicode.Scalar] = {
        let letters: [(UInt8, Unicode.Scalar)] = [
            (0xA1, "Ă"), (0xA2, "Â"), (0xA3, "Ê"), (0xA4, "Ô"), (0xA5, "Ơ"), (0xA6, "Ư"), (0xA7, "Đ"),
            (0xA8, "ă"), (0xA9, "â"), (0xAA, "ê"), (0xAB, "ô"), (0xAC, "ơ"), (0xAD, "ư"), (0xAE, "đ"),
            (0xB5, "à"), (0xB6, "ả"), (0xB7, "ã"), (0xB8, "á"), (0xB9, "ạ"),
            (0xBB, "ằ"), (0xBC, "ẳ"), (0xBD, "ẵ"), (0xBE, "ắ"), (0xC6, "ặ"),
            (0xC7, "ầ"), (0xC8, "ẩ"), (0xC9, "ẫ"), (0xCA, "ấ"), (0xCB, "ậ"),
            (0xCC, "è"), (0xCE, "ẻ"), (0xCF, "ẽ"), (0xD0, "é"), (0xD1, "ẹ"),
            (0xD2, "ề"), (0xD3, "ể"), (0xD4, "ễ"), (0xD5, "ế"), (0xD6, "ệ"),
            (0xD7, "ì"), (0xD8, "ỉ"), (0xDC, "ĩ"), (0xDD, "í"), (0xDE, "ị"),
            (0xDF, "ò"), (0xE1, "ỏ"), (0xE2, "õ"), (0xE3, "ó"), (0xE4, "ọ"),
            (0xE5, "ồ"), (0xE6, "ổ"), (0xE7, "ỗ"), (0xE8, "ố"), (0xE9, "ộ"),
            (0xEA, "ờ"), (0xEB, "ở"), (0xEC, "ỡ"), (0xED, "ớ"), (0xEE, "ợ"),
            (0xEF, "ù"), (0xF1, "ủ"), (0xF2, "ũ"), (0xF3, "ú"), (0xF4, "ụ"),
            (0xF5, "ừ"), (0xF6, "ử"), (0xF7, "ữ"), (0xF8, "ứ"), (0xF9, "ự"),
            (0xFA, "ỳ"), (0xFB, "ỷ"), (0xFC, "ỹ"), (0xFD, "ý"), (0xFE, "ỵ"),
        ]
        return Dictionary(uniqueKeysWithValues: letters)
    }()

    /// VNI-Windows letters that have a code of their own: đ ơ ư, and the i and y forms.
    static let vniLetters: [UInt8: Unicode.Scalar] = [
        0xF1: "đ", 0xD1: "Đ", 0xF4: "ơ", 0xD4: "Ơ", 0xF6: "ư", 0xD6: "Ư",
        0xEC: "ì", 0xCC: "Ì", 0xED: "í", 0xCD: "Í", 0xE6: "ỉ", 0xC6: "Ỉ",
        0xF3: "ĩ", 0xD3: "Ĩ", 0xF2: "ị", 0xD2: "Ị", 0xEE: "ỵ", 0xCE: "Ỵ",
    ]

    /// VNI-Windows marks: a byte after the base vowel (or after ơ, ư) adds a tone, a
    /// circumflex or a breve, or both, here as the combining characters they stand for.
    /// Small letters take the lower codes, capitals the upper ones.
    static let vniMarks: [UInt8: String] = {
        let grave = "\u{0300}", acute = "\u{0301}", hook = "\u{0309}", tilde = "\u{0303}", dot = "\u{0323}"
        let circumflex = "\u{0302}", breve = "\u{0306}"
        // (small, capital, marks)
        let marks: [(UInt8, UInt8, String)] = [
            (0xF8, 0xD8, grave), (0xF9, 0xD9, acute), (0xFB, 0xDB, hook), (0xF5, 0xD5, tilde), (0xEF, 0xCF, dot),
            (0xE2, 0xC2, circumflex), (0xE0, 0xC0, circumflex + grave), (0xE1, 0xC1, circumflex + acute),
            (0xE5, 0xC5, circumflex + hook), (0xE3, 0xC3, circumflex + tilde), (0xE4, 0xC4, circumflex + dot),
            (0xEA, 0xCA, breve), (0xE8, 0xC8, breve + grave), (0xE9, 0xC9, breve + acute),
            (0xFA, 0xDA, breve + hook), (0xFC, 0xDC, breve + tilde), (0xEB, 0xCB, breve + dot),
        ]
        var table: [UInt8: String] = [:]
        for (small, capital, mark) in marks {
            table[small] = mark
            table[capital] = mark
        }
        return table
    }()
}
