import Crypto
import Foundation

/// One file of the take cache: a fixed header that says what it is and how long its payload
/// is, the payload's SHA-256, then the payload.
///
///     0   "LOATAKE\0"         magic
///     8   UInt32 LE           format version (`TakeCacheEntry.version`)
///     12  UInt32 LE           kind (1 a sound length, 2 a mastered take)
///     16  UInt64 LE           payload length in bytes
///     24  32 bytes            SHA-256 of the payload
///     56  payload
///
/// A file that is short, long, of another kind or version, or whose payload does not hash
/// to its header is not an entry: the cache treats it as missing and the take is made again.
/// A power cut or a kill in the middle of a write can only leave such a file (or a
/// temporary one), so a damaged entry is never aired.
enum TakeCacheEntry {
    enum Kind: UInt32 {
        /// A source's sound length at the output rate (what planning needs).
        case length = 1
        /// A mastered take: layout, gain, peaks, gating blocks, MP3 frames, levelled PCM.
        case take = 2
    }

    static let magic: [UInt8] = Array("LOATAKE\0".utf8)
    static let version: UInt32 = 1
    static let headerSize = 56

    /// The whole file for `payload`.
    static func file(kind: Kind, payload: [UInt8]) -> [UInt8] {
        var bytes = magic
        bytes.reserveCapacity(headerSize + payload.count)
        var writer = ByteWriter(bytes)
        writer.append(version)
        writer.append(kind.rawValue)
        writer.append(UInt64(payload.count))
        writer.bytes += Array(SHA256.hash(data: payload))
        writer.bytes += payload
        return writer.bytes
    }

    /// The payload of a whole file, or nil when the file is not a sound entry of `kind`.
    static func payload(of file: [UInt8], kind: Kind) -> ArraySlice<UInt8>? {
        guard file.count >= headerSize, Array(file[0..<8]) == magic else { return nil }
        var reader = ByteReader(file[8..<headerSize])
        guard let version = reader.uint32(), version == Self.version,
              let stored = reader.uint32(), stored == kind.rawValue,
              let length = reader.uint64(), length == UInt64(file.count - headerSize) else { return nil }
        let payload = file[headerSize...]
        guard Array(SHA256.hash(data: Array(payload))) == Array(file[24..<56]) else { return nil }
        return payload
    }
}

/// Little-endian fields appended to a byte array.
struct ByteWriter {
    var bytes: [UInt8]
    init(_ bytes: [UInt8] = []) { self.bytes = bytes }

    mutating func append(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
    mutating func append(_ value: UInt64) { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
    mutating func append(_ value: Int) { append(UInt64(bitPattern: Int64(value))) }
    mutating func append(_ value: Double) { append(value.bitPattern) }
    mutating func append(_ value: Bool) { bytes.append(value ? 1 : 0) }
}

/// Little-endian fields read from a byte slice; nil once it runs out.
struct ByteReader {
    private var rest: ArraySlice<UInt8>
    init(_ bytes: ArraySlice<UInt8>) { rest = bytes }

    var isAtEnd: Bool { rest.isEmpty }

    mutating func take(_ count: Int) -> ArraySlice<UInt8>? {
        guard count >= 0, rest.count >= count else { return nil }
        defer { rest = rest.dropFirst(count) }
        return rest.prefix(count)
    }

    private mutating func integer<T: FixedWidthInteger>(_ type: T.Type) -> T? {
        guard let raw = take(MemoryLayout<T>.size) else { return nil }
        var value: T = 0
        withUnsafeMutableBytes(of: &value) { $0.copyBytes(from: raw) }
        return T(littleEndian: value)
    }

    mutating func uint32() -> UInt32? { integer(UInt32.self) }
    mutating func uint64() -> UInt64? { integer(UInt64.self) }
    mutating func int() -> Int? { uint64().map { Int(Int64(bitPattern: $0)) } }
    mutating func double() -> Double? { uint64().map(Double.init(bitPattern:)) }
    mutating func bool() -> Bool? { take(1).map { $0.first! != 0 } }
}
