import Audio

/// One distinct piece of programme audio: a spoken sentence (or a jingle, or a recorded
/// bulletin) and the silence after it. A take is made once per build however many programmes air it.
public struct TakeKey: Sendable, Hashable {
    public enum Source: Sendable, Hashable {
        /// A normalized sentence in a voice profile.
        case speech(sentence: String, voice: String)
        /// An audio file from `loa.yaml` (a chime or jingle).
        case jingle(path: String)
        /// A recorded bulletin's sound: the part of the file that airs, by its checked bytes.
        case recording(RecordingCut)
    }

    public var source: Source
    /// Silence after the sound before whatever follows, in milliseconds.
    public var pauseAfterMs: Int

    public init(source: Source, pauseAfterMs: Int) {
        self.source = source
        self.pauseAfterMs = pauseAfterMs
    }
}

/// Where a take's parts lie in a programme, in frames at the output rate. Known from the
/// synthesized sound's length before the take is mastered (see `TakeMaster.layout`).
///
/// When MP3 is made, a take's length is whole MP3 frames and its sound starts after the
/// codec's delay, so programmes joined from encoded takes and the WAV masters share one
/// timeline to the sample.
public struct TakeLayout: Sendable, Hashable {
    /// Length in a programme (sound, pause, codec padding).
    public var frames: Int
    /// Where the sound starts within the take.
    public var soundOffset: Int
    /// Length of the sound.
    public var soundFrames: Int

    public init(frames: Int, soundOffset: Int, soundFrames: Int) {
        self.frames = frames
        self.soundOffset = soundOffset
        self.soundFrames = soundFrames
    }
}

/// A mastered take: levelled audio at the output rate, laid out as it lies in programmes.
public struct Take: Sendable {
    public var layout: TakeLayout
    /// Length in a programme, in frames at the output rate (sound, pause, codec padding).
    public var frames: Int { layout.frames }
    /// Where the sound starts within the take.
    public var soundOffset: Int { layout.soundOffset }
    /// Length of the sound.
    public var soundFrames: Int { layout.soundFrames }
    /// The levelled sound (`soundFrames` long) as 16-bit PCM in the build's spool, kept
    /// when WAV masters are written (or programmes rendered whole).
    public var sound: SpooledSound?
    /// The take encoded as bare MP3 frames, when MP3 is made.
    public var mp3: MP3Segment?
    /// Gating blocks of the levelled sound in its silence, to compute a programme's
    /// loudness from its takes.
    public var blocks: GatingBlocks
    /// True peak of the levelled sound, dBTP.
    public var truePeakDBTP: Double
    /// Gain applied to reach the loudness target, dB.
    public var gainDB: Double
}

/// A take's levelled sound, as the 16-bit samples WAV masters store, parked in a spool:
/// a province's levelled takes (hundreds of MB) are never all in memory.
public struct SpooledSound: Sendable {
    public let spool: SoundSpool
    public let entry: SoundSpool.Entry

    public init(spool: SoundSpool, entry: SoundSpool.Entry) {
        self.spool = spool
        self.entry = entry
    }

    /// Samples (mono frames).
    public var frames: Int { entry.count }

    /// The samples as floats (÷ 32768), for rendering a programme whole.
    public func floats() throws -> [Float] { try spool.read(entry) }
}
