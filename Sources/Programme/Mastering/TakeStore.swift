import Audio
import Foundation
import Speech

/// Makes every take a build needs, once, in two steps: `prepare` synthesizes every sentence
/// (a worker process per core) and learns each take's layout, so programmes can be planned
/// on real lengths; `master` then levels and encodes, on all cores, only the takes that air.
///
/// With a `TakeCache`, both steps look there first: a sentence whose length an earlier build
/// recorded is not synthesized to be planned, and a take an earlier build mastered is read
/// back, not made again. A take that airs but was never mastered, of a sentence known only
/// by its length, is synthesized when it is mastered. What is made is written to the cache.
public struct TakeStore: Sendable {
    /// Mastered takes.
    public private(set) var takes: [TakeKey: Take] = [:]
    /// Every prepared take's layout.
    public private(set) var layouts: [TakeKey: TakeLayout] = [:]
    /// Sources synthesized by this store, and takes it mastered (not found in the cache).
    public private(set) var synthesizedCount = 0, masteredCount = 0
    let voices: VoiceLibrary
    let master: TakeMaster
    /// Folder jingle paths are relative to (the folder of `loa.yaml`).
    let assetsFolder: URL
    /// Takes kept between builds, if the build has a cache.
    public let cache: TakeCache?
    /// Counts sentences synthesized and takes mastered, for a progress display.
    public var progress: BuildProgress?
    /// Raw sound waiting to be mastered: speech and recordings in the spool, jingles in memory.
    private var raw: [TakeKey.Source: RawSound] = [:]
    /// Each prepared source's sound length at the output rate.
    private var soundFrames: [TakeKey.Source: Int] = [:]
    private let spool: SoundSpool
    /// The levelled takes' PCM, for WAV masters.
    private let mastered: SoundSpool
    /// The engine `prepare` was given, for sentences synthesized only when mastered.
    private var engine: SpeechEngine?
    /// What shapes every take besides its own inputs (Loa's version and build).
    let identity: String
    /// Content names of sources and takes (the cache's entry names), once the engine's
    /// version is known.
    private var names: TakeCacheKeys?

    /// Where a source's unmastered sound is.
    private enum RawSound: Sendable {
        case spooled(SoundSpool.Entry, sampleRate: Int)
        case loaded([Float], sampleRate: Int)
    }

    /// `spoolFolder` holds the raw speech between `prepare` and `master`; `cache`, if given,
    /// is read before anything is made and given what is made. `identity` names the build of
    /// Loa in content names (the cache's own when there is one).
    public init(voices: VoiceLibrary, master: TakeMaster, assetsFolder: URL, spoolFolder: URL,
                cache: TakeCache? = nil, identity: String = "loa") throws {
        self.voices = voices
        self.identity = cache?.identity ?? identity
        self.master = master
        self.assetsFolder = assetsFolder
        self.cache = cache
        self.spool = try SoundSpool(directory: spoolFolder, name: "speech")
        self.mastered = try SoundSpool(directory: spoolFolder, name: "takes")
    }

    public subscript(key: TakeKey) -> Take? { takes[key] }

    /// Sentences synthesized per engine call: large enough to amortize the call, small
    /// enough that only a few minutes of raw sound are ever held at once.
    static let sentencesPerCall = 48

    /// Learns the layout of every key not prepared yet: from the cache where it has the
    /// source's length, else by synthesizing the source.
    public mutating func prepare(_ keys: some Sequence<TakeKey>, engine: SpeechEngine) async throws {
        self.engine = engine
        let wanted = Set(keys).filter { layouts[$0] == nil }
        var sources = Set(wanted.map(\.source)).filter { soundFrames[$0] == nil }
        let names = try await contentNames(engine)
        if let cache {
            for source in Array(sources) {
                if let frames = cache.length(try names.length(source)) {
                    soundFrames[source] = frames
                    sources.remove(source)
                }
            }
        }
        try await synthesize(sources, engine: engine)
        for key in wanted {
            layouts[key] = master.layout(soundFrames: soundFrames[key.source]!, pauseAfterMs: key.pauseAfterMs)
        }
    }

    /// A name for a prepared take's content: the SHA-256 of everything that shapes its bytes
    /// (`TakeCacheKeys`). Two takes with one name are the same bytes, in any build.
    public func contentName(of key: TakeKey) throws -> String {
        guard let names else { throw TakeStoreError("take \(key) was not prepared") }
        return try names.take(key)
    }

