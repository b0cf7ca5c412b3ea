import Foundation

/// Reads every bulletin under a folder. One bad file never stops the others, and
/// nothing under the folder is ever written, moved or deleted.
public enum BulletinLibrary {
    /// Largest file accepted as a bulletin; a bulletin is read aloud in minutes, not hours.
    public static let maximumFileSize = 1_000_000

    /// The bulletins that parsed, in path order, and every diagnostic.
    ///
    /// Hidden and `_` folders are not entered (see `BulletinFolder`); files that are not
    /// `.txt` are reported as not read. Two files with the same id are both reported, each
    /// naming the other, and neither airs until staff resolve it: Loa cannot tell which one
    /// is the corrected text.
    public static func load(directory: URL, displayPrefix: String? = nil) -> (bulletins: [Bulletin], diagnostics: [Diagnostic]) {
        let prefix = displayPrefix ?? directory.path
        var parsed: [Bulletin] = []
        var diagnostics: [Diagnostic] = []
        for (relative, entry) in BulletinFolder.scan(directory) {
            let display = (prefix as NSString).appendingPathComponent(relative)
            switch entry {
            case .ignored: continue
            case .notRead(let advice):
                diagnostics.append(Diagnostic(.warning, file: display, advice))
                continue
            case .bulletin: break
            }
            let url = directory.appendingPathComponent(relative)
            let defaultID = ((relative as NSString).lastPathComponent as NSString).deletingPathExtension
            let (bulletin, found) = read(url, display: display, defaultID: defaultID)
            diagnostics += found
            if let bulletin { parsed.append(bulletin) }
        }
        let (unique, duplicates) = DuplicateIDs.separate(parsed)
        return (unique, diagnostics + duplicates)
    }

    /// Reads and parses one file, checking size, binary content and UTF-8 first.
    public static func read(_ url: URL, display: String, defaultID: String) -> (Bulletin?, [Diagnostic]) {
        func fail(_ line: Int?, _ message: String) -> (Bulletin?, [Diagnostic]) {
            (nil, [Diagnostic(.error, file: display, line: line, message)])
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        if size > maximumFileSize {
            let megabytes = String(format: "%.1f", Double(size) / 1_000_000)
            return fail(nil, "file is \(megabytes) MB; a bulletin is at most 1 MB of text. Split it or check it is the right file")
        }
        guard let data = try? Data(contentsOf: url) else {
            return fail(nil, "cannot be read; check the file's permissions")
        }
        if let nul = data.firstIndex(of: 0) {
            let line = data[..<nul].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
            return fail(line, "looks like a binary file (contains NUL bytes); expected UTF-8 text")
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            let (line, byte) = firstInvalidUTF8(in: data)
            return fail(line, String(format: "is not valid UTF-8 (byte 0x%02X); save the file as UTF-8 (Unicode) text", byte))
        }
        return BulletinParser.parse(text, file: display, defaultID: defaultID)
    }

    /// Line and value of the first byte that breaks UTF-8, for the error message.
    static func firstInvalidUTF8(in data: Data) -> (line: Int, byte: UInt8) {
        let bytes = [UInt8](data)
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
            let prefix = bytes[index..<index + length]
            if String(validating: prefix, as: UTF8.self) == nil { return (line, byte) }
            if byte == 0x0A { line += 1 }
            index += length
        }
        return (line, bytes.last ?? 0)
    }
}
