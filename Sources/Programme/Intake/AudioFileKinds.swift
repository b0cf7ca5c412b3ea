import Foundation

/// File extensions of sound files, and advice for the kinds libsndfile cannot read.
///
/// An audio file under `Bulletins/` is a recorded bulletin's sound when a sidecar text
/// file names it (`recording:`), never a bulletin by itself. Phones record AAC (`.m4a`)
/// and AMR, which libsndfile does not read: those are named here so the message says how
/// to convert them instead of only "cannot open".
enum AudioFileKinds {
    /// Extensions taken for sound files (lower case): what libsndfile reads, and the
    /// formats phones and office PCs record in that it does not.
    static let extensions: Set<String> = Set([
        "wav", "wave", "bwf", "rf64", "w64", "flac", "ogg", "oga", "opus", "mp3", "mp2", "aif", "aiff", "aifc",
        "au", "snd", "caf", "voc",
    ]).union(unreadable.keys)

    /// Sound formats libsndfile does not read, with what they are.
    static let unreadable: [String: String] = [
        "m4a": "an AAC (.m4a) file, as phones and Windows' Voice Recorder make",
        "aac": "an AAC file",
        "mp4": "an MP4 file",
        "3gp": "a 3GP file, as older phones record",
        "3ga": "a 3GP audio file, as older phones record",
        "amr": "an AMR file, as phones record calls and voice notes",
        "wma": "a Windows Media Audio file",
        "webm": "a WebM file",
    ]

    /// How to make a recording Loa reads out of the file `name`.
    static func conversionAdvice(for name: String) -> String {
        let stem = (name as NSString).deletingPathExtension
        return "export it from the recorder as FLAC, WAV or MP3, or convert it in Audacity (File › Export › FLAC) "
            + "or with ffmpeg (ffmpeg -i '\(name)' '\(stem).flac')"
    }

    static func isSound(fileExtension: String) -> Bool { extensions.contains(fileExtension.lowercased()) }
}
