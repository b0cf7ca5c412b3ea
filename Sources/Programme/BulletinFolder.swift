import Foundation

/// Decides which files under `Bulletins/` are bulletins, which are left alone on purpose,
/// and which are reported as not read.
///
/// Staff keep trash, drafts and old copies beside the bulletins (`.Trash-1000/`, `_cu/`).
/// What lies in a hidden or `_` folder must never air: an old copy in the trash must not
/// replace the corrected file. And a file that looks like a bulletin but is not read (a
/// `.docx`, a `.pdf`) must not vanish silently, or the station misses it without anyone
/// knowing. The rules are listed in docs/formats.md.
enum BulletinFolder {
    /// What the library does with one file.
    enum Entry: Equatable {
        /// Read and parsed as a bulletin (`.txt` or `.docx`).
        case bulletin
        /// A sound file: a recorded bulletin's audio when a bulletin names it in a
        /// `recording:` line, else reported (`BulletinLibrary`).
        case sound
        /// Left alone without a word: not meant as a bulletin (hidden, `_`, README, the
        /// staff lexicon, an editor's or the system's own files).
        case ignored
        /// Not read, reported as a warning saying what to do.
        case notRead(String)
    }

    /// The warning for a file that is not a `.txt` or `.docx` and of no kind known below.
    static let notTextAdvice = "not read: Loa reads bulletins from plain text (.txt) and Word (.docx) files; "
        + "save it as one of those, or move it into a folder whose name starts with '_'"

    /// What to do with the kinds of file staff are likely to drop in, by extension.
    static let adviceByExtension: [String: String] = {
        let keep = " (or move it into a folder whose name starts with '_')"
        var advice: [String: String] = [
            "doc": "not read: an old Word document (.doc, Word 97–2003) cannot be read; open it in Word and "
                + "save it as Word Document (.docx) or Plain Text (.txt)" + keep,
            "pdf": "not read: text cannot be taken reliably from a PDF; use the Word file (.docx) it was made from, "
                + "or copy the text into a plain text file (.txt)" + keep,
            "xls": "not read: a spreadsheet cannot be read aloud; write the bulletin in a .docx or .txt file" + keep,
            "xlsx": "not read: a spreadsheet cannot be read aloud; write the bulletin in a .docx or .txt file" + keep,
        ]
        for format in ["odt", "rtf", "wps", "pages"] {
            advice[format] = "not read: Loa reads Word (.docx) and plain text (.txt) files; save this \(format) "
                + "document as Word Document (.docx) or Plain Text (.txt)" + keep
        }
        for picture in ["jpg", "jpeg", "png", "gif", "bmp", "tif", "tiff", "heic", "webp"] {
            advice[picture] = "not read: a picture (a scanned or photographed page) cannot be read aloud; type the "
                + "text into a .docx or .txt file" + keep
        }
        return advice
    }()

    /// Whether a folder (by its name) is skipped with everything inside it.
    static func skipsFolder(named name: String) -> Bool { name.hasPrefix(".") || name.hasPrefix("_") }

    /// What to do with the file at `relativePath` (relative to the bulletins folder).
    static func classify(_ relativePath: String) -> Entry {
        let name = (relativePath as NSString).lastPathComponent
        let atTop = !relativePath.contains("/")
        let lowered = name.lowercased()
        let stem = (lowered as NSString).deletingPathExtension
        if name.hasPrefix(".") || name.hasPrefix("_") { return .ignored }
        // Office lock files (`~$bản tin.docx`), editor backups (`bản tin.txt~`), system files.
        if name.hasPrefix("~") || name.hasSuffix("~") || ["thumbs.db", "desktop.ini"].contains(lowered) {
            return .ignored
        }
        if stem == "readme" { return .ignored }
        if name == "lexicon.tsv" {
            return atTop ? .ignored
                : .notRead("not read: the staff lexicon is read only from lexicon.tsv at the top of the bulletins folder; move it there")
        }
        let fileExtension = (name as NSString).pathExtension.lowercased()
        if fileExtension == "txt" || fileExtension == "docx" { return .bulletin }
        if AudioFileKinds.isSound(fileExtension: fileExtension) { return .sound }
        return .notRead(adviceByExtension[fileExtension] ?? notTextAdvice)
    }

    /// Every file under `directory`, relative to it and sorted, without descending into
    /// hidden or `_` folders; each with what to do with it. A folder reached twice through
    /// symbolic links is read once.
    static func scan(_ directory: URL) -> [(path: String, entry: Entry)] {
        var found: [(path: String, entry: Entry)] = []
        var visited: Set<String> = []
        func walk(_ folder: URL, _ relative: String) {
            guard visited.insert(folder.resolvingSymlinksInPath().path).inserted else { return }
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            for name in names {
                let path = relative.isEmpty ? name : relative + "/" + name
                let url = folder.appendingPathComponent(name)
                var isFolder: ObjCBool = false
                guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else { continue }
                if isFolder.boolValue {
                    if !skipsFolder(named: name) { walk(url, path) }
                } else {
                    found.append((path, classify(path)))
                }
            }
        }
        walk(directory, "")
        return found.sorted { $0.path < $1.path }
    }
}
