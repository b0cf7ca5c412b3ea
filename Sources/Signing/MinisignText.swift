import Foundation

/// The two-line shape shared by minisign key and signature files:
/// `untrusted comment: …` then one base64 line.
enum MinisignText {
    static let untrustedPrefix = "untrusted comment: "
    static let trustedPrefix = "trusted comment: "

    /// The file's lines without line endings (minisign writes `\n`; `\r\n` is accepted).
    static func lines(of text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
    }

    /// The base64 payload on `line`, which must decode to `count` bytes starting with `algorithm`.
    static func payload(_ line: String, count: Int, algorithms: Set<String>, source: String,
                        what: String) throws(SigningError) -> (algorithm: String, bytes: [UInt8]) {
        guard let data = Data(base64Encoded: line.trimmingCharacters(in: .whitespaces)), data.count == count else {
            throw SigningError(source, "is not a \(what): expected one base64 line of \(count) bytes")
        }
        let bytes = [UInt8](data)
        let algorithm = String(decoding: bytes[0..<2], as: UTF8.self)
        guard algorithms.contains(algorithm) else {
            throw SigningError(source, "is a \(what) of algorithm '\(algorithm)'; expected Ed25519 (\(algorithms.sorted().joined(separator: " or ")))")
        }
        return (algorithm, bytes)
    }
}
