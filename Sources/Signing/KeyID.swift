/// The 8-byte number that names a key in minisign keys and signatures, so a signature made by
/// another key is told apart before any cryptography.
public struct KeyID: Sendable, Hashable, CustomStringConvertible {
    /// As stored in the files (little-endian).
    public let bytes: [UInt8]

    public init?(bytes: some Collection<UInt8>) {
        guard bytes.count == 8 else { return nil }
        self.bytes = Array(bytes)
    }

    /// A new random key id.
    public static func random() -> KeyID {
        var generator = SystemRandomNumberGenerator()
        return KeyID(bytes: (0..<8).map { _ in UInt8.random(in: 0...255, using: &generator) })!
    }

    /// Upper-case hex of the little-endian number, as `minisign` prints it.
    public var description: String {
        bytes.reversed().map { byte in
            let hex = String(byte, radix: 16, uppercase: true)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
