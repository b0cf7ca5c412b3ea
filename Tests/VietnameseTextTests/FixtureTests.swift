import Foundation
import Testing
@testable import VietnameseText

/// One row of a fixture TSV: id, input, expected spoken form.
struct FixtureCase: CustomStringConvertible, Sendable {
    var id: String
    var input: String
    var expected: String
    var description: String { id }
}

enum Fixtures {
    static func load(_ name: String) -> [FixtureCase] {
        guard let url = Bundle.module.url(forResource: name, withExtension: "tsv", subdirectory: "Fixtures")
                ?? Bundle.module.url(forResource: name, withExtension: "tsv"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            if line.hasPrefix("#") || line.trimmingCharacters(in: .whitespaces).isEmpty { return nil }
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count >= 3 else { return nil }
            return FixtureCase(id: f[0], input: f[1].replacingOccurrences(of: "\\n", with: "\n"), expected: f[2])
        }
    }
    static let shared = load("shared-examples")
    static let houseStyle = load("house-style-cases")
    static let normalizer = Normalizer()
}

@Suite("Fixture sentences")
struct FixtureTests {
    @Test("shared examples are all present") func sharedCount() {
        #expect(Fixtures.shared.count == 51)
    }

    @Test("own house-style cases: at least 150") func ownCount() {
        #expect(Fixtures.houseStyle.count >= 150)
    }

    @Test("shared example", arguments: Fixtures.shared)
    func shared(_ c: FixtureCase) {
        let got = Fixtures.normalizer.normalize(c.input).spokenText
        #expect(SpokenFormMatcher.matches(got, c.expected),
                "\(c.id)\n  input:    \(c.input)\n  got:      \(got)\n  expected: \(c.expected)")
    }

    @Test("house-style case", arguments: Fixtures.houseStyle)
    func houseStyle(_ c: FixtureCase) {
        let got = Fixtures.normalizer.normalize(c.input).spokenText
        #expect(SpokenFormMatcher.matches(got, c.expected),
                "\(c.id)\n  input:    \(c.input)\n  got:      \(got)\n  expected: \(c.expected)")
    }
}
