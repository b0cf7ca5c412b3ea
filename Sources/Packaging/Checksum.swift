import Crypto
import Foundation

/// SHA-256 checksums as lower-case hex, as BagIt manifests and `sha256sum` print them.
public enum Checksum {
    public static func sha256(_ data: some DataProtocol) -> String { hex(SHA256.hash(data: data)) }

    /// A finished digest (e.g. of data hashed piece by piece) as lower-case hex.
    public static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    public static func sha256(_ text: String) -> String { sha256(Data(text.utf8)) }

    public static func sha256(file url: URL) throws -> String { sha256(try Data(contentsOf: url)) }
}
