import Crypto
import Foundation

/// How the bytes of a bulletin file were read.
public enum SourceEncoding: Sendable, Hashable, CustomStringConvertible {
    case utf8
    case utf8WithBOM
    case utf16LittleEndian
    case utf16BigEndian
    /// One of the single-byte Vietnamese code pages, decided from the text (`LegacyEncodingGuess`).
    case legacy(LegacyCodePage)
    /// A Word file (`.docx`, Unicode inside).
    case wordDocument

    public var description: String {
        switch self {
        case .utf8: return "UTF-8"
        case .utf8WithBOM: return "UTF-8 with BOM"
        case .utf16LittleEndian: return "UTF-16 LE"
        case .utf16BigEndian: return "UTF-16 BE"
        case .legacy(let page): return page.displayName
        case .wordDocument: return "Word document"
        }
    }
}

/// A bulletin's text as Loa reads it, whatever the office PC saved: decoded (UTF-8 with or
/// without BOM, UTF-16 with BOM, or a legacy Vietnamese code page), the BOM dropped, every
/// line end made `\n`, and composed to NFC, so a text typed with combining accents (as
/// macOS and some keyboards write it) and the same text precomposed read, sound and hash
/// the same. In memory only: the file is never changed.
public struct BulletinText: Sendable, Hashable {
    /// The text, NFC, lines ending in `\n`.
    public var text: String
    /// What the bytes were read as.
    public var encoding: SourceEncoding

    /// The SHA-256 of `text` in UTF-8, hex: the content an approval is bound to. Re-saving
    /// the same words in another encoding or with other line ends keeps it.
    public var sha256: String { Self.sha256(of: text) }

    /// Why a file's bytes could not be read as text.
    public struct Failure: Error, Sendable, Hashable {
        /// The line the problem shows on, when there is one.
        public var line: Int?
        public var message: String
    }

    /// `text` made canonical: BOM dropped, line ends unified, NFC.
    public init(unifying text: String, encoding: SourceEncoding) {
        var unified = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        if unified.contains("\r") {
            unified = unified.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        self.text = unified.precomposedStringWithCanonicalMapping
        self.encoding = encoding
    }

    /// Reads a file's bytes: a BOM decides; else UTF-8 when the bytes are UTF-8; else the
    /// legacy code page whose reading gives Vietnamese, or a failure saying what was tried.
    public static func decode(_ data: Data) -> Result<BulletinText, Failure> {
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return decodeUTF16(bytes)
        }
        if let nul = bytes.firstIndex(of: 0) {
            return .failure(Failure(line: lineNumber(at: nul, in: bytes),
                message: "looks like a binary file (contains NUL bytes), not text. If it is text saved as "
                    + "UTF-16 without a byte-order mark, save it again as Plain Text, encoding Unicode (UTF-8)"))
        }
        if let text = String(validating: bytes, as: UTF8.self) {
            return .success(BulletinText(unifying: text, encoding: bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? .utf8WithBOM : .utf8))
        }
        switch LegacyEncodingGuess.decide(bytes) {
        case .decided(let page, let text):
            return .success(BulletinText(unifying: text, encoding: .legacy(page)))
        case .undecided(let tried):
            let (line, byte) = firstInvalidUTF8(in: bytes)
            return .failure(Failure(line: line, message: String(format: "cannot tell which encoding this file is in. "
                + "Tried UTF-8: byte 0x%02X is not UTF-8; ", byte) + tried
                + ". Open it in Word and save it as Plain Text with the encoding Unicode (UTF-8)"))
        }
    }

    static func decodeUTF16(_ bytes: [UInt8]) -> Result<BulletinText, Failure> {
        let littleEndian = bytes[0] == 0xFF
        let name = littleEndian ? "UTF-16 LE" : "UTF-16 BE"
        guard bytes.count % 2 == 0 else {
            return .failure(Failure(line: nil, message: "starts like \(name) text (byte-order mark) but has an odd number of bytes; "
                + "the file is cut short or not text. Save it again as Plain Text, encoding Unicode (UTF-8)"))
        }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = 2
        while index < bytes.count {
            let pair = (UInt16(bytes[index]), UInt16(bytes[index + 1]))
            units.append(littleEndian ? pair.0 | pair.1 << 8 : pair.0 << 8 | pair.1)
            index += 2
        }
        guard let text = String(validating: units, as: UTF16.self) else {
            return .failure(Failure(line: nil, message: "starts like \(name) text (byte-order mark) but is not valid \(name); "
                + "save it again as Plain Text, encoding Unicode (UTF-8)"))
        }
        return .success(BulletinText(unifying: text, encoding: littleEndian ? .utf16LittleEndian : .utf16BigEndian))
    }

    /// SHA-256 of `text` in UTF-8, hex.
    public static func sha256(of text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    static func lineNumber(at offset: Int, in bytes: [UInt8]) -> Int {
        bytes[..<offset].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
    }

    /// Line and value of the first byte that breaks UTF-8, for messages.
    static func firstInvalidUTF8(in bytes: [UInt8]) -> (line: Int, byte: UInt8) {
        var line = 1
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let length: Int
            switch byte {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return (line, byte)
            }
            if index + length > bytes.count { return (line, byte) }
            if String(validating: bytes[index..<index + length], as: UTF8.self) == nil { return (line, byte) }
            if byte == 0x0A { line += 1 }
            index += length
        }
        return (line, bytes.last ?? 0)
    }
}
