import Crypto
import Foundation

/// The department's public key, in minisign's public key format, so stations check packs with
/// Loa (`loa fetch --key`) or with the stock tool (`minisign -V -p department.pub -m …`).
///
/// File: `untrusted comment: minisign public key <ID>` and `base64("Ed" ‖ key id ‖ 32-byte key)`.
public struct DepartmentPublicKey: Sendable {
    public let keyID: KeyID
    /// The 32-byte Ed25519 public key (kept as bytes: swift-crypto's key type is not Sendable).
    public let rawKey: [UInt8]

    public var key: Curve25519.Signing.PublicKey { try! Curve25519.Signing.PublicKey(rawRepresentation: rawKey) }

    public init(keyID: KeyID, key: Curve25519.Signing.PublicKey) {
        self.keyID = keyID
        self.rawKey = Array(key.rawRepresentation)
    }

    /// Reads a public key file's text; `source` names it in errors.
    public init(minisignText text: String, source: String) throws(SigningError) {
        let lines = MinisignText.lines(of: text).filter { !$0.isEmpty }
        // The key line is the one after the untrusted comment (or the only line: `minisign -P`'s form).
        let keyLine = lines.first { !$0.hasPrefix(MinisignText.untrustedPrefix) } ?? ""
        let (_, bytes) = try MinisignText.payload(keyLine, count: 42, algorithms: ["Ed"], source: source,
                                                   what: "minisign public key")
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: bytes[10..<42]) else {
            throw SigningError(source, "holds no valid Ed25519 public key")
        }
        self.init(keyID: KeyID(bytes: bytes[2..<10])!, key: key)
    }

    /// Reads a public key file.
    public init(contentsOf url: URL, display: String? = nil) throws(SigningError) {
        let source = display ?? url.path
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw SigningError(source, "cannot be read; expected the department's public key (a .pub file from `loa keys generate`)")
        }
        try self.init(minisignText: String(decoding: data, as: UTF8.self), source: source)
    }

    /// The base64 line alone (what `minisign -P` takes).
    public var base64: String { Data(Array("Ed".utf8) + keyID.bytes + rawKey).base64EncodedString() }

    /// The file's text.
    public var minisignText: String { "\(MinisignText.untrustedPrefix)minisign public key \(keyID)\n\(base64)\n" }
}
