import Audio
import Foundation
import Speech

/// Makes every take a build needs, once, in two steps: `prepare` synthesizes every sentence
/// (a worker process per core) and learns each take's layout, so programmes can be planned
/// on real lengths; `master` then levels and encodes, on all cores, only the takes that air.
public struct TakeStore: Sendable {
    /// Mastered takes.
    public private(set) var takes: [TakeKey: Take] = [:]
    /// Every prepared take's layout.
    public private(set) var layouts: [TakeKey: TakeLayout] = [:]
    let voices: VoiceLibrary
    let master: TakeMaster
    /// Folder jingle paths are relative to (the folder of `loa.yaml`).
    let assetsFolder: URL
    /// Raw sound waiting to be mastered: speech and recordings in the spool, jingles in memory.
    private var raw: [TakeKey.Source: RawSound] = [:]
    private let spool: SoundSpool
    /// The levelled takes' PCM, for WAV masters.
    private let mastered: SoundSpool

    /// Where a source's unmastered sound is.
    private enum RawSound: Sendable {
        case spooled(SoundSpool.Entry, sampleRate: Int)
        case loaded([Float], sampleRate: Int)
    }

    /// `spoolFolder` holds the raw speech between `prepare` and `master`.
    public init(voices: VoiceLibrary, master: TakeMaster, assetsFolder: URL, spoolFolder: URL) throws {
        self.voices = voices
        self.master = master
        self.assetsFolder = assetsFolder
        self.spool = try SoundSpool(directory: spoolFolder, name: "speech")
        self.mastered = try SoundSpool(directory: spoolFolder, name: "takes")
    }

    public subscript(key: TakeKey) -> Take? { takes[key] }

    /// Sentences synthesized per engine call: large enough to amortize the call, small
    /// enough that only a few minutes of raw sound are ever held at once.
    static let sentencesPerCall = 48

    /// Synthesizes the sources of `keys` not prepared yet and records every key's layout.
    public mutating func prepare(_ keys: some Sequence<TakeKey>, engine: SpeechEngine) async throws {
        let wanted = Set(keys).filter { layouts[$0] == nil }
        let sources = Set(wanted.map(\.source)).filter { raw[$0] == nil }
        // One chunk per core at a time: each engine call runs in its own worker process.
        let store = self, chunks = self.chunks(of: Array(sources))
        let width = max(ProcessInfo.processInfo.activeProcessorCount, 1)
        try await withThrowingTaskGroup(of: [(TakeKey.Source, RawSound)].self) { group in
            var next = 0
            while next < min(width, chunks.count) {
                let chunk = chunks[next]
                group.addTask { try await store.sounds(for: chunk, engine: engine) }
                next += 1
            }
            while let sounds = try await group.next() {
                for (source, sound) in sounds { raw[source] = sound }
                if next < chunks.count {
                    let chunk = chunks[next]
                    group.addTask { try await store.sounds(for: chunk, engine: engine) }
                    next += 1
                }
            }
        }
        // Lengths at the output rate (resampled once here when the rates differ).
        var soundFrames: [TakeKey.Source: Int] = [:]
        for key in wanted {
            if soundFrames[key.source] == nil { soundFrames[key.source] = try outputLength(of: key.source) }
            layouts[key] = master.layout(soundFrames: soundFrames[key.source]!, pauseAfterMs: key.pauseAfterMs)
        }
    }

    /// Masters the prepared takes in `keys` that are not mastered yet, on all cores.
    public mutating func master(_ keys: some Sequence<TakeKey>) async throws {
        // Any order: each take is mastered on its own, so the bytes do not depend on it.
        let wanted = Set(keys).filter { takes[$0] == nil }
        guard !wanted.isEmpty else { return }
        let master = self.master, raw = self.raw, spool = self.spool, layouts = self.layouts, mastered = self.mastered
        let width = max(ProcessInfo.processInfo.activeProcessorCount, 1)
        let made = try await withThrowingTaskGroup(of: (TakeKey, Take).self) { group in
            var results: [(TakeKey, Take)] = []
            var inFlight = 0
            for key in wanted {
                guard let source = raw[key.source] else { throw TakeStoreError("take \(key) was not prepared, or its raw sound was released") }
                if inFlight >= width * 2, let result = try await group.next() {
                    results.append(result)
                    inFlight -= 1
                }
                group.addTask {
                    let (sound, rate) = try Self.load(source, from: spool)
                    let take = try master.master(sound: sound, sampleRate: rate, pauseAfterMs: key.pauseAfterMs,
                                                 keeping: mastered)
                    guard take.layout == layouts[key] else {
                        throw TakeStoreError("take \(key) came out \(take.layout), planned as \(String(describing: layouts[key]))")
                    }
                    return (key, take)
                }
                inFlight += 1
            }
            while let result = try await group.next() { results.append(result) }
            return results
        }
        for (key, take) in made { takes[key] = take }
    }

