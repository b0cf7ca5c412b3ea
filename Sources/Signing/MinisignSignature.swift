import Crypto
import Foundation

/// A detached signature in minisign's format (`<file>.minisig`):
///
///     untrusted comment: <text>
///     base64(algorithm ‖ key id ‖ 64-byte Ed25519 signature of the file)
///     trusted comment: <text>
///     base64(64-byte Ed25519 signature of (signature ‖ trusted comment))
///
/// Loa signs with `Ed` (the whole file signed); `ED` (the file's BLAKE2b-512 signed, minisign's
/// default for large files) is recognized and refused with an explanation, as Loa has no BLAKE2b.
public struct MinisignSignature: Sendable, Equatable {
    public enum Algorithm: String, Sendable {
        case pure = "Ed"
        case prehashed = "ED"
    }

    public var algorithm: Algorithm
    public var keyID: KeyID
    public var signature: [UInt8]
    public var untrustedComment: String
    /// Signed with the file: Loa puts the day, the station and what the file is here.
    public var trustedComment: String
    public var globalSignature: [UInt8]

    /// The `.minisig` file's text.
    public var text: String {
        let line = Data(Array(algorithm.rawValue.utf8) + keyID.bytes + signature).base64EncodedString()
        return """
            \(MinisignText.untrustedPrefix)\(untrustedComment)
            \(line)
            \(MinisignText.trustedPrefix)\(trustedComment)
            \(Data(globalSignature).base64EncodedString())

            """
    }

    public init(algorithm: Algorithm, keyID: KeyID, signature: [UInt8], untrustedComment: String,
                trustedComment: String, globalSignature: [UInt8]) {
        self.algorithm = algorithm
        self.keyID = keyID
        self.signature = signature
        self.untrustedComment = untrustedComment
        self.trustedComment = trustedComment
        self.globalSignature = globalSignature
    }

    /// Reads a `.minisig` file's text; `source` names it in errors.
    public init(text: String, source: String) throws(SigningError) {
        let lines = MinisignText.lines(of: text)
        guard lines.count >= 4, lines[0].hasPrefix(MinisignText.untrustedPrefix),
              lines[2].hasPrefix(MinisignText.trustedPrefix) else {
            throw SigningError(source, "is not a minisign signature: expected 4 lines (untrusted comment, signature, trusted comment, global signature)")
        }
        let (algorithm, bytes) = try MinisignText.payload(lines[1], count: 74, algorithms: ["Ed", "ED"], source: source,
                                                           what: "minisign signature")
        guard let global = Data(base64Encoded: lines[3].trimmingCharacters(in: .whitespaces)), global.count == 64 else {
            throw SigningError(source, "is not a minisign signature: its last line should be 64 bytes of base64")
        }
        self.init(algorithm: Algorithm(rawValue: algorithm)!, keyID: KeyID(bytes: bytes[2..<10])!,
                  signature: Array(bytes[10..<74]),
                  untrustedComment: String(lines[0].dropFirst(MinisignText.untrustedPrefix.count)),
                  trustedComment: String(lines[2].dropFirst(MinisignText.trustedPrefix.count)),
                  globalSignature: Array(global))
    }

    /// Checks that `message` is what `key` signed, comment included; throws saying which part failed.
    public func verify(_ message: some DataProtocol, with key: DepartmentPublicKey, source: String) throws(SigningError) {
        guard keyID == key.keyID else {
            throw SigningError(source, "is signed by key \(keyID), not by the department key \(key.keyID) you trust")
        }
        guard algorithm == .pure else {
            throw SigningError(source, "is a prehashed (ED) minisign signature; Loa checks only Ed signatures (as `loa build` makes them)")
        }
        guard key.key.isValidSignature(Data(signature), for: Data(message)) else {
            throw SigningError(source, "does not match the file it signs: the file was changed after signing, or the signature belongs to another file")
        }
        guard key.key.isValidSignature(Data(globalSignature), for: Data(signature + Array(trustedComment.utf8))) else {
            throw SigningError(source, "its trusted comment was changed after signing")
        }
    }
}
