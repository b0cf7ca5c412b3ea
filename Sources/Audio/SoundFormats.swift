import CSndfile

/// What the installed libsndfile reads, asked of the library itself.
///
/// Which formats open depends on how libsndfile was built and its version (MP3 only from
/// 1.1, with mpg123; AAC/M4A never), so messages about a file that cannot be read list
/// what this machine reads instead of a list that may be wrong here.
public enum SoundFormats {
    /// libsndfile's version, e.g. `libsndfile-1.2.0`.
    public static var libraryVersion: String { String(cString: sf_version_string()) }

    /// The file extensions of the major formats libsndfile reads here, lower case, sorted
    /// (`aiff`, `flac`, `mp3`, `oga`, `wav`, …).
    public static var readableExtensions: [String] {
        var extensions: Set<String> = []
        for format in majorFormats() {
            if let ext = format.extension { extensions.insert(ext.lowercased()) }
        }
        // Same container, extensions people use that libsndfile's table does not list
        // (it names MPEG audio `m1a`).
        if extensions.contains("oga") { extensions.formUnion(["ogg", "opus"]) }
        if extensions.contains("aiff") { extensions.insert("aif") }
        if extensions.contains("m1a") { extensions.formUnion(["mp3", "mp2"]) }
        // Headerless samples open only when told their format: not a recording's file.
        extensions.remove("raw")
        return extensions.sorted()
    }

    /// The name of a major format code (`SF_FORMAT_FLAC`), when libsndfile knows it.
    public static func name(major: Int32) -> String? {
        majorFormats().first { $0.code == major }?.name
    }

    /// The name of a subtype code (`SF_FORMAT_PCM_16`), when libsndfile knows it.
    public static func name(subtype: Int32) -> String? {
        var count: Int32 = 0
        sf_command(nil, Int32(SFC_GET_FORMAT_SUBTYPE_COUNT), &count, Int32(MemoryLayout<Int32>.size))
        for index in 0..<count {
            var info = SF_FORMAT_INFO()
            info.format = index
            sf_command(nil, Int32(SFC_GET_FORMAT_SUBTYPE), &info, Int32(MemoryLayout<SF_FORMAT_INFO>.size))
            if info.format == subtype, let name = info.name { return String(cString: name) }
        }
        return nil
    }

    static func majorFormats() -> [(code: Int32, name: String, extension: String?)] {
        var count: Int32 = 0
        sf_command(nil, Int32(SFC_GET_FORMAT_MAJOR_COUNT), &count, Int32(MemoryLayout<Int32>.size))
        return (0..<count).compactMap { index in
            var info = SF_FORMAT_INFO()
            info.format = index
            guard sf_command(nil, Int32(SFC_GET_FORMAT_MAJOR), &info, Int32(MemoryLayout<SF_FORMAT_INFO>.size)) == 0,
                  let name = info.name else { return nil }
            return (info.format, String(cString: name), info.extension.map { String(cString: $0) })
        }
    }
}
