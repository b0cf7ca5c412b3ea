import CEspeakNG
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs one synthesis in a forked copy of this process, so every clip starts from the same
/// engine state.
///
/// Why: libespeak-ng keeps synthesis state in function-local statics that nothing in its API
/// resets (the pitch-flutter index, the glottal cycle counter, the gain control), and
/// `espeak_Terminate` followed by `espeak_Initialize` hangs in 1.51. So two syntheses of the
/// same text in one process differ by a few samples. The engine actor initializes espeak-ng
/// once and never synthesizes itself; each `synthesize` forks, the child selects the voice and
/// speaks the sentences from that pristine state, streams samples and word events back
/// through a pipe and exits. Output then depends only on text, voice and engine data: the
/// same in every call and every process. It is still libespeak-ng in-process code (no
/// espeak-ng program is run), and a crash inside espeak-ng on odd text becomes an error
/// instead of taking `loa` down.
///
/// The child runs between `fork` and `_exit` in a multithreaded process, so it only calls C
/// functions (espeak-ng, `write`) and touches memory prepared by the parent; it never
/// allocates through the Swift runtime.
enum SpeechWorker {
    /// Exit status of a worker whose sentence, spoken in a process of its own, crashed.
    static let sentenceCrashed: Int32 = 5

    /// Held while a worker is being started (see `run`).
    private static let forkLock = NSLock()
    /// Record kinds on the pipe; each record starts with four Int32: kind, a, b, c.
    enum Record: Int32 {
        case samples = 1        // a = sample count; followed by that many Int16
        case word = 2           // a = audio position (ms), b = text position (1-based chars), c = length
        case sentenceDone = 3   // a = espeak_Synth status
        case voiceFailed = 4    // a = espeak_SetVoiceByName status
        case parameterFailed = 5 // a = parameter, b = value
    }

    /// Synthesize each sentence (empty ones are skipped) with `voice` in a forked child,
    /// streaming the audio into `assembler`.
    ///
    /// With `isolatingSentences`, the child forks again for every sentence, so each starts
    /// from the state the voice was selected in rather than where the previous sentence left
    /// the engine's statics: a sentence then sounds the same whatever it is synthesized with
    /// (a build's takes must not depend on which other stations' sentences share the call).
    /// It costs a fork per sentence (under a millisecond), so a clip read as one text does
    /// without it.
    static func run(voice: VoiceProfile, sentences: [String], isolatingSentences: Bool = false,
                    into assembler: inout ClipAssembler) throws {
        // Everything the child needs is laid out in C memory before the fork.
        let nameC = strdup(voice.espeakVoice)!
        defer { free(nameC) }
        let parameters: [(espeak_PARAMETER, Int32)] = [
            (espeakRATE, Int32(min(max(voice.rate, Int(espeakRATE_MINIMUM)), Int(espeakRATE_MAXIMUM)))),
            (espeakPITCH, Int32(min(max(voice.pitch, 0), 100))),
            (espeakRANGE, Int32(min(max(voice.pitchRange, 0), 100))),
            (espeakVOLUME, Int32(min(max(voice.volume, 0), 200))),
        ]
        let paramKeys = UnsafeMutablePointer<espeak_PARAMETER>.allocate(capacity: parameters.count)
        let paramValues = UnsafeMutablePointer<Int32>.allocate(capacity: parameters.count)
        defer { paramKeys.deallocate(); paramValues.deallocate() }
        for (i, p) in parameters.enumerated() { paramKeys[i] = p.0; paramValues[i] = p.1 }

        var texts: [UnsafeMutablePointer<CChar>?] = sentences.map { $0.isEmpty ? nil : strdup($0) }
        defer { for t in texts { free(t) } }
        let textLengths = texts.map { $0.map { strlen($0) + 1 } ?? 0 }

        // From pipe to closing our write end, no other worker may fork: its child would
        // inherit this write end and hold the pipe open (this read would wait for it to exit).
        forkLock.lock()
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else {
            forkLock.unlock()
            throw SpeechError.synthesisFailed("cannot create a pipe: \(String(cString: strerror(errno)))")
        }
        // A 1 MiB pipe (Linux F_SETPIPE_SZ = 1031) means far fewer switches between the two
        // processes than the default 64 KiB; if refused, the default still works.
        #if os(Linux)
        _ = fcntl(fds[1], 1031, Int32(1 << 20))
        #endif
        let context = UnsafeMutablePointer<WorkerContext>.allocate(capacity: 1)
        context.initialize(to: WorkerContext(fd: fds[1], staging: .allocate(byteCount: WorkerContext.stagingSize,
                                                                             alignment: 16)))
        defer { context.pointee.staging.deallocate(); context.deallocate() }

        let pid = texts.withUnsafeMutableBufferPointer { textPointers in
            textLengths.withUnsafeBufferPointer { lengths in
                forkWorker(voiceName: nameC, paramKeys: paramKeys, paramValues: paramValues,
                           paramCount: parameters.count, texts: textPointers.baseAddress!,
                           lengths: lengths.baseAddress!, count: textPointers.count,
                           isolating: isolatingSentences, context: context, readEnd: fds[0])
            }
        }
        close(fds[1])
        forkLock.unlock()
        guard pid > 0 else {
            close(fds[0])
            throw SpeechError.synthesisFailed("cannot start the speech worker: \(String(cString: strerror(errno)))")
        }
        let parsed = Result { try readRecords(fd: fds[0], count: sentences.count, into: &assembler) }
        close(fds[0])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        try parsed.get()
        let exitedNormally = (status & 0x7f) == 0
        guard exitedNormally, (status >> 8) & 0xff == 0 else {
            let code = (status >> 8) & 0xff
            throw SpeechError.synthesisFailed(!exitedNormally ? "espeak-ng crashed (signal \(status & 0x7f)) on this text"
                : code == Self.sentenceCrashed ? "espeak-ng crashed on a sentence of this text"
                : "speech worker exited with status \(code)")
        }
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
            case .voiceFailed:
                throw SpeechError.synthesisFailed("espeak_SetVoiceByName returned \(header.a)")
            case .parameterFailed:
                throw SpeechError.synthesisFailed("espeak_SetParameter(\(header.a), \(header.b)) refused")
            }
        }
        guard current == count else {
            throw SpeechError.synthesisFailed("speech worker stopped after \(current) of \(count) sentences")
        }
    }
}

