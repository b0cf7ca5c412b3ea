import CEspeakNG
import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension SpeechWorker {
    /// The worker's side (`loa speech-worker DATA VOICE RATE PITCH RANGE VOLUME MODE`):
    /// reads the sentences from standard input (each a little-endian UInt32 byte count and
    /// its UTF-8), initializes libespeak-ng with the data folder (empty: the system's),
    /// speaks them (or, in `phonemes` mode, transcribes them) and streams records to
    /// standard output, then exits.
    ///
    /// It runs first thing in a fresh `loa`, before anything starts a thread, so it can fork
    /// per sentence safely and cheaply.
    public static func serve(_ arguments: [String]) -> Never {
        guard arguments.count == 9, let rate = Int32(arguments[4]), let pitch = Int32(arguments[5]),
              let range = Int32(arguments[6]), let volume = Int32(arguments[7]),
              let mode = Mode(rawValue: arguments[8]) else {
            FileHandle.standardError.write(Data("loa speech-worker: started with the wrong arguments\n".utf8))
            exit(2)
        }
        let sentences = readRequest()
        let context = UnsafeMutablePointer<WorkerContext>.allocate(capacity: 1)
        context.initialize(to: WorkerContext(fd: 1, staging: .allocate(byteCount: WorkerContext.stagingSize, alignment: 16)))

        let dataPath = arguments[2]
        let rateHz = dataPath.isEmpty
            ? espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 500, nil, Int32(espeakINITIALIZE_DONT_EXIT))
            : espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 500, dataPath, Int32(espeakINITIALIZE_DONT_EXIT))
        guard rateHz > 0 else { end(context, .initializeFailed, rateHz) }
        espeak_SetSynthCallback(speechWorkerCallback)
        let status = espeak_SetVoiceByName(arguments[3])
        guard status == EE_OK else { end(context, .voiceFailed, status.rawValue) }
        let parameters: [(espeak_PARAMETER, Int32)] = [
            (espeakRATE, min(max(rate, Int32(espeakRATE_MINIMUM)), Int32(espeakRATE_MAXIMUM))),
            (espeakPITCH, min(max(pitch, 0), 100)), (espeakRANGE, min(max(range, 0), 100)),
            (espeakVOLUME, min(max(volume, 0), 200)),
        ]
        for (parameter, value) in parameters where espeak_SetParameter(parameter, value, 0) != EE_OK {
            writeRecord(context, Record.parameterFailed.rawValue, Int32(bitPattern: parameter.rawValue), value, 0)
            flush(context)
            exit(0)
        }
        if mode == .phonemes {
            for sentence in sentences { transcribe(sentence, context: context) }
            flush(context)
            exit(0)
        }
        let isolating = mode == .speakIsolated
        for sentence in sentences {
            guard isolating, !sentence.isEmpty else {
                speak(sentence, context: context)
                continue
            }
            // This sentence in a child forked from the state the voice was set in; what is
            // staged goes out first so that only the child writes from here.
            flush(context)
            let pid = fork()
            if pid == 0 {
                speak(sentence, context: context)
                flush(context)
                _exit(0)
            }
            guard pid > 0 else { exit(4) }
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            // A sentence that crashed espeak-ng ends the worker (the parent names the crash).
            guard status == 0 else { exit((status & 0x7f) == 0 ? (status >> 8) & 0xff : sentenceCrashed) }
        }
        flush(context)
        exit(0)
    }

    /// The request on standard input, NUL bytes read as spaces (C strings end at NUL).
    private static func readRequest() -> [[CChar]] {
        let data = FileHandle.standardInput.readDataToEndOfFile()
        var sentences: [[CChar]] = []
        var offset = 0
        while offset + 4 <= data.count {
            let length = Int(data[offset ..< offset + 4].enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << (8 * UInt32($1.offset)) })
            offset += 4
            let bytes = data[offset ..< min(offset + length, data.count)]
            offset += length
            sentences.append(bytes.isEmpty ? [] : bytes.map { $0 == 0 ? 0x20 : CChar(bitPattern: $0) } + [0])
        }
        return sentences
    }

    /// Speaks one sentence (empty: nothing) and records that it is done.
    private static func speak(_ sentence: [CChar], context: UnsafeMutablePointer<WorkerContext>) {
        var result = EE_OK
        if !sentence.isEmpty {
            result = sentence.withUnsafeBufferPointer {
                espeak_Synth($0.baseAddress, $0.count, 0, POS_CHARACTER, 0, UInt32(espeakCHARS_UTF8), nil,
                             UnsafeMutableRawPointer(context))
            }
        }
        writeRecord(context, Record.sentenceDone.rawValue, result.rawValue, 0, 0)
    }

    /// Writes espeak-ng's phonemes for one sentence (see `SpeechWorker.phonemes`) and
    /// records that it is done. espeak_TextToPhonemes stops at each clause's punctuation,
    /// so it is called until it has read the whole sentence.
    private static func transcribe(_ sentence: [CChar], context: UnsafeMutablePointer<WorkerContext>) {
        var clauses: [String] = []
        // Mnemonics (bit 0 clear), a space after each phoneme (bits 8-23: the separator).
        let mode = Int32(UInt8(ascii: " ")) << 8
        sentence.withUnsafeBufferPointer { buffer in
            guard let start = buffer.baseAddress, !buffer.isEmpty else { return }
            var position: UnsafeRawPointer? = UnsafeRawPointer(start)
            while position != nil, let clause = espeak_TextToPhonemes(&position, Int32(espeakCHARS_UTF8), mode) {
                let text = String(cString: clause).trimmingCharacters(in: .whitespaces)
                if !text.isEmpty { clauses.append(text) }
            }
        }
        var bytes = Array(clauses.joined(separator: " ‖ ").utf8)
        writeRecord(context, Record.phonemes.rawValue, Int32(bytes.count), 0, 0)
        stage(context, &bytes, bytes.count)
        writeRecord(context, Record.sentenceDone.rawValue, EE_OK.rawValue, 0, 0)
    }

    /// Sends one failure record and exits (the parent reports it).
    private static func end(_ context: UnsafeMutablePointer<WorkerContext>, _ record: Record, _ value: Int32) -> Never {
        writeRecord(context, record.rawValue, value, 0, 0)
        flush(context)
        exit(0)
    }
}

/// What the synthesis callback needs in the worker: the pipe and a staging buffer.
struct WorkerContext {
    /// Bytes the worker gathers before each write(2): one wake-up of the parent per
    /// ~half-megabyte instead of two per engine buffer.
    static let stagingSize = 1 << 19

    var fd: Int32
    var staging: UnsafeMutableRawBufferPointer
    var used = 0
}

/// espeak-ng's synthesis callback (runs in the worker): streams word events and the whole
/// sample buffer to the pipe. C-compatible; the context arrives in `user_data`.
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

/// write(2) until done; on a broken pipe the worker just exits.
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
