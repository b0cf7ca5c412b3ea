/// Estimates how long a text takes to read aloud from the text alone, before anything is
/// synthesized, so a bulletin that cannot fit in any slot is found without spending
/// minutes of synthesis on it.
///
/// Pure and deliberately on the short side: words are runs of letters and digits (one
/// Vietnamese syllable each), pauses are not counted, and the speaking rate is taken a
/// little above the fastest measured. Measured with espeak-ng (the voices' `vi` and
/// `vi-vn-x-central` at their rates 135 and 130) on the sample bulletins and a sample
/// report: per word a minute of a voice's `rate`, 1.09–1.27 *written* words a minute
/// (numbers and acronyms count once in the written text though read as several syllables:
/// `2021`, `UBND`) and 1.35–1.51 *spoken* words a minute (the normalizer's output, where
/// every syllable is a word). A voice at `rate: 135` thus reads about 150–170 written
/// words, 180–205 spoken syllables, a minute.
public enum SpokenLength {
    /// Written words read a minute per word of a voice's `rate` (fastest measured 1.27).
    public static let writtenWordsPerRateWord = 1.3

    /// Spoken (normalized) words read a minute per word of a voice's `rate` (fastest
    /// measured 1.51).
    public static let spokenWordsPerRateWord = 1.55

    /// The rate assumed when no voice profile is known: the sample voices' fastest.
    public static let defaultWordsPerMinute = 135

    /// Runs of letters and digits in `text`.
    public static func words(in text: String) -> Int {
        var count = 0
        var inWord = false
        for character in text {
            let isWordCharacter = character.isLetter || character.isNumber
            if isWordCharacter, !inWord { count += 1 }
            inWord = isWordCharacter
        }
        return count
    }

    /// Written words in a bulletin as it airs: its title, then its body.
    public static func words(in bulletin: Bulletin) -> Int {
        words(in: bulletin.title) + bulletin.paragraphs.reduce(0) { $0 + words(in: $1.text) }
    }

    /// Estimated milliseconds to read `words` words in a voice whose `rate` is
    /// `wordsPerMinute`; `spoken` when they were counted in the normalizer's output.
    public static func estimatedMs(words: Int, wordsPerMinute: Int, spoken: Bool = false) -> Int {
        let perRateWord = spoken ? spokenWordsPerRateWord : writtenWordsPerRateWord
        let perMinute = Double(max(1, wordsPerMinute)) * perRateWord
        return Int((Double(words) / perMinute * 60_000).rounded())
    }

    /// Estimated milliseconds to read `text` at `wordsPerMinute`; `spoken` when `text` is
    /// the normalizer's output (`Script.spokenText`) rather than as staff wrote it.
    public static func estimatedMs(of text: String, wordsPerMinute: Int, spoken: Bool = false) -> Int {
        estimatedMs(words: words(in: text), wordsPerMinute: wordsPerMinute, spoken: spoken)
    }

    /// Estimated milliseconds to read a bulletin as written: its title, then its body.
    public static func estimatedMs(of bulletin: Bulletin, wordsPerMinute: Int) -> Int {
        estimatedMs(words: words(in: bulletin), wordsPerMinute: wordsPerMinute)
    }
}
