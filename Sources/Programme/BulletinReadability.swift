/// Refuses bulletins whose text is not something an announcer could read aloud in
/// Vietnamese, before any of it is spoken.
///
/// The normalizer reads what it can and drops the rest, so without this check a body of
/// emoji or Chinese characters aired as its title alone, and a 100,000-letter "word" aired
/// as a 17-minute item. Two rules, chosen so real bulletins and reports pass with a wide
/// margin (all the sample bulletins and reports are 100 % Latin letters, longest run 10):
///
/// - the body has at least `minimumLatinLetters` Latin letters (Vietnamese is written in
///   Latin letters with diacritics), and they are at least `minimumLatinShare` of all its
///   letters (Chinese, Cyrillic, Thai… are letters too, but not Vietnamese);
/// - no run of letters and digits without a space or punctuation is longer than
///   `longestWord`. A Vietnamese syllable has at most 7 letters; loanwords, codes and URL
///   parts are longer but are broken by `.`, `/`, `-`; 40 leaves room for any of them.
enum BulletinReadability {
    /// Fewest Latin letters a body may have (about three Vietnamese syllables).
    static let minimumLatinLetters = 10
    /// Smallest share of the body's letters that must be Latin.
    static let minimumLatinShare = 0.5
    /// Longest run of letters and digits accepted as one word.
    static let longestWord = 40

    /// The first reason `bulletin` cannot be read aloud, as an error with its line; nil when
    /// it reads.
    /// A recorded bulletin's body is a transcript in whatever language was recorded, never
    /// spoken: only its title is checked.
    static func problem(in bulletin: Bulletin) -> Diagnostic? {
        if bulletin.recording != nil { return longRun(in: [(bulletin.title, bulletin.titleLine)], file: bulletin.file) }
        var latin = 0, letters = 0
        for paragraph in bulletin.paragraphs {
            for character in paragraph.text where character.isLetter {
                letters += 1
                if isLatinLetter(character) { latin += 1 }
            }
        }
        let firstLine = bulletin.paragraphs.first?.line
        if latin < minimumLatinLetters {
            let others = letters - latin
            let otherScripts = others == 0 ? "" : " and \(others) letters of other scripts, which cannot be read aloud"
            return Diagnostic(.error, file: bulletin.file, line: firstLine,
                "the body has \(latin) Vietnamese (Latin) letters\(otherScripts); there is nothing to read aloud. "
                    + "Expected the bulletin's text in Vietnamese, at least \(minimumLatinLetters) letters")
        }
        if Double(latin) < minimumLatinShare * Double(letters) {
            let percent = latin * 100 / letters
            return Diagnostic(.error, file: bulletin.file, line: firstLine,
                "only \(percent)% of the body's letters are Vietnamese (Latin) letters; the rest "
                    + "(another script) cannot be read aloud. Expected the bulletin's text in Vietnamese")
        }
        return longRun(in: [(bulletin.title, bulletin.titleLine)] + bulletin.paragraphs.map { ($0.text, $0.line) },
                       file: bulletin.file)
    }

    /// An error at the first 'word' longer than `longestWord` in `lines`, else nil.
    static func longRun(in lines: [(text: String, line: Int)], file: String) -> Diagnostic? {
        for (text, line) in lines {
            if let (offset, length) = firstLongRun(in: text) {
                return Diagnostic(.error, file: file, line: line + offset,
                    "has a 'word' of \(length) letters and digits without a break; no word is longer than "
                        + "\(longestWord), so this cannot be read aloud. Check the text was pasted correctly")
            }
        }
        return nil
    }

    /// Line offset (newlines before it) and length of the first run of letters and digits
    /// longer than `longestWord` in `text`.
    static func firstLongRun(in text: String) -> (lineOffset: Int, length: Int)? {
        var run = 0, newlines = 0
        for character in text {
            if character.isLetter || character.isNumber {
                run += 1
                continue
            }
            if run > longestWord { return (newlines, run) }
            run = 0
            if character.isNewline { newlines += 1 }
        }
        return run > longestWord ? (newlines, run) : nil
    }

    /// Whether `character` is a letter of the Latin script: ASCII, Latin-1, Latin Extended
    /// A and B (đ, ơ, ư) and Latin Extended Additional (the precomposed Vietnamese vowels).
    /// A decomposed letter (base plus combining marks) counts by its base.
    static func isLatinLetter(_ character: Character) -> Bool {
        guard character.isLetter, let scalar = character.unicodeScalars.first else { return false }
        switch scalar.value {
        case 0x41...0x5A, 0x61...0x7A: return true
        case 0xD7, 0xF7: return false
        case 0xC0...0x24F, 0x1E00...0x1EFF: return true
        default: return false
        }
    }
}
