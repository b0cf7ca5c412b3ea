import Foundation

/// Reads every bulletin under a folder. One bad file never stops the others, and
/// nothing under the folder is ever written, moved or deleted.
public enum BulletinLibrary {
    /// Largest file accepted as a bulletin; a bulletin is read aloud in minutes, not hours.
    public static let maximumFileSize = 1_000_000

    /// The bulletins that parsed, in path order, and every diagnostic.
    ///
    /// Hidden and `_` folders are not entered (see `BulletinFolder`); files that are not
    /// `.txt` or `.docx` are reported as not read, except sound files a bulletin names in
    /// its `recording:` line (a sound file no bulletin names is reported, with what to do).
    /// Two files with the same id are both reported, each naming the other, and neither
    /// airs until staff resolve it: Loa cannot tell which one is the corrected text.
    /// `approvalFromHeader` is false when approvals are recorded (`ApprovalBook`), not typed.
    public static func load(directory: URL, displayPrefix: String? = nil,
                            approvalFromHeader: Bool = true) -> (bulletins: [Bulletin], diagnostics: [Diagnostic]) {
        let prefix = displayPrefix ?? directory.path
        var parsed: [Bulletin] = []
        var diagnostics: [Diagnostic] = []
        var sounds: [(relative: String, display: String)] = []
        var unreadSidecars: Set<String> = []
        for (relative, entry) in BulletinFolder.scan(directory) {
            let display = (prefix as NSString).appendingPathComponent(relative)
            switch entry {
            case .ignored: continue
            case .notRead(let advice):
                diagnostics.append(Diagnostic(.warning, file: display, advice))
                continue
            case .sound:
                sounds.append((relative, display))
                continue
            case .bulletin: break
            }
            let url = directory.appendingPathComponent(relative)
            let defaultID = ((relative as NSString).lastPathComponent as NSString).deletingPathExtension
            let (bulletin, found) = read(url, display: display, defaultID: defaultID, approvalFromHeader: approvalFromHeader)
            diagnostics += found
            if let bulletin { parsed.append(bulletin) } else { unreadSidecars.insert((relative as NSString).deletingPathExtension) }
        }
        let named = Set(parsed.compactMap { $0.recording?.path })
        for sound in sounds where !named.contains(directory.appendingPathComponent(sound.relative).standardizedFileURL.path) {
            // A text file of the same name that could not be read is probably its sidecar: its error says enough.
            if unreadSidecars.contains((sound.relative as NSString).deletingPathExtension) { continue }
            diagnostics.append(Diagnostic(.warning, file: sound.display, orphanSoundAdvice(sound.relative)))
        }
        let (unique, duplicates) = DuplicateIDs.separate(parsed)
        return (unique, diagnostics + duplicates)
    }

    /// The warning for a sound file no bulletin names: how to make it a recorded bulletin.
    static func orphanSoundAdvice(_ relative: String) -> String {
        let name = (relative as NSString).lastPathComponent
        let stem = (name as NSString).deletingPathExtension
        let unreadable = AudioFileKinds.unreadable[(name as NSString).pathExtension.lowercased()].map {
            " It is \($0), which Loa cannot read: " + AudioFileKinds.conversionAdvice(for: name) + "."
        } ?? ""
        return "not aired: a sound file is a recorded bulletin only when a bulletin names it. Add a text file beside it "
            + "(e.g. \(stem).txt) with the bulletin's header (title, valid-from, targets, …) and the line "
            + "'recording: \(name)', and approve it; or move it into a folder whose name starts with '_'." + unreadable
    }

    /// Reads and parses one file, checking its size and decoding its bytes first (`BulletinText`);
    /// for a recorded bulletin, reads and checks the sound file it names (`RecordingInspector`).
    public static func read(_ url: URL, display: String, defaultID: String,
                            approvalFromHeader: Bool = true) -> (Bulletin?, [Diagnostic]) {
        func fail(_ line: Int?, _ message: String) -> (Bulletin?, [Diagnostic]) {
            (nil, [Diagnostic(.error, file: display, line: line, message)])
        }
        let isWord = url.pathExtension.lowercased() == "docx"
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        if size > (isWord ? WordDocument.maximumFileSize : maximumFileSize) {
            let megabytes = String(format: "%.1f", Double(size) / 1_000_000)
            return fail(nil, isWord
                ? "file is \(megabytes) MB; a Word bulletin is at most \(WordDocument.maximumFileSize / 1_000_000) MB. Remove large pictures or check it is the right file"
                : "file is \(megabytes) MB; a bulletin is at most 1 MB of text. Split it or check it is the right file")
        }
        var notes: [Diagnostic] = []
        let text: BulletinText
        if isWord {
            switch WordDocument.read(url) {
            case .failure(let failure): return fail(failure.line, failure.message)
            case .success(let reading):
                notes = reading.notes.map { Diagnostic(.warning, file: display, line: $0.line, $0.message) }
                if let legacy = LegacyEncodingGuess.rereadLegacyFont(lines: reading.lines) {
                    text = BulletinText(unifying: legacy.lines.map { $0 + "\n" }.joined(), encoding: .legacy(legacy.page))
                } else {
                    text = BulletinText(unifying: reading.text, encoding: .wordDocument)
                }
            }
        } else {
            guard let data = try? Data(contentsOf: url) else {
                return fail(nil, "cannot be read; check the file's permissions")
            }
            switch BulletinText.decode(data) {
            case .success(let decoded): text = decoded
            case .failure(let failure): return fail(failure.line, failure.message)
            }
        }
        var (bulletin, diagnostics) = BulletinParser.parse(text.text, file: display, defaultID: defaultID,
                                                            paragraphPerLine: isWord, approvalFromHeader: approvalFromHeader)
        bulletin?.contentSHA256 = text.sha256
        if let named = bulletin?.recording {
            let (recording, found) = RecordingInspector.inspect(named, sidecar: url, display: display)
            diagnostics += found
            bulletin?.recording = recording
            if recording == nil { bulletin = nil }
        }
        if case .legacy(let page) = text.encoding {
            notes.insert(Diagnostic(.warning, file: display, legacyEncodingNote(page, word: isWord)), at: 0)
        }
        return (bulletin, notes + diagnostics)
    }

    /// The warning for a file read in a legacy code page: what it was taken to be, and how
    /// to make it plain Unicode.
    static func legacyEncodingNote(_ page: LegacyCodePage, word: Bool = false) -> String {
        guard word else {
            return "read as \(page.displayName), not Unicode: Loa converts it when reading and leaves the file as it is. "
                + "Check the letters with `loa check`; to stop this warning, open it in Word and save it as Plain Text "
                + "with the encoding Unicode (UTF-8)"
        }
        return "typed in a legacy font, read as \(page.displayName): Loa converts it when reading and leaves the file as "
            + "it is. Check the letters with `loa check`; to stop this warning, convert the text to Unicode "
            + "(Unikey's converter) and use a Unicode font such as Times New Roman"
    }
}
