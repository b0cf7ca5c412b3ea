import Foundation
import Testing
@testable import Speech

/// Every Vietnamese syllable reads the same in all six tones (issue 10, "pronunciation rules
/// for words it gets wrong"): each onset with each rhyme, in each tone its rhyme can take,
/// spelled as the normalizer writes it (the mark of an open oa, oe, uy on its first vowel:
/// hòa, khỏe, thủy), reads in every voice as one syllable, with the tone that was written,
/// and with the same phonemes as the same onset and rhyme in its other tones.
///
/// espeak-ng's Vietnamese rules are written letter by letter for each toned vowel, so a
/// rule given for one tone and forgotten for the others, or a typo in one, shows only in
/// that tone. Reading all of them (about 16,000 syllables a voice) found what the lexicon
/// and the untoned onset-by-rhyme reads (`LexiconReadingTests`) had not:
/// - "tọa", "họa" (tọa đàm, thảm họa) read as a full o before a:, two vowels (upstream
///   wrote `oa:6` where every other tone has `wa:`);
/// - the Southern -anh read -an in "anh" and "nhanh" but -anh in "thành", "cảnh", "mạnh";
/// - "giết" ended in a voiced g in the Central and Southern voices, every other -t word in kh;
/// - the Southern u stayed Northern after gi in "giun" but not in "giúp";
/// - Southern "hui" lost its vowel (the hu → w rule meant for huy, huế).
@Suite("Tone readings", .serialized)
struct ToneReadingTests {
    static let onsets = ["", "b", "c", "ch", "d", "đ", "g", "gi", "h", "k", "kh", "l", "m", "n",
                         "ng", "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x"]

    /// The rhymes of Vietnamese; `*` follows the vowel that carries the tone mark.
    static let rhymes = """
        a* a*c a*ch a*i a*m a*n a*ng a*nh a*o a*p a*t a*u a*y ă*c ă*m ă*n ă*ng ă*p ă*t \
        â*c â*m â*n â*ng â*p â*t â*u â*y e* e*c e*m e*n e*ng e*o e*p e*t ê* ê*ch ê*m ê*n \
        ê*nh ê*p ê*t ê*u i* i*a i*ch i*m i*n i*nh i*p i*t i*u iê*c iê*m iê*n iê*ng iê*p iê*t \
        iê*u o* o*c o*i o*m o*n o*ng o*p o*t o*a oa*c oa*ch oa*i oa*m oa*n oa*ng oa*nh oa*o \
        oa*p oa*t oa*y oă*c oă*m oă*n oă*ng oă*t o*e oe*n oe*o oe*t ô* ô*c ô*i ô*m ô*n ô*ng \
        ô*p ô*t ơ* ơ*i ơ*m ơ*n ơ*p ơ*t u* u*a u*c u*i u*m u*n u*ng u*p u*t uâ*n uâ*ng uâ*t \
        uâ*y uê* uê*ch uê*nh u*y uy*ch uy*nh uy*t uyê*n uyê*t uô*c uô*i uô*m uô*n uô*ng uô*t \
        ươ* ươ*c ươ*i ươ*m ươ*n ươ*ng ươ*p ươ*t ươ*u ư* ư*a ư*c ư*i ư*ng ư*t ư*u y* yê*n \
        yê*t yê*u
        """.split(separator: " ").map(String.init)

    /// The combining marks of huyền, sắc, hỏi, ngã and nặng (ngang has none).
    static let marks = ["\u{300}", "\u{301}", "\u{309}", "\u{303}", "\u{323}"]

    struct Syllable: Sendable {
        let written: String
        /// Onset and rhyme: the syllables of one family differ only in their tone.
        let family: String
        /// 1 ngang, 2 huyền, 3 sắc, 4 hỏi, 5 ngã, 6 nặng.
        let tone: Int
    }

