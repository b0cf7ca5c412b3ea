import Foundation
import Testing
@testable import VietnameseText

/// Bad input never crashes or hangs the normalizer, and output stays within 20× input.
/// These tests assert properties, never wall-clock time.
@Suite("Robustness")
struct RobustnessTests {
    func check(_ text: String, sourceLine: Int = #line) {
        let r = Fixtures.normalizer.normalize(text)
        let input = max(1, text.unicodeScalars.count)
        #expect(r.spokenText.unicodeScalars.count <= 20 * input, "blow-up at line \(sourceLine)")
    }

    @Test func hundredThousandDigits() {
        let digits = String(repeating: "1234567890", count: 10_000)
        check(digits)
        let r = Fixtures.normalizer.normalize(digits)
        #expect(r.findings.contains { $0.kind == .numberTooLong })
        #expect(r.spokenText.hasPrefix("một hai ba"))
    }

    @Test func oneMegabyteLine() {
        let sentence = "UBND xã có 1.250 ha lúa, 45.000 đ/kg, gọi 0912345678 ngày 22/9/2021; "
        var line = ""
        while line.utf8.count < 1_000_000 { line += sentence }
        check(line)
        check(String(repeating: "a", count: 1_000_000))
        check(String(repeating: "W", count: 200_000))
        check(String(repeating: ".", count: 200_000))
        check(String(repeating: "1/", count: 200_000))
    }

    @Test func randomUnicode() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            var s = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...400, using: &rng) {
                let v = UInt32.random(in: 0...0x2FFFF, using: &rng)
                if let u = Unicode.Scalar(v) { s.append(u) }
            }
            check(String(s))
        }
    }

    @Test func lossilyDecodedBytes() {
        for _ in 0..<200 {
            let bytes = (0..<Int.random(in: 0...600)).map { _ in UInt8.random(in: 0...255) }
            check(String(decoding: bytes, as: UTF8.self))
        }
    }

    @Test func worstCaseExpansions() {
        for s in ["%", "‰", "@", "W", "~", "≥", "1%", "7/2020", "1/1/2000", "ngày 1/1", "TT&TT", "0", "1.001", "UBND", "v.v.", "+"] {
            check(s)
            check(String(repeating: s + " ", count: 50))
            check(String(repeating: s, count: 50))
        }
    }
}
