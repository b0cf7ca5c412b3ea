import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// Reads the text of a Word file (`.docx`) the way staff see it on screen, a line per
/// paragraph, so a bulletin written in Word needs no saving as plain text.
///
/// Only what would be read aloud from the page is kept: a tracked deletion (`w:del`) is
/// skipped and a tracked insertion (`w:ins`) kept, as Word shows them with "No Markup";
/// hidden text is skipped. What is on the page but must not be read aloud by accident is
/// left out and reported with its line: tables, footnote and endnote marks, text boxes.
/// A paragraph that is only a border line (Word turns a typed `---` into one) counts as
/// the header's `---`.
public enum WordDocument {
    /// Largest `.docx` file read (pictures in a letterhead make them larger than text).
    public static let maximumFileSize = 20_000_000
    /// Largest document part unpacked: far above any bulletin, far below a zip bomb.
    static let maximumDocumentSize = 20_000_000

    /// The lines of the document and what was left out.
    public struct Reading: Sendable {
        /// One line per paragraph (a manual line break starts another); a table takes one empty line.
        public var lines: [String]
        /// Things on the page that are not read aloud, with their line.
        public var notes: [(line: Int, message: String)]

        /// The lines as one text, each ending in `\n`.
        public var text: String { lines.map { $0 + "\n" }.joined() }
    }

    /// Reads `url`; a failure says what is wrong with the file and what to do.
    public static func read(_ url: URL) -> Result<Reading, BulletinText.Failure> {
        let advice = "open it in Word and save it again as Word Document (.docx), or as Plain Text (.txt, Unicode UTF-8)"
        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            return .failure(.init(line: nil, message: "is not a Word document that can be opened (not a .docx package); \(advice)"))
        }
        guard let entry = archive["word/document.xml"] else {
            return .failure(.init(line: nil, message: "is a zip file without a Word document inside (no word/document.xml); \(advice)"))
        }
        guard entry.uncompressedSize <= UInt64(maximumDocumentSize) else {
            return .failure(.init(line: nil, message: "its text part is larger than \(maximumDocumentSize / 1_000_000) MB unpacked; a bulletin is far shorter. Check it is the right file"))
        }
        var xml = Data()
        do {
            _ = try archive.extract(entry, skipCRC32: false) { xml.append($0) }
        } catch {
            return .failure(.init(line: nil, message: "is damaged: its text could not be unpacked (\(error)); \(advice)"))
        }
        return read(documentXML: xml)
    }

    /// Reads the main document part (`word/document.xml`).
    public static func read(documentXML: Data) -> Result<Reading, BulletinText.Failure> {
        let collector = WordBodyCollector()
        let parser = XMLParser(data: documentXML)
        parser.shouldProcessNamespaces = true
        parser.delegate = collector
        guard parser.parse(), parser.parserError == nil else {
            return .failure(.init(line: nil, message: "is damaged: its text is not well-formed XML (line \(parser.lineNumber) of word/document.xml); "
                + "open it in Word, which may repair it, and save it again"))
        }
        var notes = collector.notes
        if collector.sawTrackedChanges {
            notes.insert((collector.firstTrackedChangeLine,
                "has tracked changes that are not accepted: deleted text is not read aloud, inserted text is. "
                    + "Accept or reject all changes in Word (Review › Accept) so that what is approved is what you see"), at: 0)
        }
        return .success(Reading(lines: collector.lines, notes: notes))
    }
}

/// Walks `word/document.xml` and collects the paragraphs that would be read from the page.
final class WordBodyCollector: NSObject, XMLParserDelegate {
    static let wordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    private(set) var lines: [String] = []
    private(set) var notes: [(line: Int, message: String)] = []
    private(set) var sawTrackedChanges = false
    private(set) var firstTrackedChangeLine = 1

    private var paragraph: String?
    private var paragraphHasBorder = false
    private var inRun = 0
    private var inRunProperties = 0
    private var runHidden = false
    private var inText = false
    /// Inside content that is not read: a tracked deletion or move, a table, a text box,
    /// the fallback copy of alternate content.
    private var deleted = 0
    private var tables = 0
    private var textBoxes = 0
    private var fallbacks = 0
    private var tableRows = 0

    /// The line the paragraph being read will take.
    private var nextLine: Int { lines.count + 1 }

    private var skipping: Bool { tables > 0 || textBoxes > 0 || fallbacks > 0 }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if name == "Fallback" { fallbacks += 1; return }
        guard namespaceURI == Self.wordNamespace || namespaceURI == nil else { return }
        switch name {
        case "tbl":
            if tables == 0, !skipping { tableRows = 0 }
            tables += 1
        case "tr" where tables == 1:
            tableRows += 1
        case "txbxContent":
            if !skipping {
                notes.append((nextLine, "a text box here is not read aloud; put its text in the body as ordinary paragraphs if it should be"))
            }
            textBoxes += 1
        case "p" where !skipping:
            paragraph = ""
            paragraphHasBorder = false
        case "pBdr" where !skipping:
            paragraphHasBorder = true
        case "del", "moveFrom":
            if !sawTrackedChanges { firstTrackedChangeLine = nextLine }
            sawTrackedChanges = true
            deleted += 1
        case "ins", "moveTo":
            if !sawTrackedChanges { firstTrackedChangeLine = nextLine }
            sawTrackedChanges = true
        case "r":
            inRun += 1
            runHidden = false
        case "rPr" where inRun > 0:
            inRunProperties += 1
        case "vanish" where inRunProperties > 0:
            let value = attributes["w:val"] ?? attributes["val"] ?? "true"
            runHidden = !["0", "false", "off"].contains(value)
        case "t" where inRun > 0:
            inText = true
        case "tab" where inRun > 0 && inRunProperties == 0:
            append("\t")
        case "br", "cr":
            if inRun > 0 { append("\n") }
        case "noBreakHyphen":
            append("-")
        case "footnoteReference", "endnoteReference":
            if !skipping && deleted == 0 {
                let kind = name == "footnoteReference" ? "a footnote" : "an endnote"
                notes.append((nextLine, "\(kind) is marked here; footnotes and endnotes are not read aloud. "
                    + "If listeners need it, write it into the text"))
            }
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "Fallback" { fallbacks -= 1; return }
        guard namespaceURI == Self.wordNamespace || namespaceURI == nil else { return }
        switch name {
        case "tbl":
            tables -= 1
            if tables == 0, !skipping {
                notes.append((nextLine, "a table (\(tableRows) row\(tableRows == 1 ? "" : "s")) here is not read aloud: "
                    + "a listener cannot follow a table. Write what it says as sentences if it should be heard"))
                lines.append("")
            }
        case "txbxContent":
            textBoxes -= 1
        case "p":
            guard !skipping, let text = paragraph else { return }
            paragraph = nil
            if text.isEmpty, paragraphHasBorder {
                lines.append("---")   // Word's AutoFormat turns a typed `---` into a border line.
            } else {
                lines += text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            }
        case "del", "moveFrom":
            deleted -= 1
        case "r":
            inRun -= 1
        case "rPr" where inRun > 0:
            inRunProperties -= 1
        case "t":
            inText = false
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { append(string) }
    }

    private func append(_ text: String) {
        guard !skipping, deleted == 0, !runHidden, paragraph != nil else { return }
        paragraph! += text
    }
}