    /// Lets go of the raw speech once every take that airs is mastered; a later `master`
    /// of a take not mastered yet fails.
    public mutating func releaseRawSound() {
        raw = [:]
        spool.release()
    }

    private static func load(_ sound: RawSound, from spool: SoundSpool) throws -> ([Float], Int) {
        switch sound {
        case .spooled(let entry, let rate): return (try spool.read(entry), rate)
        case .loaded(let samples, let rate): return (samples, rate)
        }
    }

    /// Length of a prepared source's sound at the output rate.
    private func outputLength(of source: TakeKey.Source) throws -> Int {
        guard let sound = raw[source] else { return 0 }
        let rate: Int, count: Int
        switch sound {
        case .spooled(let entry, let r): (rate, count) = (r, entry.count)
        case .loaded(let samples, let r): (rate, count) = (r, samples.count)
        }
        if rate == master.settings.sampleRate || count == 0 { return count }
        return try master.resampled(try Self.load(sound, from: spool).0, from: rate).count
    }

    /// Work in a fixed order: jingles, each recording on its own, then each voice's
    /// sentences sorted, in chunks.
    private func chunks(of sources: [TakeKey.Source]) -> [[TakeKey.Source]] {
        var jingles: [TakeKey.Source] = []
        var recordings: [RecordingCut] = []
        var byVoice: [String: [String]] = [:]
        for source in sources {
            switch source {
            case .speech(let sentence, let voice): byVoice[voice, default: []].append(sentence)
            case .jingle: jingles.append(source)
            case .recording(let cut): recordings.append(cut)
            }
        }
        var chunks: [[TakeKey.Source]] = jingles.isEmpty ? [] : [jingles.sorted { "\($0)" < "\($1)" }]
        chunks += recordings.sorted { ($0.path, $0.sha256, $0.sound.lowerBound) < ($1.path, $1.sha256, $1.sound.lowerBound) }
            .map { [.recording($0)] }
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
    /// cut back into sentences by the clip's timings and spooled; or its jingles, read from
    /// disk; or a recording, read from its file at the output rate and spooled.
    private func sounds(for chunk: [TakeKey.Source], engine: SpeechEngine) async throws -> [(TakeKey.Source, RawSound)] {
        var sentences: [String] = []
        var voiceID = ""
        var result: [(TakeKey.Source, RawSound)] = []
        for source in chunk {
            switch source {
            case .speech(let sentence, let voice):
                sentences.append(sentence)
                voiceID = voice
            case .jingle(let path):
                let audio = try AudioFile.read(assetsFolder.appendingPathComponent(path))
                result.append((source, .loaded(Self.mono(audio), sampleRate: audio.sampleRate)))
            case .recording(let cut):
                // Minutes of sound: it waits in the spool, already at the output rate.
                let rate = master.settings.sampleRate
                let sound = try RecordingSound.read(cut, outputRate: rate)
                result.append((source, .spooled(try spool.append(AudioFile.pcm16(sound)[...]), sampleRate: rate)))
            }
        }
        guard !sentences.isEmpty else { return result }
        guard var profile = voices[voiceID] else { throw SpeechError.unknownVoice(voiceID) }
        // Pauses are the takes' business; synthesize the sentences back to back.
        profile.sentencePauseMs = 0
        profile.paragraphPauseMs = 0
        // Each sentence from the same engine state: a take is the same bytes whichever
        // sentences share its chunk, so a station's files do not depend on the others built.
        let clip = try await engine.synthesize(paragraphs: sentences.map { [$0] }, voice: profile,
                                               isolatingSentences: true)
        var cut = [SoundSpool.Entry?](repeating: nil, count: sentences.count)
        for timing in clip.sentences where timing.index < sentences.count {
            cut[timing.index] = try spool.append(clip.samples[timing.startFrame..<timing.endFrame])
        }
        for (index, sentence) in sentences.enumerated() {
            let entry = try cut[index] ?? spool.append([])
            result.append((.speech(sentence: sentence, voice: voiceID), .spooled(entry, sampleRate: clip.sampleRate)))
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
