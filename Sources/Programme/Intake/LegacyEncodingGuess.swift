import VietnameseText

/// Decides which legacy Vietnamese code page a file that is not UTF-8 was written in.
///
/// The bytes of a text in TCVN3, VNI or Windows-1258 are all valid in the other two: only
/// the result tells them apart. Read in the right code page, the words with Vietnamese
/// letters are Vietnamese syllables (`thông`, `báo`); read in a wrong one they are not
/// (`th«ng`, `baùo`). So each code page is tried, the words with a letter outside ASCII are
/// counted, and the one whose reading gives clearly the most real syllables wins.
enum LegacyEncodingGuess {
    /// The outcome: the code page and its reading, or what each attempt gave.
    enum Outcome: Equatable {
        case decided(LegacyCodePage, String)
        /// A sentence saying what each code page gave, for the error.
        case undecided(String)
    }

    /// Words with a letter outside ASCII, and how many of them are Vietnamese syllables.
    struct Score: Equatable {
        var words = 0
        var syllables = 0
    }

    /// At least this share of the words with Vietnamese letters must be real syllables.
    static let minimumShare = 0.75

    static func decide(_ bytes: [UInt8]) -> Outcome {
        let readings = LegacyCodePage.allCases.map { page in (page: page, text: page.decode(bytes)) }
        let scored = readings.compactMap { reading in reading.text.map { (page: reading.page, text: $0, score: score($0)) } }
        // Readings that agree (a file whose only high bytes are quotes or dashes) are one.
        if let first = scored.first, scored.allSatisfy({ $0.text == first.text }) {
            return .decided(first.page, first.text)
        }
        let ranked = scored.sorted { $0.score.syllables > $1.score.syllables }
        let tried = readings.map { reading in
            guard let result = scored.first(where: { $0.page == reading.page }) else {
                return "as \(reading.page.displayName) it has bytes that mean nothing"
            }
            return "as \(reading.page.displayName) \(result.score.syllables) of \(result.score.words) words with Vietnamese letters are Vietnamese"
        }.joined(separator: "; ")
        guard let best = ranked.first else { return .undecided(tried) }
        let runnerUp = ranked.dropFirst().first?.score.syllables ?? 0
        let share = best.score.words == 0 ? 0 : Double(best.score.syllables) / Double(best.score.words)
        guard best.score.syllables > 0, share >= minimumShare, best.score.syllables >= 2 * runnerUp else {
            return .undecided(tried)
        }
        return .decided(best.page, best.text)
    }

    /// Counts the words (runs of letters) that have a letter outside ASCII, and of those
    /// the ones that spell a Vietnamese syllable.
    static func score(_ text: String) -> Score {
        var score = Score()
        for word in text.split(whereSeparator: { !$0.isLetter }) where word.unicodeScalars.contains(where: { !$0.isASCII }) {
            score.words += 1
            if VietnameseSyllable.isSyllable(String(word)) { score.syllables += 1 }
        }
        return score
    }

    /// A Word file typed in a legacy font (`.VnTime`, `VNI-Times`) holds the font's codes as
    /// if they were Windows-1252 letters (`Th«ng b¸o`), often beside lines in a Unicode font.
    /// The lines that read poorly as Vietnamese and are all Windows-1252 letters are taken
    /// back to those codes; when one code page reads them as clearly better Vietnamese, the
    /// lines with it, and those lines read in it, are returned.
    static func rereadLegacyFont(lines: [String]) -> (page: LegacyCodePage, lines: [String])? {
        var suspect: [(index: Int, bytes: [UInt8])] = []
        for (index, line) in lines.enumerated() {
            let asIs = score(line)
            guard asIs.words > 0, Double(asIs.syllables) < minimumShare * Double(asIs.words),
                  let bytes = windows1252Bytes(line) else { continue }
            suspect.append((index, bytes))
        }
        guard !suspect.isEmpty else { return nil }
        let joined = Array(suspect.map(\.bytes).joined(separator: [0x0A]))
        let before = score(suspect.map { lines[$0.index] }.joined(separator: "\n"))
        guard case .decided(let page, let reread) = decide(joined), score(reread).syllables > 2 * before.syllables else {
            return nil
        }
        var result = lines
        for (index, bytes) in suspect { result[index] = page.decode(bytes) ?? lines[index] }
        return (page, result)
    }

    /// The Windows-1252 bytes of `text`, or nil when a character is not in Windows-1252.
    static func windows1252Bytes(_ text: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                bytes.append(UInt8(scalar.value))
            } else if let index = LegacyCodePage.windows1252High.firstIndex(of: scalar.value) {
                bytes.append(UInt8(0x80 + index))
            } else {
                return nil
            }
        }
        return bytes
    }
}
