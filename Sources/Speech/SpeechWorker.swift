import CEspeakNG
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs one synthesis in a worker process of its own: `loa speech-worker`, started fresh.
///
/// Why a process: libespeak-ng keeps synthesis state in statics that nothing in its API
/// resets (the pitch-flutter index, the glottal cycle counter, the gain control, the echo
/// buffer, the translator's memory of the previous clause), `espeak_Terminate` followed by
/// `espeak_Initialize` hangs in 1.51, and the data folder can be chosen only once per
/// process. So each call starts a worker, which initializes libespeak-ng with the voice's
/// data folder and speaks the sentences; its samples and word events come back through a
/// pipe. Output then depends only on text, voice and engine data, in every call and every
/// process; a crash inside espeak-ng on odd text becomes an error instead of taking `loa`
/// down; and voices on different data folders can speak in one build. It is still
/// libespeak-ng in Loa's own code, through its API (no espeak-ng program is run).
///
/// The worker is a freshly started, single-threaded program of a few megabytes, so it can
/// fork cheaply: with `isolatingSentences` it forks once per sentence (about half a
/// millisecond; forking the build itself, hundreds of megabytes, costs ten times that).
public enum SpeechWorker {
    /// The hidden subcommand of `loa` that runs a worker (see `serve`).
    public static let subcommand = "speech-worker"

    /// Record kinds on the pipe; each record starts with four Int32: kind, a, b, c.
    enum Record: Int32 {
        case samples = 1        // a = sample count; followed by that many Int16
        case word = 2           // a = audio position (ms), b = text position (1-based chars), c = length
        case sentenceDone = 3   // a = espeak_Synth status
        case voiceFailed = 4    // a = espeak_SetVoiceByName status
        case parameterFailed = 5 // a = parameter, b = value
        case initializeFailed = 6 // a = espeak_Initialize's result
        case phonemes = 7       // a = byte count; followed by that many bytes of UTF-8
    }

    /// What a worker does with its sentences (its last argument).
    enum Mode: String {
        /// Speak them one after another, as one text.
        case speak = "0"
        /// Speak each from the state the voice was set in (see `isolatingSentences`).
        case speakIsolated = "1"
        /// Write espeak-ng's phonemes for each instead of speaking it.
        case phonemes
    }

    /// Exit status of a worker whose sentence, spoken in a process of its own, crashed.
    static let sentenceCrashed: Int32 = 5

