import Audio
import CEspeakNG
import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// An espeak-ng voice installed on this machine.
public struct EngineVoice: Sendable, Hashable {
    /// espeak-ng's display name, e.g. `Vietnamese_(Northern)`.
    public var name: String
    /// Language tags the voice serves, best first, e.g. `["vi"]`; any of them selects it.
    public var languages: [String]
    /// The voice file within espeak-ng-data/voices, e.g. `aav/vi`.
    public var identifier: String

    public init(name: String, languages: [String], identifier: String) {
        self.name = name
        self.languages = languages
        self.identifier = identifier
    }
}

/// Errors from the speech engine, each saying what to do.
public enum SpeechError: Error, CustomStringConvertible, Sendable {
    case initializationFailed(String)
    case unknownVoice(String)
    case synthesisFailed(String)

    public var description: String {
        switch self {
        case .initializationFailed(let s): return "espeak-ng could not start: \(s)"
        case .unknownVoice(let v): return "espeak-ng has no voice '\(v)'; run `loa voices` to list them"
        case .synthesisFailed(let s): return "espeak-ng synthesis failed: \(s)"
        }
    }
}

/// The one owner of libespeak-ng in this process (its state is global and not thread-safe).
///
/// Every call into the library happens on this actor, so calls never overlap. Output is
/// deterministic: voice and parameters are set again before every `synthesize`, and the
/// engine has no randomness for these voices, so the same text and profile give the same
/// samples in any order and in any process (see SpeechTests).
public actor SpeechEngine {
    public static let shared = SpeechEngine()

    /// Samples whose magnitude is at or below this count as silence when trimming the ends
    /// of a sentence (−60 dBFS). Fixed, so trimming is deterministic.
    public static let silenceThreshold: Int16 = 32

    /// The output rate reported by `espeak_Initialize`, once it has run.
    private var initializedRate: Int?

    /// `espeak_ListVoices`, once read.
    private var installedVoices: [EngineVoice]?

    private init() {}

    /// Synthesize sentences grouped in paragraphs, with the profile's pauses between them.
    ///
    /// Each sentence is synthesized on its own and trimmed of leading and trailing silence;
    /// `voice.sentencePauseMs` of digital silence separates sentences in a paragraph and
    /// `voice.paragraphPauseMs` separates paragraphs. The clip has no silence at either end.
    /// A sentence that makes no sound (empty, punctuation only) adds no audio and no pause;
    /// its timing is an empty range where it would have been.
    ///
    /// With `isolatingSentences`, every sentence starts from the same engine state, so its
    /// samples do not depend on the sentences before it in the call (see `SpeechWorker`).
    ///
    /// The engine is set up on this actor (to check the voice); the synthesis itself runs in
    /// a worker process (`SpeechWorker`) that this call waits for on a dispatch thread, so
    /// several calls can synthesize at once without holding the actor or a Swift concurrency
    /// thread.
    public nonisolated func synthesize(paragraphs: [[String]], voice: VoiceProfile,
                                       isolatingSentences: Bool = false) async throws -> Clip {
        let rate = try await prepare(voice: voice)
        return try await Self.onDispatchThread {
            try Self.render(paragraphs: paragraphs, voice: voice, rate: rate, isolatingSentences: isolatingSentences)
        }
    }

    /// espeak-ng's phonemes for each sentence as `voice` reads it, one string a sentence
    /// (see `SpeechWorker.phonemes`): what the voice's data and rules make of the text,
    /// read in a worker as synthesis is, so nothing is spoken.
    public nonisolated func phonemes(sentences: [String], voice: VoiceProfile) async throws -> [String] {
        _ = try await prepare(voice: voice)
        let texts = sentences.map { String($0.trimmingWhitespace()).replacingNUL() }
        return try await Self.onDispatchThread { try SpeechWorker.phonemes(voice: voice, sentences: texts) }
    }

    /// Runs `work` (which waits on a worker process) on a dispatch thread, so the wait holds
    /// neither this actor nor a Swift concurrency thread.
    private static func onDispatchThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
        }
    }

    /// Initializes the engine once and checks the voice; returns the engine's sample rate.
    private func prepare(voice: VoiceProfile) throws -> Int {
        let rate = try ensureInitialized()
        try checkVoice(voice.espeakVoice)
        return rate
    }

    /// Synthesizes in a worker process and assembles the clip (see `synthesize`).
    private static func render(paragraphs: [[String]], voice: VoiceProfile, rate: Int,
                               isolatingSentences: Bool) throws -> Clip {
        // Trim whitespace first: an empty sentence never reaches espeak-ng.
        var texts: [String] = []
        var assembler = ClipAssembler(sentencePause: Self.frames(ms: voice.sentencePauseMs, rate: rate),
                                      paragraphPause: Self.frames(ms: voice.paragraphPauseMs, rate: rate),
                                      sampleRate: rate, threshold: Self.silenceThreshold)
        for paragraph in paragraphs {
            for (i, sentence) in paragraph.enumerated() {
                let trimmed = sentence.trimmingWhitespace()
                // A NUL would end the C string early: read it as a space (offsets stay valid).
                texts.append(String(trimmed).replacingNUL())
                assembler.plan(startsParagraph: i == 0,
                               leadingCharacters: sentence.unicodeScalars.distance(from: sentence.startIndex,
                                                                                   to: trimmed.startIndex))
            }
        }
        // Reserve once instead of growing (each growth copies and faults in fresh pages).
        // Measured: about 19 bytes of normalized Vietnamese per second of audio at 135 wpm;
        // 10 bytes a second covers the slowest rate. Untouched reserve costs nothing.
        assembler.reserve(frames: texts.reduce(0) { $0 + $1.utf8.count } * rate / 10)
        if texts.contains(where: { !$0.isEmpty }) {
            try SpeechWorker.run(voice: voice, sentences: texts, isolatingSentences: isolatingSentences,
                                 into: &assembler)
        } else {
            for _ in texts { assembler.beginSentence(); assembler.endSentence() }
        }
        // `consume`: the clip takes the assembler's buffer. Without it the assembler still
        // held the samples, and compressing them copied the whole clip first (page faults
        // and about 4 % of `loa say` on bench/synthesis's 30 KB text).
        var clip = (consume assembler).clip()
        if voice.compressionRatio > 1 {
            clip.compressSentences(with: SpeechCompressor(ratio: voice.compressionRatio))
        }
        return clip
    }

    /// Output sample rate of the engine (22050 Hz for espeak-ng).
    public func sampleRate() throws -> Int { try ensureInitialized() }

    /// Voices installed for espeak-ng, in espeak-ng's order (read once per process).
    public func availableVoices() throws -> [EngineVoice] {
        if let voices = installedVoices { return voices }
        try ensureInitialized()
        guard let list = espeak_ListVoices(nil) else { return [] }
        var voices: [EngineVoice] = []
        var i = 0
        while let entry = list[i] {
            let v = entry.pointee
            voices.append(EngineVoice(name: v.name.map { String(cString: $0) } ?? "",
                                      languages: Self.languages(v.languages),
                                      identifier: v.identifier.map { String(cString: $0) } ?? ""))
            i += 1
        }
        installedVoices = voices
        return voices
    }

    /// espeak-ng's version string, e.g. "1.51".
    public func engineVersion() throws -> String {
        try ensureInitialized()
        guard let info = espeak_Info(nil) else { return "unknown" }
        return String(cString: info)
    }

    // MARK: - Internals

    @discardableResult
    private func ensureInitialized() throws -> Int {
        if let rate = initializedRate { return rate }
        // Synchronous: espeak_Synth returns after the callback has seen every sample.
        // DONT_EXIT: report a missing espeak-ng-data instead of exiting the process.
        let rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, Self.bufferMs, nil,
                                     Int32(espeakINITIALIZE_DONT_EXIT))
        guard rate > 0 else {
            throw SpeechError.initializationFailed("espeak_Initialize returned \(rate); is espeak-ng-data installed?")
        }
        // A worker that dies before reading its text must give an error, not kill `loa`.
        signal(SIGPIPE, SIG_IGN)
        initializedRate = Int(rate)
        return Int(rate)
    }

    /// Length of espeak-ng's internal buffer in ms: larger means fewer callbacks.
    private static let bufferMs: Int32 = 500

    /// Throws `unknownVoice` unless espeak-ng lists a voice by this name, language or file.
    private func checkVoice(_ name: String) throws {
        let wanted = name.lowercased()
        let known = try availableVoices().contains { v in
            v.name.lowercased() == wanted || v.identifier.lowercased() == wanted
                || v.languages.contains(wanted)
                || v.identifier.split(separator: "/").last.map { $0.lowercased() == wanted } == true
        }
        guard known, !name.isEmpty else { throw SpeechError.unknownVoice(name) }
    }

    private static func frames(ms: Int, rate: Int) -> Int {
        max(0, (ms * rate + 500) / 1000)
    }

    /// Parses espeak-ng's language list: (priority byte, NUL-terminated tag)…, then a 0 byte.
    private static func languages(_ pointer: UnsafePointer<CChar>?) -> [String] {
        guard var p = pointer else { return [] }
        var result: [String] = []
        while p.pointee != 0 {          // priority byte; 0 ends the list
            p += 1
            let tag = String(cString: p)
            result.append(tag)
            p += tag.utf8.count + 1
        }
        return result
    }
}

extension String {
    fileprivate func replacingNUL() -> String {
        guard utf8.contains(0) else { return self }
        return String(String.UnicodeScalarView(unicodeScalars.map { $0 == "\0" ? " " : $0 }))
    }

    fileprivate func trimmingWhitespace() -> Substring {
        let isSpace: (Character) -> Bool = { $0.isWhitespace || $0 == "\0" }
        guard let start = firstIndex(where: { !isSpace($0) }),
              let end = lastIndex(where: { !isSpace($0) }) else { return "" }
        return self[start ... end]
    }
}
