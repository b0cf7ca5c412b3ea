import Foundation
@testable import VietnameseText

/// The spoken form of a text with the built-in lexicon.
func say(_ text: String) -> String { Fixtures.normalizer.normalize(text).spokenText }

/// True when `text` is spoken as `expected` (guide notation, punctuation ignored).
func reads(_ text: String, _ expected: String) -> Bool {
    SpokenFormMatcher.matches(say(text), expected)
}

/// Normalizes `text` with the built-in lexicon, keeping every token's fate.
func normalizeKeepingFates(_ text: String) -> Normalization {
    var n = Normalizer()
    n.recordsFates = true
    return n.normalize(text)
}