    /// The content names, made once the engine's version is known.
    private mutating func contentNames(_ engine: SpeechEngine) async throws -> TakeCacheKeys {
        if let names { return names }
        let made = TakeCacheKeys(identity: identity, engineVersion: try await engine.engineVersion(), voices: voices,
                                 settings: master.settings, makesMP3: master.encoder != nil, keepsSound: master.keepsSound,
                                 assetsFolder: assetsFolder)
        names = made
        return made
    }

    /// Synthesizes `sources` into the spool and records their lengths (in the cache too). A
    /// source whose length was known already (from the cache) must come out that long.
    private mutating func synthesize(_ sources: Set<TakeKey.Source>, engine: SpeechEngine) async throws {
        guard !sources.isEmpty else { return }
        progress?.synthesis.expect(sources.count)
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
                progress?.synthesis.add(sounds.count)
                if next < chunks.count {
                    let chunk = chunks[next]
                    group.addTask { try await store.sounds(for: chunk, engine: engine) }
                    next += 1
                }
            }
        }
        synthesizedCount += sources.count
        // Lengths at the output rate (resampled once here when the rates differ).
        for source in sources {
            let frames = try outputLength(of: source)
            if let known = soundFrames[source], known != frames {
                throw TakeStoreError("\(source) was recorded in the take cache as \(known) frames long and came out \(frames); "
                    + "remove the cache folder \(cache?.folder.path ?? "") and build again")
            }
            soundFrames[source] = frames
            if let cache, let names { cache.saveLength(frames, key: try names.length(source)) }
        }
    }

    /// Masters the prepared takes in `keys` that are not mastered yet, on all cores: read
    /// from the cache where it has them, else made (and given to the cache).
    public mutating func master(_ keys: some Sequence<TakeKey>) async throws {
        // Any order: each take is mastered on its own, so the bytes do not depend on it.
        var wanted = Set(keys).filter { takes[$0] == nil }
        guard !wanted.isEmpty else { return }
        progress?.mastering.expect(wanted.count)
        if let cache, let names {
            for (key, take) in try Self.found(Array(wanted), in: cache, names: names, layouts: layouts, spool: mastered,
                                                  counter: progress?.mastering) {
                takes[key] = take
                wanted.remove(key)
            }
            guard !wanted.isEmpty else { return }
        }
        // Sentences planned on a length from the cache, airing for the first time.
        let unsynthesized = Set(wanted.map(\.source)).filter { self.raw[$0] == nil }
        if !unsynthesized.isEmpty {
            guard let engine else { throw TakeStoreError("takes \(unsynthesized) were not prepared") }
            try await synthesize(unsynthesized, engine: engine)
        }
        let master = self.master, raw = self.raw, spool = self.spool, layouts = self.layouts, mastered = self.mastered
        let counter = progress?.mastering
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
                    counter?.add()
                    return (key, take)
                }
                inFlight += 1
            }
            while let result = try await group.next() { results.append(result) }
            return results
        }
        masteredCount += made.count
        for (key, take) in made {
            takes[key] = take
            if let cache, let names { cache.save(take, key: try names.take(key)) }
        }
    }

    /// The takes of `keys` the cache has, read on every core (each entry is checked by its
    /// SHA-256 as it is read).
    private static func found(_ keys: [TakeKey], in cache: TakeCache, names: TakeCacheKeys,
                              layouts: [TakeKey: TakeLayout], spool: SoundSpool,
                              counter: ProgressCounter? = nil) throws -> [(TakeKey, Take)] {
        let found = Found()
        let width = max(ProcessInfo.processInfo.activeProcessorCount, 1)
        DispatchQueue.concurrentPerform(iterations: width) { part in
            var mine: [(TakeKey, Take)] = []
            do {
                for index in stride(from: part, to: keys.count, by: width) {
                    let key = keys[index]
                    guard let layout = layouts[key] else { continue }
                    if let take = try cache.take(try names.take(key), layout: layout, spool: spool) {
                        mine.append((key, take))
                        counter?.add()
                    }
                }
            } catch {
                found.fail(error)
            }
            found.add(mine)
        }
        return try found.result()
    }

    /// What the reading threads found.
    private final class Found: @unchecked Sendable {
        private let lock = NSLock()
        private var takes: [(TakeKey, Take)] = []
        private var failure: Error?
        func add(_ more: [(TakeKey, Take)]) { lock.withLock { takes += more } }
        func fail(_ error: Error) { lock.withLock { failure = failure ?? error } }
        func result() throws -> [(TakeKey, Take)] {
            try lock.withLock {
                if let failure { throw failure }
                return takes
            }
        }
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
