// What became of each token on its way to the spoken text. Nothing may vanish
// silently: every token is said as words, is a pause (sentence punctuation,
// brackets, a code hyphen), is one of the documented silent marks (the joint in
// vắc-xin, a quote, the slash in "2 ngày/1 lần"), or is reported as a finding.
// The verbalizer records a fate for every token; a token no rule accounted for
// is reported as `not-read` rather than dropped (docs/normalizer.md, "Nothing is
// dropped silently"), and the tests check that this never happens on real text.

enum TokenFate: UInt8 {
    /// No rule has said what happened to it (yet).
    case unaccounted
    /// Read as words (alone or as part of a longer reading).
    case spoken
    /// A pause or a sentence end.
    case pause
    /// A documented silent mark (see `SilentMarks`).
    case silent
    /// Not read, and reported as a finding.
    case reported
}

/// The marks the house style leaves silent on purpose, each with its reason.
enum SilentMarks {
    /// A hyphen or apostrophe glued on both sides joins the parts of one name
    /// (vắc-xin, COVID-19, H'Mông); the parts are read.
    static func isJoint(_ c: TokenContext, _ i: Int) -> Bool {
        guard let t = c.token(i), t.kind == .symbol, t.symbol == "-" || t.symbol == "'" else { return false }
        return c.attached(i) && c.attached(i + 1)
    }

    /// Quotation marks and typographic marks that only frame or decorate text:
    /// a reader does not say them and does not pause for them.
    static let decorations: Set<Unicode.Scalar> = ["'", "`", "´", "_", "*", "#", "\u{2020}", "\u{2021}", "\u{00B6}"]
}