/// What the synthesis callback needs in the child: the pipe and a scratch record header.
struct WorkerContext {
    /// Bytes the child gathers before each write(2): one wake-up of the parent per
    /// ~half-megabyte instead of two per engine buffer.
    static let stagingSize = 1 << 19

    var fd: Int32
    var staging: UnsafeMutableRawBufferPointer
    var used = 0
}

/// Forks; the child speaks and `_exit`s, the parent gets the child's pid (or −1).
/// Child side: C calls and pointer arithmetic only (see `SpeechWorker`).
private func forkWorker(voiceName: UnsafePointer<CChar>,
                        paramKeys: UnsafePointer<espeak_PARAMETER>, paramValues: UnsafePointer<Int32>,
                        paramCount: Int,
                        texts: UnsafePointer<UnsafeMutablePointer<CChar>?>, lengths: UnsafePointer<Int>,
                        count: Int, isolating: Bool,
                        context: UnsafeMutablePointer<WorkerContext>, readEnd: Int32) -> pid_t {
    let pid = fork()
    if pid != 0 { return pid }

    // Child.
    close(readEnd)
    let status = espeak_SetVoiceByName(voiceName)
    if status != EE_OK {
        writeRecord(context, SpeechWorker.Record.voiceFailed.rawValue, status.rawValue, 0, 0)
        flush(context)
        _exit(0)
    }
    var p = 0
    while p < paramCount {
        if espeak_SetParameter(paramKeys[p], paramValues[p], 0) != EE_OK {
            writeRecord(context, SpeechWorker.Record.parameterFailed.rawValue,
                        Int32(bitPattern: paramKeys[p].rawValue), paramValues[p], 0)
            flush(context)
            _exit(0)
        }
        p += 1
    }
    var i = 0
    while i < count {
        if isolating, texts[i] != nil {
            // Speak this sentence in a grandchild forked from the state the voice was set in;
            // what is staged goes out first so that only the grandchild writes from here.
            flush(context)
            let sentencePid = fork()
            if sentencePid == 0 {
                speakSentence(texts[i], length: lengths[i], context: context)
                flush(context)
                _exit(0)
            }
            guard sentencePid > 0 else { _exit(4) }
            var status: Int32 = 0
            while waitpid(sentencePid, &status, 0) < 0 && errno == EINTR {}
            // A sentence that crashed espeak-ng ends this worker with the same signal.
            guard status == 0 else { _exit((status & 0x7f) == 0 ? (status >> 8) & 0xff : SpeechWorker.sentenceCrashed) }
        } else {
            speakSentence(texts[i], length: lengths[i], context: context)
        }
        i += 1
    }
    flush(context)
    _exit(0)
}

