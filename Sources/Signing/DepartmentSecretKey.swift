import Crypto
import Foundation

/// The department's secret signing key: an Ed25519 key and the minisign key id it signs as.
///
/// Stored in Loa's own two-line file (`untrusted comment: …` and
/// `base64("Ed" ‖ key id ‖ 32-byte seed)`), unencrypted, mode 0600, outside `Output/` and any
/// git work tree (`KeyFiles`). The public half is a standard minisign public key.
public struct DepartmentSecretKey: Sendable {
    public let keyID: KeyID
    /// The 32-byte seed (kept as bytes: swift-crypto's key type is not Sendable).
    private let seed: [UInt8]

    var privateKey: Curve25519.Signing.PrivateKey { try! Curve25519.Signing.PrivateKey(rawRepresentation: seed) }

    /// A new key with a new random id.
    public static func generate() -> DepartmentSecretKey {
        DepartmentSecretKey(keyID: .random(), privateKey: Curve25519.Signing.PrivateKey())
    }

    init(keyID: KeyID, privateKey: Curve25519.Signing.PrivateKey) {
        self.keyID = keyID
        self.seed = Array(privateKey.rawRepresentation)
    }

    /// Reads a secret key file's text; `source` names it in errors.
    public init(fileText text: String, source: String) throws(SigningError) {
        let lines = MinisignText.lines(of: text).filter { !$0.isEmpty }
        guard lines.count >= 2, lines[0].hasPrefix(MinisignText.untrustedPrefix), lines[0].contains("Loa") else {
            throw SigningError(source, "is not a Loa secret key; expected the .key file `loa keys generate` wrote")
        }
        let (_, bytes) = try MinisignText.payload(lines[1], count: 42, algorithms: ["Ed"], source: source,
                                                   what: "Loa secret key")
        guard let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: bytes[10..<42]) else {
            throw SigningError(source, "holds no valid Ed25519 key")
        }
        self.init(keyID: KeyID(bytes: bytes[2..<10])!, privateKey: key)
    }

    /// The file's text.
    public var fileText: String {
        let payload = Data(Array("Ed".utf8) + keyID.bytes + seed).base64EncodedString()
        return "\(MinisignText.untrustedPrefix)Loa department secret key \(keyID); keep it secret, never share or commit it\n\(payload)\n"
    }

    public var publicKey: DepartmentPublicKey { DepartmentPublicKey(keyID: keyID, key: privateKey.publicKey) }

    /// A minisign signature of `message` (pure Ed25519 of the whole message, minisign's `Ed`
    /// form, which `minisign -V` checks) with `trustedComment` signed along with it.
    /// Deterministic: the same key, message and comment give the same bytes.
    public func sign(_ message: some DataProtocol, trustedComment: String,
                     untrustedComment: String = "signature from Loa department key") throws -> MinisignSignature {
        precondition(!trustedComment.contains("\n") && !untrustedComment.contains("\n"), "comments are one line")
        let privateKey = self.privateKey
        let signature = Array(try privateKey.signature(for: Data(message)))
        let global = Array(try privateKey.signature(for: Data(signature + Array(trustedComment.utf8))))
        return MinisignSignature(algorithm: .pure, keyID: keyID, signature: signature,
                                 untrustedComment: untrustedComment, trustedComment: trustedComment,
                                 globalSignature: global)
    }
}
