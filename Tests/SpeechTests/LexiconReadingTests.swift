import Foundation
import Testing
@testable import Speech
import VietnameseText

/// Every voice says what the normalizer writes (issue 10, "pronunciation rules for words it
/// gets wrong"): each syllable of every spoken form in Loa's built-in word lists (the
/// respelled loanwords, units, letter names) reads as one spoken syllable, with its vowel.
/// Upstream's rules switched a word with a cluster (ô-mi-crôn, plây) to English, which
/// Loa's data folder does not carry, so espeak-ng spelled it letter by letter on air
/// ("xê e-rờ ô en-nờ"); the Southern rules read "hu" before a consonant as a bare [w].
@Suite("Lexicon readings", .serialized)
struct LexiconReadingTests {
    /// Words outside the lists that the rules once read without their vowel or spelled,
    /// found by reading every onset and rhyme of Vietnamese through each voice: "qui" (the
    /// old spelling of quy, as in qui định), "veo" (trong veo), Southern hung and hun.
    static let onceMisread = ["qui", "veo", "hung", "hun"]

    /// The distinct syllables of every built-in spoken form, lower case, and `onceMisread`.
    static let syllables: [String] = {
        let words = Lexicon.builtIn.spokenForms.flatMap {
            $0.lowercased().split(whereSeparator: { $0 == " " || $0 == "-" }).map(String.init)
        }
        return Set(words + onceMisread).sorted()
    }()

    /// Syllables that do not read as exactly one stressed vowel (espeak-ng marks each
    /// syllable's vowel with ' or ,), with what the voice made of them.
    static func misread(by espeakVoice: String) async throws -> [String] {
        let voice = try await RegionalReadingTests.voice(espeakVoice)
        let readings = try await SpeechEngine.shared.phonemes(sentences: syllables, voice: voice)
        return zip(syllables, readings).compactMap { syllable, reading in
            reading.filter { $0 == "'" || $0 == "," }.count == 1 ? nil : "\(syllable) → \(reading)"
        }
    }

    @Test func theListsHaveTheClusteredLoanwords() {
        // The words this suite was written for must stay in it.
        #expect(Self.syllables.count > 200)
        for syllable in ["crôn", "plây", "máps", "gi", "hu"] { #expect(Self.syllables.contains(syllable), "\(syllable)") }
    }

    @Test(arguments: ["vi", "vi-vn-x-central", "vi-vn-x-south"])
    func everySyllableIsOneSyllable(voice: String) async throws {
        let misread = try await Self.misread(by: voice)
        #expect(misread.isEmpty, "\(voice): \(misread.joined(separator: "; "))")
    }

    /// The clusters read as clusters, in the Northern voice: k and l, p and l, m-a-p-s.
    @Test func clustersKeepTheirConsonants() async throws {
        let voice = try await RegionalReadingTests.voice("vi")
        let readings = try await SpeechEngine.shared.phonemes(sentences: ["clo", "plây", "máps", "gi"], voice: voice)
        #expect(readings == ["k l 'O _|", "p l '@ j _|", "m 'a:3 p s _|", "z 'i _|"])   // ây: â + j (change 35)
    }
}
