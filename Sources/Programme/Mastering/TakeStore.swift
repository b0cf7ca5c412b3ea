import Audio
import Foundation
import Speech

/// Makes every take a build needs, once: synthesizes the sentences (one owner of the
/// engine), then masters the takes on all cores.
public struct TakeStore: Sendable {
    public private(set) var takes: [TakeKey: Take] = [:]
    let voices: VoiceLibrary
    let master: TakeMaster
    /// Folder jingle paths are relative to (the folder of `loa.yaml`).
    let assetsFolder: URL

    public init(voices: VoiceLibrary, master: TakeMaster, assetsFolder: URL) {
        self.voices = voices
        self.master = master
        self.assetsFolder = assetsFolder
    }

    public subscript(key: TakeKey) -> Take? { takes[key] }

    /// Sentences synthesized per engine call: large enough to amortize the call, small
    /// enough that only a few minutes of raw sound are ever held at once.
    static let sentencesPerCall = 48

    /// Makes the takes in `keys` that are not made yet: a chunk of sentences is
    /// synthesized while the takes of the previous chunks are mastered on the other cores.
    public mutating func make(_ keys: some Sequence<TakeKey>, engine: SpeechEngine) async throws {
        var keysBySource: [TakeKey.Source: [TakeKey]] = [:]
        for key in Set(keys) where takes[key] == nil { keysBySource[key.source, default: []].append(key) }
        guard !keysBySource.isEmpty else { return }
        let master = self.master
        let width = max(ProcessInfo.processInfo.activeProcessorCount, 1)
        let chunks = self.chunks(of: Array(keysBySource.keys))
        let made = try await withThrowingTaskGroup(of: (TakeKey, Take).self) { group in
            var results: [(TakeKey, Take)] = []
            var inFlight = 0
            for chunk in chunks {
                for (source, sound, rate) in try await sounds(for: chunk, engine: engine) {
                    for key in keysBySource[source] ?? [] {
                        if inFlight >= width * 4, let result = try await group.next() {
                            results.append(result)
                            inFlight -= 1
                        }
                        group.addTask { (key, try master.master(sound: sound, sampleRate: rate, pauseAfterMs: key.pauseAfterMs)) }
                        inFlight += 1
                    }
                }
            }
            while let result = try await group.next() { results.append(result) }
            return results
        }
        for (key, take) in made { takes[key] = take }
    }

    /// Work in a fixed order: jingles, then each voice's sentences sorted, in chunks.
    private func chunks(of sources: [TakeKey.Source]) -> [[TakeKey.Source]] {
        var jingles: [TakeKey.Source] = []
        var byVoice: [String: [String]] = [:]
        for source in sources {
            switch source {
            case .speech(let sentence, let voice): byVoice[voice, default: []].append(sentence)
            case .jingle: jingles.append(source)
            }
        }
        var chunks: [[TakeKey.Source]] = jingles.isEmpty ? [] : [jingles.sorted { "\($0)" < "\($1)" }]
        for voice in byVoice.keys.sorted() {
            let sentences = byVoice[voice]!.sorted()
            for start in stride(from: 0, to: sentences.count, by: Self.sentencesPerCall) {
                chunks.append(sentences[start..<min(start + Self.sentencesPerCall, sentences.count)]
                    .map { .speech(sentence: $0, voice: voice) })
            }
        }
        return chunks
    }

    /// The raw sound of one chunk: its sentences in one engine call (one voice a chunk),
    /// cut back into sentences by the clip's timings; or its jingles, read from disk.
    private func sounds(for chunk: [TakeKey.Source], engine: SpeechEngine) async throws -> [(TakeKey.Source, [Float], Int)] {
        var sentences: [String] = []
        var voiceID = ""
        var result: [(TakeKey.Source, [Float], Int)] = []
        for source in chunk {
            switch source {
            case .speech(let sentence, let voice):
                sentences.append(sentence)
                voiceID = voice
            case .jingle(let path):
                let audio = try AudioFile.read(assetsFolder.appendingPathComponent(path))
                result.append((source, Self.mono(audio), audio.sampleRate))
            }
        }
        guard !sentences.isEmpty else { return result }
        guard var profile = voices[voiceID] else { throw SpeechError.unknownVoice(voiceID) }
        // Pauses are the takes' business; synthesize the sentences back to back.
        profile.sentencePauseMs = 0
        profile.paragraphPauseMs = 0
        let clip = try await engine.synthesize(paragraphs: sentences.map { [$0] }, voice: profile)
        var cut = [[Float]](repeating: [], count: sentences.count)
        for timing in clip.sentences where timing.index < sentences.count {
            cut[timing.index] = clip.samples[timing.startFrame..<timing.endFrame].map { Float($0) / 32768 }
        }
        for (index, sentence) in sentences.enumerated() {
            result.append((.speech(sentence: sentence, voice: voiceID), cut[index], clip.sampleRate))
        }
        return result
    }

    /// Averages a file's channels into one.
    static func mono(_ audio: DecodedAudio) -> [Float] {
        guard audio.channels > 1 else { return audio.samples }
        let channels = audio.channels
        return (0..<audio.frames).map { frame in
            var sum: Float = 0
            for c in 0..<channels { sum += audio.samples[frame * channels + c] }
            return sum / Float(channels)
        }
    }
}
