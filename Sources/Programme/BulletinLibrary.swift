import Foundation

/// Reads every bulletin under a folder. One bad file never stops the others, and
/// nothing under the folder is ever written, moved or deleted.
public enum BulletinLibrary {
    /// Largest file accepted as a bulletin; a bulletin is read aloud in minutes, not hours.
    public static let maximumFileSize = 1_000_000

    /// Files that live beside bulletins but are not bulletins.
    static func isBulletinFile(_ relativePath: String) -> Bool {
        let name = (relativePath as NSString).lastPathComponent
        return name.hasSuffix(".txt") && !name.hasPrefix(".") && !name.hasPrefix("_")
    }

    /// The bulletins that parsed, in path order, and every diagnostic.
    public static func load(directory: URL, displayPrefix: String? = nil) -> (bulletins: [Bulletin], diagnostics: [Diagnostic]) {
        let prefix = displayPrefix ?? directory.path
        var bulletins: [Bulletin] = []
        var diagnostics: [Diagnostic] = []
        var seenIDs: [String: String] = [:]
        let paths = (FileManager.default.subpaths(atPath: directory.path) ?? []).filter(isBulletinFile).sorted()
        for relative in paths {
            let display = (prefix as NSString).appendingPathComponent(relative)
            let url = directory.appendingPathComponent(relative)
            let defaultID = ((relative as NSString).lastPathComponent as NSString).deletingPathExtension
            let (bulletin, found) = read(url, display: display, defaultID: defaultID)
            diagnostics += found
            guard let bulletin else { continue }
            if let other = seenIDs[bulletin.id] {
                diagnostics.append(Diagnostic(.error, file: display,
                    "bulletin id '\(bulletin.id)' is also used by \(other); give one of them another 'id:' or file name"))
                continue
            }
            seenIDs[bulletin.id] = display
            bulletins.append(bulletin)
        }
        return (bulletins, diagnostics)
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