    /// The program that serves as worker: `loa` beside the running program (`loa` itself,
    /// or the test runner SwiftPM builds beside it), or `LOA_SPEECH_WORKER` when set.
    static let program: String = {
        if let path = ProcessInfo.processInfo.environment["LOA_SPEECH_WORKER"], !path.isEmpty { return path }
        let running = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: running).deletingLastPathComponent().appendingPathComponent("loa").path
    }()

    /// Synthesize each sentence (empty ones are skipped) with `voice` in a worker process,
    /// streaming the audio into `assembler`.
    ///
    /// With `isolatingSentences`, the worker forks for every sentence, so each starts from
    /// the state the voice was selected in rather than where the previous sentence left the
    /// engine: a sentence then sounds the same whatever it is synthesized with (a build's
    /// takes must not depend on which other stations' sentences share the call). A clip read
    /// as one text does without it.
    static func run(voice: VoiceProfile, sentences: [String], isolatingSentences: Bool = false,
                    into assembler: inout ClipAssembler) throws {
        try exchange(voice: voice, sentences: sentences, mode: isolatingSentences ? .speakIsolated : .speak) { fd in
            try readRecords(fd: fd, count: sentences.count, into: &assembler)
        }
    }

    /// espeak-ng's phonemes for each sentence as `voice` reads it (its data folder, its
    /// rules), one string a sentence: the phoneme mnemonics of espeak-ng's tables, each
    /// phoneme followed by a space, words apart by two, clauses by ` ‖ ` (empty sentence:
    /// empty string). From the same worker and data as synthesis, so it is how Loa reads
    /// the text, not how an installed espeak-ng would; for voice work and for tests that pin
    /// a reading (a regional initial, say) without listening.
    public static func phonemes(voice: VoiceProfile, sentences: [String]) throws -> [String] {
        var transcripts: [String] = []
        try exchange(voice: voice, sentences: sentences, mode: .phonemes) { fd in
            transcripts = try readPhonemes(fd: fd, count: sentences.count)
        }
        return transcripts
    }

    /// Starts a worker for `voice` in `mode`, sends it the sentences, hands its output to
    /// `read`, and turns a failed worker into an error.
    private static func exchange(voice: VoiceProfile, sentences: [String], mode: Mode,
                                 read: (Int32) throws -> Void) throws {
        let arguments = [program, subcommand, voice.speechData ?? "", voice.espeakVoice,
                         String(voice.rate), String(voice.pitch), String(voice.pitchRange), String(voice.volume),
                         mode.rawValue]
        var request = Data()
        for sentence in sentences {
            var length = UInt32(sentence.utf8.count).littleEndian
            withUnsafeBytes(of: &length) { request.append(contentsOf: $0) }
            request.append(contentsOf: sentence.utf8)
        }
        let worker = try WorkerProcess(arguments: arguments)
        let written = worker.send(request)
        let parsed = Result { try read(worker.output) }
        let status = worker.finish()
        try parsed.get()
        guard written else { throw SpeechError.synthesisFailed("the speech worker did not take the text") }
        let exitedNormally = (status & 0x7f) == 0
        guard exitedNormally, (status >> 8) & 0xff == 0 else {
            let code = (status >> 8) & 0xff
            throw SpeechError.synthesisFailed(!exitedNormally ? "espeak-ng crashed (signal \(status & 0x7f)) on this text"
                : code == Self.sentenceCrashed ? "espeak-ng crashed on a sentence of this text"
                : "speech worker exited with status \(code)")
        }
    }

    /// The error a worker's set-up failure record stands for (nil for other records).
    private static func setUpFailure(_ kind: Record, _ header: PipeReader.Header) -> SpeechError? {
        switch kind {
        case .voiceFailed:
            return .synthesisFailed("espeak_SetVoiceByName returned \(header.a)")
        case .parameterFailed:
            return .synthesisFailed("espeak_SetParameter(\(header.a), \(header.b)) refused")
        case .initializeFailed:
            return .initializationFailed("espeak_Initialize returned \(header.a) in the speech worker; is the speech data folder complete?")
        case .samples, .word, .sentenceDone, .phonemes:
            return nil
        }
    }

    /// Reads a phoneme worker's records: one `phonemes` and one `sentenceDone` a sentence.
    private static func readPhonemes(fd: Int32, count: Int) throws -> [String] {
        var reader = PipeReader(fd: fd)
        defer { reader.release() }
        var transcripts: [String] = []
        var pending: String?
        while let header = try reader.header() {
            guard let kind = Record(rawValue: header.kind) else {
                throw SpeechError.synthesisFailed("speech worker sent an unknown record \(header.kind)")
            }
            if let failure = setUpFailure(kind, header) { throw failure }
            switch kind {
            case .phonemes:
                guard header.a >= 0 else { throw SpeechError.synthesisFailed("speech worker sent a negative count") }
                pending = String(decoding: try reader.bytes(Int(header.a)), as: UTF8.self)
            case .sentenceDone:
                guard transcripts.count < count else { throw SpeechError.synthesisFailed("speech worker sent too many sentences") }
                transcripts.append(pending ?? "")
                pending = nil
            default:
                throw SpeechError.synthesisFailed("speech worker sent audio when asked for phonemes")
            }
        }
        guard transcripts.count == count else {
            throw SpeechError.synthesisFailed("speech worker stopped after \(transcripts.count) of \(count) sentences")
        }
        return transcripts
    }

    /// Reads the child's records until the pipe closes, feeding the assembler.
    private static func readRecords(fd: Int32, count: Int, into assembler: inout ClipAssembler) throws {
        var reader = PipeReader(fd: fd)
        defer { reader.release() }
        var current = 0
        var open = false
        while let header = try reader.header() {
            guard let kind = Record(rawValue: header.kind) else {
                throw SpeechError.synthesisFailed("speech worker sent an unknown record \(header.kind)")
            }
            if let failure = setUpFailure(kind, header) { throw failure }
            switch kind {
            case .samples, .word:
                guard current < count else { throw SpeechError.synthesisFailed("speech worker sent audio after the last sentence") }
                if !open { assembler.beginSentence(); open = true }
                if kind == .word {
                    assembler.word(ms: Int(header.a), textPosition: Int(header.b), length: Int(header.c))
                } else {
                    guard header.a >= 0 else { throw SpeechError.synthesisFailed("speech worker sent a negative count") }
                    try reader.samples(Int(header.a)) { assembler.append($0) }
                }
            case .sentenceDone:
                if header.a != EE_OK.rawValue {
                    throw SpeechError.synthesisFailed("espeak_Synth returned \(header.a) for sentence \(current + 1)")
                }
                guard current < count else { throw SpeechError.synthesisFailed("speech worker sent too many sentences") }
                if !open { assembler.beginSentence() }
                assembler.endSentence()
                open = false
                current += 1
            case .phonemes:
                throw SpeechError.synthesisFailed("speech worker sent phonemes when asked for audio")
            case .voiceFailed, .parameterFailed, .initializeFailed:
                break   // thrown above
            }
        }
        guard current == count else {
            throw SpeechError.synthesisFailed("speech worker stopped after \(current) of \(count) sentences")
        }
    }
}

/// A started worker: its pipes and process id (parent side).
private struct WorkerProcess {
    static let startLock = NSLock()

    let pid: pid_t
    let input: Int32
    let output: Int32

