import Foundation
import Testing
@testable import VietnameseText

/// Nothing is dropped silently (issue 15): every input character reaches the spoken
/// text as words, is a documented pause or silent mark, or is reported as a finding.
/// Checked over the fuzz corpus (bench/fuzz-normalizer/Corpus: the two sample reports
/// and every fixture sentence), the sample bulletins (Bulletins/) and mutations of them.
@Suite("Nothing dropped silently")
struct NothingDroppedTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func texts(in folder: String) -> [(name: String, text: String)] {
        let dir = root.appendingPathComponent(folder)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasSuffix(".txt") }
        return names.sorted().compactMap { name in
            (try? String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)).map { (folder + "/" + name, $0) }
        }
    }

    static let corpus = texts(in: "bench/fuzz-normalizer/Corpus")
    static let samples = texts(in: "bench/normalizer/Fixtures")
    static let bulletins = texts(in: "Bulletins")

    /// Every token has a fate other than `unaccounted`, and nothing needed the safety net.
    func checkAccounted(_ name: String, _ text: String) {
        let r = normalizeKeepingFates(text)
        let lost = r.fates.filter { $0.fate == .unaccounted }.map(\.token)
        #expect(lost.isEmpty, "\(name): tokens with no fate: \(lost.prefix(10))")
        #expect(r.unaccounted.isEmpty, "\(name): no rule read \(r.unaccounted.prefix(10))")
        // Letters and digits are always read or reported as what they are, never "not read".
        let unreadWords = r.findings.filter { $0.kind == .notRead && $0.text.unicodeScalars.contains { isLetterOrDigit($0) } }
        #expect(unreadWords.isEmpty, "\(name): \(unreadWords.prefix(5))")
    }

    func isLetterOrDigit(_ s: Unicode.Scalar) -> Bool {
        s.properties.isAlphabetic || s.properties.numericType != nil
    }

    @Test func theCorpusIsThere() {
        #expect(Self.corpus.count >= 3)
        #expect(Self.samples.count == 2)
        #expect(Self.bulletins.count >= 10)
    }

    @Test("every token of the corpus, samples and bulletins is accounted for")
    func realText() {
        for (name, text) in Self.corpus + Self.samples + Self.bulletins { checkAccounted(name, text) }
    }

    @Test("the samples need no not-read finding, and report only foreign names")
    func samplesReadCleanly() {
        for (name, text) in Self.samples {
            let findings = Fixtures.normalizer.normalize(text).findings
            let others = findings.filter { $0.kind != .unknownForeignWord }
            #expect(others.isEmpty, "\(name): \(others)")
        }
    }

    @Test("every letter and digit survives hygiene (markup and footnote marks aside)")
    func hygieneKeepsLettersAndDigits() {
        for (name, text) in Self.corpus + Self.bulletins {
            for line in text.split(separator: "\n") where !line.contains("<") {
                let nfc = String(line).precomposedStringWithCanonicalMapping
                let clean = TextHygiene.clean(ArraySlice(Array(nfc.unicodeScalars)))
                let before = nfc.unicodeScalars.filter { isLetterOrDigit($0) && !$0.properties.isDiacritic }.count
                let after = clean.scalars.filter { isLetterOrDigit($0) && !$0.properties.isDiacritic }.count
                #expect(before == after, "\(name): \(line)")
            }
        }
    }

    @Test("mutated corpus lines: every token accounted for")
    func mutations() {
        let pieces = ["/", "-", "'", "\"", "^", "§", "©", "#", "_", "`", "~", "|", "\\", "…", "./.", "%", "°", "độ C",
                      "\u{0301}", "(", ")", "[", "]", "{", "}", "*", "=", "<", ">", "@", "&", "+", "×", "№", "$", "€",
                      " 113", " 21/11", "h/", "km/h", "KM", "sms", "😀", "中文"]
        var rng = SplitMixForTests(state: 15)
        let lines = (Self.corpus + Self.bulletins).flatMap { $0.text.split(separator: "\n").map(String.init) }
        for k in 0..<2_000 {
            var s = Array(lines[Int(rng.next() % UInt64(lines.count))].unicodeScalars)
            for _ in 0..<3 {
                let piece = pieces[Int(rng.next() % UInt64(pieces.count))]
                s.insert(contentsOf: piece.unicodeScalars, at: Int(rng.next() % UInt64(s.count + 1)))
            }
            checkAccounted("mutation \(k)", String(String.UnicodeScalarView(s)))
        }
    }

    @Test("symbols with no reading are reported, not dropped", arguments: ["^", "§", "©", "®", "™", "¤"])
    func unreadSymbols(_ symbol: String) {
        let r = Fixtures.normalizer.normalize("Ký hiệu \(symbol) lạ.")
        #expect(r.findings.map(\.kind) == [.notRead])
    }

    @Test("a stray combining mark is reported") func strayMark() {
        let r = Fixtures.normalizer.normalize("Số 5\u{0301} nhà.")
        #expect(r.findings.map(\.kind) == [.controlCharacter])
    }
}

/// SplitMix64, so the mutations are the same on every run.
struct SplitMixForTests: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}
