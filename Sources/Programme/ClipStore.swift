import Speech

/// Synthesizes each distinct clip once per build and keeps it for every station that airs it.
public struct ClipStore: Sendable {
    public private(set) var clips: [ClipKey: Clip] = [:]
    let voices: VoiceLibrary
    let engine: SpeechEngine

    public init(voices: VoiceLibrary, engine: SpeechEngine = .shared) {
        self.voices = voices
        self.engine = engine
    }

    /// The clip for `key`, synthesizing it on first use.
    public mutating func clip(for key: ClipKey) async throws -> Clip {
        if let clip = clips[key] { return clip }
        guard let voice = voices[key.voice] else { throw SpeechError.unknownVoice(key.voice) }
        let clip = try await engine.synthesize(paragraphs: key.paragraphs, voice: voice)
        clips[key] = clip
        return clip
    }

    public subscript(key: ClipKey) -> Clip? { clips[key] }
}