    /// Starts `arguments` with a pipe on its standard input and one on its standard output.
    init(arguments: [String]) throws {
        // From the pipes' creation to closing the worker's ends, no other worker may start:
        // it would inherit these ends before they are marked close-on-exec.
        WorkerProcess.startLock.lock()
        defer { WorkerProcess.startLock.unlock() }
        var toWorker: [Int32] = [0, 0], fromWorker: [Int32] = [0, 0]
        guard pipe(&toWorker) == 0 else { throw Self.failure("cannot create a pipe") }
        guard pipe(&fromWorker) == 0 else {
            close(toWorker[0]); close(toWorker[1])
            throw Self.failure("cannot create a pipe")
        }
        for fd in toWorker + fromWorker { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        // A 1 MiB pipe (Linux F_SETPIPE_SZ = 1031) means far fewer switches between the two
        // processes than the default 64 KiB; if refused, the default still works.
        #if os(Linux)
        _ = fcntl(fromWorker[1], 1031, Int32(1 << 20))
        #endif
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toWorker[0], 0)
        posix_spawn_file_actions_adddup2(&actions, fromWorker[1], 1)
        // The worker ends with `loa` on Ctrl-C and on a closed pipe, whatever `loa` ignores.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signalNumber in [SIGINT, SIGTERM, SIGHUP, SIGPIPE] { sigaddset(&defaults, signalNumber) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF))
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for arg in argv { free(arg) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, environ)
        close(toWorker[0])
        close(fromWorker[1])
        guard spawned == 0 else {
            close(toWorker[1]); close(fromWorker[0])
            throw SpeechError.synthesisFailed("cannot start the speech worker \(arguments[0]): \(String(cString: strerror(spawned)))")
        }
        self.pid = pid
        input = toWorker[1]
        output = fromWorker[0]
    }

    /// Writes the whole request and closes the worker's input (it reads all before speaking).
    func send(_ request: Data) -> Bool {
        defer { close(input) }
        return request.withUnsafeBytes { bytes in
            var done = 0
            while done < bytes.count {
                let n = write(input, bytes.baseAddress! + done, bytes.count - done)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { return false }
                done += n
            }
            return true
        }
    }

    /// Closes the output and waits for the worker; its wait status.
    func finish() -> Int32 {
        close(output)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return status
    }

    private static func failure(_ what: String) -> SpeechError {
        .synthesisFailed("\(what): \(String(cString: strerror(errno)))")
    }
}

/// Buffered reads from the worker's pipe (parent side).
private struct PipeReader {
    struct Header { var kind: Int32; var a: Int32; var b: Int32; var c: Int32 }

    let fd: Int32
    private let buffer: UnsafeMutableRawBufferPointer
    private var start = 0
    private var end = 0

    init(fd: Int32) {
        self.fd = fd
        buffer = .allocate(byteCount: 1 << 20, alignment: 16)
    }

    func release() { buffer.deallocate() }

    /// Make at least `minimum` bytes available (moving the rest to the front); false if the
    /// stream ended first.
    private mutating func fill(minimum: Int) throws -> Bool {
        while end - start < minimum {
            if start > 0 {
                if end > start { memmove(buffer.baseAddress!, buffer.baseAddress! + start, end - start) }
                end -= start
                start = 0
            }
            let n = Glibc.read(fd, buffer.baseAddress! + end, buffer.count - end)
            if n > 0 { end += n; continue }
            if n == 0 { return false }
            if errno != EINTR {
                throw SpeechError.synthesisFailed("reading from the speech worker: \(String(cString: strerror(errno)))")
            }
        }
        return true
    }

    /// The next record header; nil at a clean end of stream.
    mutating func header() throws -> Header? {
        guard try fill(minimum: 16) else {
            if end > start { throw SpeechError.synthesisFailed("speech worker stopped mid-record") }
            return nil
        }
        let p = buffer.baseAddress! + start
        start += 16
        return Header(kind: p.loadUnaligned(as: Int32.self), a: p.loadUnaligned(fromByteOffset: 4, as: Int32.self),
                      b: p.loadUnaligned(fromByteOffset: 8, as: Int32.self),
                      c: p.loadUnaligned(fromByteOffset: 12, as: Int32.self))
    }

    /// The next `count` bytes, copied out.
    mutating func bytes(_ count: Int) throws -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(count)
        while out.count < count {
            guard try fill(minimum: 1) else { throw SpeechError.synthesisFailed("speech worker stopped mid-record") }
            let n = min(count - out.count, end - start)
            out.append(contentsOf: UnsafeRawBufferPointer(start: buffer.baseAddress! + start, count: n))
            start += n
        }
        return out
    }

    /// Hand `count` samples to `body` in chunks, straight from the read buffer.
    mutating func samples(_ count: Int, _ body: (UnsafeBufferPointer<Int16>) -> Void) throws {
        var left = count
        while left > 0 {
            guard try fill(minimum: 2) else { throw SpeechError.synthesisFailed("speech worker stopped mid-buffer") }
            if (start & 1) != 0 {   // keep samples 2-byte aligned
                memmove(buffer.baseAddress!, buffer.baseAddress! + start, end - start)
                end -= start
                start = 0
            }
            let n = min(left, (end - start) / 2)
            body(UnsafeBufferPointer(start: (buffer.baseAddress! + start).assumingMemoryBound(to: Int16.self), count: n))
            start += n * 2
            left -= n
        }
    }
}
