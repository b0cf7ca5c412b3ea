/// The audio of a recorded bulletin: a file a person read (in Jrai or Bahnar, which no
/// voice speaks), named by the `recording:` line of its sidecar text file, and what Loa
/// measured of it when it was read.
///
/// The sidecar's header says when and where it airs, like any bulletin's; its body, if
/// any, is the transcript, shown in the captions and never spoken. The recording airs as
/// it is apart from its level (brought to the loudness target like a synthesized take),
/// its rate (resampled to the programme's), its channels (mixed to mono) and the silence
/// before and after the voice (trimmed, see `SoundBounds`).
public struct Recording: Sendable, Hashable {
    /// The file as the `recording:` line names it, relative to the sidecar's folder.
    public var name: String
    /// Line of `recording:` in the sidecar: every message about the recording points at it.
    public var line: Int
    /// The file as messages show it (`Bulletins/tin-jrai.flac`).
    public var file = ""
    /// The file's absolute path, which the build reads.
    public var path = ""
    /// SHA-256 of the file's bytes: approval is bound to it as to the sidecar's text.
    public var sha256 = ""
    /// The container and encoding, in libsndfile's words.
    public var format = ""
    public var sampleRate = 0
    public var channels = 0
    /// Frames decoded from the file, at `sampleRate`.
    public var frames = 0
    /// The frames that air: from just before the first sound to just after the last.
    public var sound: Range<Int> = 0..<0
    /// Integrated loudness of the channels mixed to mono, as recorded (before levelling), LUFS.
    public var loudnessLUFS = -Double.infinity

    /// A recording named on `line` of a sidecar, not read yet.
    public init(name: String, line: Int) {
        self.name = name
        self.line = line
    }

    /// Length of the whole file, in milliseconds.
    public var durationMs: Int { sampleRate > 0 ? frames * 1000 / sampleRate : 0 }

    /// Length of what airs (silence before and after trimmed), in milliseconds.
    public var soundMs: Int { sampleRate > 0 ? sound.count * 1000 / sampleRate : 0 }

    /// What the build reads to make the recording's take.
    public var cut: RecordingCut { RecordingCut(path: path, sha256: sha256, sound: sound, sampleRate: sampleRate) }

    /// A few words for people: `FLAC …, 44100 Hz, stereo, 3 min 12 s (3 min 10 s after trimming silence), -21.3 LUFS as recorded`.
    public var summary: String {
        let layout = channels == 1 ? "mono" : channels == 2 ? "stereo" : "\(channels) channels"
        return "\(format), \(sampleRate) Hz, \(layout), \(DurationText.describe(ms: durationMs)) "
            + "(\(DurationText.describe(ms: soundMs)) after trimming silence), "
            + (loudnessLUFS.isFinite ? String(format: "%.1f LUFS as recorded", loudnessLUFS) : "silent")
    }
}

/// The part of a recording a take is made of: which file (by path and by the SHA-256 of
/// the bytes that were checked and approved) and which frames of it.
public struct RecordingCut: Sendable, Hashable {
    public var path: String
    public var sha256: String
    /// Frames at the file's own rate.
    public var sound: Range<Int>
    /// The file's rate.
    public var sampleRate: Int

    public init(path: String, sha256: String, sound: Range<Int>, sampleRate: Int) {
        self.path = path
        self.sha256 = sha256
        self.sound = sound
        self.sampleRate = sampleRate
    }
}