/// Child side: speaks one sentence (nil: an empty one) and records that it is done.
private func speakSentence(_ text: UnsafeMutablePointer<CChar>?, length: Int,
                           context: UnsafeMutablePointer<WorkerContext>) {
    var result = EE_OK
    if let text {
        result = espeak_Synth(text, length, 0, POS_CHARACTER, 0, UInt32(espeakCHARS_UTF8), nil,
                              UnsafeMutableRawPointer(context))
    }
    writeRecord(context, SpeechWorker.Record.sentenceDone.rawValue, result.rawValue, 0, 0)
}

/// espeak-ng's synthesis callback (runs in the worker child): streams word events and the
/// whole sample buffer to the pipe. C-compatible; the context arrives in `user_data`.
func speechWorkerCallback(_ wav: UnsafeMutablePointer<Int16>?, _ count: Int32,
                          _ events: UnsafeMutablePointer<espeak_EVENT>?) -> Int32 {
    guard let events, let userData = events.pointee.user_data else { return 0 }
    let context = userData.assumingMemoryBound(to: WorkerContext.self)
    var event = events
    while event.pointee.type != espeakEVENT_LIST_TERMINATED {
        if event.pointee.type == espeakEVENT_WORD {
            writeRecord(context, SpeechWorker.Record.word.rawValue, event.pointee.audio_position,
                        event.pointee.text_position, event.pointee.length)
        }
        event += 1
    }
    if let wav, count > 0 {
        writeRecord(context, SpeechWorker.Record.samples.rawValue, count, 0, 0)
        stage(context, UnsafeRawPointer(wav), Int(count) * 2)
    }
    return 0  // 0: carry on
}

private func writeRecord(_ context: UnsafeMutablePointer<WorkerContext>,
                         _ kind: Int32, _ a: Int32, _ b: Int32, _ c: Int32) {
    if context.pointee.used + 16 > WorkerContext.stagingSize { flush(context) }
    let p = context.pointee.staging.baseAddress! + context.pointee.used
    p.storeBytes(of: kind, as: Int32.self)
    p.storeBytes(of: a, toByteOffset: 4, as: Int32.self)
    p.storeBytes(of: b, toByteOffset: 8, as: Int32.self)
    p.storeBytes(of: c, toByteOffset: 12, as: Int32.self)
    context.pointee.used += 16
}

/// Append bytes to the staging buffer, writing it out whenever it fills.
private func stage(_ context: UnsafeMutablePointer<WorkerContext>, _ bytes: UnsafeRawPointer, _ count: Int) {
    var done = 0
    while done < count {
        if context.pointee.used == WorkerContext.stagingSize { flush(context) }
        let n = min(count - done, WorkerContext.stagingSize - context.pointee.used)
        (context.pointee.staging.baseAddress! + context.pointee.used).copyMemory(from: bytes + done, byteCount: n)
        context.pointee.used += n
        done += n
    }
}

private func flush(_ context: UnsafeMutablePointer<WorkerContext>) {
    writeAll(context.pointee.fd, UnsafeRawPointer(context.pointee.staging.baseAddress!), context.pointee.used)
    context.pointee.used = 0
}

/// write(2) until done; on a broken pipe the child just exits.
private func writeAll(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) {
    var done = 0
    while done < count {
        let n = write(fd, bytes + done, count - done)
        if n < 0 {
            if errno == EINTR { continue }
            _exit(3)
        }
        done += n
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