    /// How Vietnamese spells `onset` before `rhyme` (c, k, q; g, gh; ng, ngh), or nil when
    /// it has no such syllable (c before a front vowel, a labial before a rounded glide,
    /// gi before an i or a glide u, y after an onset).
    static func onsetSpelling(_ onset: String, before rhyme: String) -> String? {
        let front = ["i", "e", "ê", "y"].contains { rhyme.hasPrefix($0) }
        let glide = ["oa", "oă", "oe", "uâ", "uê", "uy"].contains { rhyme.hasPrefix($0) }
        switch onset {
        case "c": return front || glide ? nil : "c"
        case "k": return front ? "k" : nil
        case "g", "ng": return front ? onset + "h" : onset
        case "qu": return rhyme.hasPrefix("u") || rhyme.hasPrefix("o") || rhyme.hasPrefix("i") ? nil : "qu"
        case "gi": return rhyme.hasPrefix("i") || (rhyme.hasPrefix("u") && rhyme.count > 1
                       && "aâêyôơ".contains(Array(rhyme)[1])) ? nil : "gi"
        case "b", "m", "p", "ph", "v": return glide ? nil : onset
        default: return !onset.isEmpty && rhyme.hasPrefix("y") && rhyme != "y" ? nil : onset
        }
    }

    static let syllables: [Syllable] = {
        var all: [Syllable] = []
        for onset in onsets {
            for rhyme in rhymes {
                let plain = rhyme.replacingOccurrences(of: "*", with: "")
                guard let spelled = onsetSpelling(onset, before: plain) else { continue }
                let stop = ["p", "t", "c", "ch"].contains { plain.hasSuffix($0) }
                for tone in 1...6 where !stop || tone == 3 || tone == 6 {
                    let mark = tone == 1 ? "" : marks[tone - 2]
                    let toned = rhyme.replacingOccurrences(of: "*", with: mark)
                    all.append(Syllable(written: (spelled + toned).precomposedStringWithCanonicalMapping,
                                        family: onset + "+" + plain, tone: tone))
                }
            }
        }
        return all
    }()

    /// What is wrong with each syllable's reading in `espeakVoice`: not one stressed vowel,
    /// another tone, or other phonemes than its family's first reading.
    static func misread(by espeakVoice: String) async throws -> [String] {
        let voice = try await RegionalReadingTests.voice(espeakVoice)
        let readings = try await SpeechEngine.shared.phonemes(sentences: syllables.map(\.written), voice: voice)
        var familyShape: [String: (written: String, shape: [String])] = [:]
        var problems: [String] = []
        for (syllable, reading) in zip(syllables, readings) {
            let phonemes = reading.split(separator: " ").map(String.init).filter { !$0.hasPrefix("_") && $0 != "‖" }
            let vowels = phonemes.filter { $0.hasPrefix("'") || $0.hasPrefix(",") }
            guard vowels.count == 1, let vowel = vowels.first else {
                problems.append("\(syllable.written) → \(reading): \(vowels.count) syllables"); continue
            }
            let digit = vowel.last.flatMap { $0.wholeNumberValue } ?? 1
            if digit != syllable.tone {
                problems.append("\(syllable.written) → \(reading): tone \(digit), written \(syllable.tone)")
            }
            // The phonemes without the stress mark and tone digit of the vowel.
            let shape = phonemes.map { p in
                guard p == vowel else { return p }
                let bare = p.dropFirst()
                return String(bare.last?.isNumber == true ? bare.dropLast() : bare)
            }
            if let first = familyShape[syllable.family] {
                if first.shape != shape {
                    problems.append("\(syllable.written) → \(reading), but \(first.written) → \(first.shape.joined(separator: " "))")
                }
            } else {
                familyShape[syllable.family] = (syllable.written, shape)
            }
        }
        return problems
    }

    @Test func theSetHasEveryToneAndTheWordsOnceMisread() {
        #expect(Self.syllables.count > 15_000)
        let written = Set(Self.syllables.map(\.written))
        for word in ["tọa", "họa", "thành", "giết", "giun", "giúp", "hui", "hòa", "khỏe", "thủy", "người", "quyết"] {
            #expect(written.contains(word), "\(word)")
        }
        // Spelled as Vietnamese spells: ca and ki, never ce or buy.
        #expect(written.contains("ca") && written.contains("ki") && !written.contains("ce") && !written.contains("buy"))
    }

    @Test(arguments: ["vi", "vi-vn-x-central", "vi-vn-x-south"])
    func everySyllableReadsAlikeInEveryTone(voice: String) async throws {
        let misread = try await Self.misread(by: voice)
        #expect(misread.isEmpty, "\(voice), \(misread.count) syllables: \(misread.prefix(30).joined(separator: "; "))")
    }
}
