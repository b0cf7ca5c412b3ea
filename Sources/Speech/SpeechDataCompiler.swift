import CEspeakNG
import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Compiles Loa's espeak-ng sources (`Voices/espeak-ng/`) into a data folder libespeak-ng
/// can be initialized with, once per version of the sources.
///
/// The folder is keyed by the SHA-256 of every source file and the engine version, under
/// the cache (`$LOA_CACHE_DIR`, else `~/.cache/loa`): unchanged sources reuse it, a changed
/// file compiles a new one. Compiling uses libespeak-ng's global state, so it runs in a
/// process of its own (`loa speech-compile`), writes into a temporary folder and renames it
/// into place: builds compiling at once each get a whole folder, and the same bytes.
public enum SpeechDataCompiler {
    /// The hidden subcommand of `loa` that compiles (see `serve`).
    public static let subcommand = "speech-compile"

    /// The longest data folder path libespeak-ng 1.51 takes (its buffer is 160 bytes, and
    /// it appends file names such as `/phondata`).
    static let maximumPathLength = 140

    /// Where compiled folders are kept.
    static var cacheRoot: URL {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["LOA_CACHE_DIR"], !path.isEmpty { return URL(fileURLWithPath: path) }
        let home = environment["XDG_CACHE_HOME"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache")
        return home.appendingPathComponent("loa")
    }

    /// The compiled `espeak-ng-data` folder for the sources in `source`, compiling it first
    /// if this version of the sources has not been compiled yet (in `cache`, by default the
    /// user's).
    public static func dataFolder(for source: URL, engineVersion: String, cache: URL? = nil) throws -> URL {
        let key = try sourceKey(source, engineVersion: engineVersion)
        let folder = (cache ?? cacheRoot).appendingPathComponent("speech-data").appendingPathComponent(String(key.prefix(16)))
        let data = folder.appendingPathComponent("espeak-ng-data")
        // libespeak-ng keeps its data path in a 160-byte buffer (with room for file names).
        guard data.path.utf8.count <= maximumPathLength else {
            throw SpeechError.initializationFailed("the speech data folder \(data.path) is too long for espeak-ng "
                + "(at most \(maximumPathLength) bytes); set LOA_CACHE_DIR to a shorter folder")
        }
        if FileManager.default.fileExists(atPath: data.appendingPathComponent("vi_dict").path) { return data }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try compile(source, into: data)
        return data
    }

    /// SHA-256 over every file's path and bytes (sorted by path) and the engine version.
    ///
    /// The folder is listed through any symbolic link to it: Foundation lists no paths
    /// under a link, so a linked `Voices/espeak-ng` once hashed as "no files", whatever it
    /// held, and was given whichever data had first been compiled under that key.
    static func sourceKey(_ source: URL, engineVersion: String) throws -> String {
        let folder = source.resolvingSymlinksInPath()
        guard let paths = FileManager.default.subpaths(atPath: folder.path),
              paths.contains("phsource/phonemes") else {
            throw SpeechError.initializationFailed("\(source.path) cannot be read or has no phsource/phonemes; expected Loa's espeak-ng sources")
        }
        var hash = SHA256()
        hash.update(data: Data("libespeak-ng \(engineVersion)\n".utf8))
        for path in paths.sorted() {
            let url = folder.appendingPathComponent(path)
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue else { continue }
            hash.update(data: Data("\(path)\n".utf8))
            hash.update(data: try Data(contentsOf: url))
        }
        // The borrowed English dictionary is part of what is compiled (see
        // `stockEnglishDictionary`): an updated system dictionary makes a new folder.
        if let english = stockEnglishDictionary() {
            hash.update(data: Data("stock en_dict\n".utf8))
            hash.update(data: try Data(contentsOf: english))
        }
        return hash.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// The English dictionary of the installed libespeak-ng (`en_dict` in its data folder),
    /// or nil when there is none.
    ///
    /// Why: upstream's Vietnamese rules hand a word they cannot read as Vietnamese (eCabinet,
    /// Telehealth, Samsung) to English, as a Vietnamese reader would read it. Without an
    /// English dictionary in the data folder espeak-ng spells such a word letter by letter
    /// on air ("tê e e-lờ e hát …"). Loa's sources carry the English phoneme table
    /// (`phsource/ph_english`, from upstream 1.51 unchanged), but the 1.51 sources Loa
    /// compiles from have no English dictionary sources; the system's dictionary was compiled
    /// from that same table, so its phoneme codes are the ones Loa compiles, and it is copied
    /// into the data folder as it is. `SpeechDataTests` holds that an English word reads
    /// the same with Loa's data as with the stock data.
    static func stockEnglishDictionary() -> URL? {
        // The data folder libespeak-ng uses when given none (or $ESPEAK_DATA_PATH): the one
        // the stock voices speak from.
        espeak_ng_InitializePath(nil)
        var home: UnsafePointer<CChar>?
        _ = espeak_Info(&home)
        guard let home else { return nil }
        let dictionary = URL(fileURLWithPath: String(cString: home)).appendingPathComponent("en_dict")
        return FileManager.default.isReadableFile(atPath: dictionary.path) ? dictionary : nil
    }

    /// Runs `loa speech-compile SOURCE DESTINATION` and checks what it made.
    private static func compile(_ source: URL, into destination: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: SpeechWorker.program)
        process.arguments = [subcommand, source.path, destination.path]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
              FileManager.default.fileExists(atPath: destination.appendingPathComponent("vi_dict").path) else {
            throw SpeechError.initializationFailed("compiling the speech data in \(source.path) failed: "
                + String(decoding: message.suffix(2000), as: UTF8.self))
        }
    }

    /// The compiling process: copies the sources next to a fresh folder, compiles the
    /// phoneme tables, the intonations and the Vietnamese dictionary into it, and renames it
    /// to `destination` (left as it is if another process got there first).
    public static func serve(_ arguments: [String]) -> Never {
        guard arguments.count == 4 else {
            FileHandle.standardError.write(Data("loa speech-compile: expected SOURCE DESTINATION\n".utf8))
            exit(2)
        }
        // The sources' real folder: a copy of a symbolic link would send the compiler's
        // output into the sources themselves.
        let source = URL(fileURLWithPath: arguments[2]).resolvingSymlinksInPath()
        let destination = URL(fileURLWithPath: arguments[3])
        // Found before the compiler points libespeak-ng at the new folder.
        let english = stockEnglishDictionary()
        // A short folder of its own (libespeak-ng's paths are short buffers); the compiler
        // writes its reports beside the sources, so it works on a copy of them.
        var template = Array("/tmp/loa-speech-data.XXXXXX".utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
            FileHandle.standardError.write(Data("loa speech-compile: cannot make a folder in /tmp\n".utf8))
            exit(1)
        }
        let work = URL(fileURLWithPath: template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) })
            .appendingPathComponent("src")
        let staged = destination.deletingLastPathComponent().appendingPathComponent(".compiling-\(getpid())")
        do {
            try FileManager.default.copyItem(at: source, to: work)
            // A link inside the sources would be copied as a link and written through too.
            for path in FileManager.default.subpaths(atPath: work.path) ?? []
            where (try? FileManager.default.destinationOfSymbolicLink(atPath: work.appendingPathComponent(path).path)) != nil {
                throw SpeechError.initializationFailed("\(source.path)/\(path) is a symbolic link; the speech data sources must be plain files and folders")
            }
            let data = work.appendingPathComponent("espeak-ng-data")
            espeak_ng_InitializePath(data.path)
            var context: espeak_ng_ERROR_CONTEXT?
            let log: UnsafeMutablePointer<FILE>? = nil  // nil: the compiler writes its messages to standard error (it closes any other log it is given)
            try checked(espeak_ng_CompilePhonemeDataPath(22050, work.appendingPathComponent("phsource").path, data.path,
                                                         log, &context), "compile the phoneme tables")
            try checked(espeak_ng_CompileIntonation(log, &context), "compile the intonations")
            try checked(espeak_ng_Initialize(&context), "load the compiled tables")
            try checked(espeak_ng_SetVoiceByName("vi"), "select the vi voice")
            try checked(espeak_ng_CompileDictionary(work.appendingPathComponent("dictsource").path + "/", "vi",
                                                    log, 0, &context), "compile the vi dictionary")
            if let english {
                try FileManager.default.copyItem(at: english, to: data.appendingPathComponent("en_dict"))
            }
            // Copied next to its place, then renamed: a reader sees no folder or a whole one.
            try? FileManager.default.removeItem(at: staged)
            try FileManager.default.copyItem(at: data, to: staged)
            if rename(staged.path, destination.path) != 0 && !FileManager.default.fileExists(atPath: destination.path) {
                throw SpeechError.initializationFailed("cannot move the compiled data to \(destination.path): \(String(cString: strerror(errno)))")
            }
            try? FileManager.default.removeItem(at: staged)
            try? FileManager.default.removeItem(at: work.deletingLastPathComponent())
            exit(0)
        } catch {
            try? FileManager.default.removeItem(at: staged)
            try? FileManager.default.removeItem(at: work.deletingLastPathComponent())
            FileHandle.standardError.write(Data("loa speech-compile: \(error)\n".utf8))
            exit(1)
        }
    }

    private static func checked(_ status: espeak_ng_STATUS, _ step: String) throws {
        guard status == ENS_OK else {
            throw SpeechError.initializationFailed("could not \(step) (espeak-ng status \(status.rawValue))")
        }
    }
}
