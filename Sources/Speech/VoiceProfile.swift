/// How one voice reads: the espeak-ng voice and the delivery settings tuned for loudspeakers.
///
/// Loaded from `Voices/<id>.yaml` by the Programme target; the engine only needs these numbers.
public struct VoiceProfile: Sendable, Hashable, Codable {
    /// Profile id, the file name without extension (`bac`, `trung`, `nam`).
    public var id: String
    /// espeak-ng voice name: `vi`, `vi-vn-x-central`, `vi-vn-x-south`.
    public var espeakVoice: String
    /// Speaking rate in words per minute (espeak-ng's 80…450).
    public var rate: Int
    /// Base pitch, 0…100.
    public var pitch: Int
    /// Pitch range, 0…100 (0 is a monotone).
    public var pitchRange: Int
    /// Volume, 0…200 (100 is espeak-ng's normal).
    public var volume: Int
    /// Silence after each sentence, in milliseconds.
    public var sentencePauseMs: Int
    /// Silence after each paragraph (and between programme items), in milliseconds.
    public var paragraphPauseMs: Int
    /// The espeak-ng data folder this voice speaks with (phoneme tables, dictionaries,
    /// voices); nil for the system's.
    public var speechData: String?
    /// Ratio of the loudspeaker compression each sentence gets after synthesis (2 is 2:1;
    /// 1 is none): see `SpeechCompressor`. It evens out vowels and consonants so the weak
    /// parts carry through a horn's noise.
    public var compressionRatio: Double

    public init(id: String, espeakVoice: String, rate: Int, pitch: Int, pitchRange: Int,
                volume: Int, sentencePauseMs: Int, paragraphPauseMs: Int, speechData: String? = nil,
                compressionRatio: Double = 1) {
        self.id = id
        self.espeakVoice = espeakVoice
        self.rate = rate
        self.pitch = pitch
        self.pitchRange = pitchRange
        self.volume = volume
        self.sentencePauseMs = sentencePauseMs
        self.paragraphPauseMs = paragraphPauseMs
        self.speechData = speechData
        self.compressionRatio = compressionRatio
    }
}
