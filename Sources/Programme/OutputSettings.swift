import Audio

/// A file format a station's pack can hold.
public enum OutputFormat: String, Sendable, Hashable, CaseIterable, Comparable {
    /// Broadcast Wave master with loudness metadata and item cue markers.
    case wav
    /// Constant-bit-rate mono MP3 for IP loudspeaker systems and download over 3G.
    case mp3
    /// WebVTT captions, one cue per sentence, for display boards and deaf listeners.
    case vtt

    public static func < (a: OutputFormat, b: OutputFormat) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// How programmes are rendered, levelled and encoded (`output:` in `loa.yaml`).
public struct OutputSettings: Sendable, Hashable {
    /// Sample rate of every file (22050 is the voices' own; 44100 and 48000 for other systems).
    public var sampleRate: Int = 22050
    /// Integrated loudness target in LUFS (EBU R128 gating). −16 suits loudspeakers and
    /// streaming; −23 for an EBU R128 broadcast chain.
    public var loudnessLUFS: Double = -16
    /// Ceiling for the true peak, in dBTP.
    public var truePeakDBTP: Double = -1
    /// MP3 bit rate, kbps, constant.
    public var mp3BitrateKbps: Int = 48
    /// LAME's algorithmic quality for MP3, 0 (best, slowest) … 9 (fastest). 7 scores as
    /// LAME's default 3 does on speech at these bit rates (wideband PESQ within 0.05), for
    /// half the CPU (`MP3SegmentEncoder`).
    public var mp3Quality: Int = MP3SegmentEncoder.defaultQuality
    /// Formats each station gets unless it names its own.
    public var formats: [OutputFormat] = [.wav, .mp3, .vtt]
    /// Audio played before the opening announcement (path relative to `loa.yaml`).
    public var openingJingle: String?
    /// Audio played after the closing announcement.
    public var closingJingle: String?

    public init() {}

    public static let supportedSampleRates = [22050, 44100, 48000]
}
