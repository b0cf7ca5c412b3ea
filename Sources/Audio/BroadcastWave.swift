import Foundation
import CSndfile

/// The `bext` chunk of a Broadcast Wave file (EBU Tech 3285 v2), as Loa fills it.
///
/// Text fields are ASCII in the standard: Vietnamese is written without diacritics
/// (`Thông báo` → `Thong bao`, `đ` → `d`) and cut to the field's length. The full UTF-8
/// title goes in the file's INFO list (`title`).
public struct BroadcastInfo: Sendable, Hashable {
    /// What the file holds, e.g. the programme and station (256 bytes).
    public var description: String
    /// Who made it (32 bytes).
    public var originator: String
    /// The maker's own reference, e.g. a programme id (32 bytes).
    public var originatorReference: String
    /// `yyyy-mm-dd`.
    public var originationDate: String
    /// `hh:mm:ss`.
    public var originationTime: String
    /// Frames since midnight at the first sample (where the programme sits in the day).
    public var timeReference: UInt64
    /// Coding history, one line per process, e.g. `A=PCM,F=22050,W=16,M=mono,T=Loa`.
    public var codingHistory: String
    /// Loudness of the whole file, written to the v2 loudness fields when present.
    public var loudness: LoudnessReport?
    /// Title for the INFO list (UTF-8, any length); not part of `bext`.
    public var title: String?

    public init(description: String, originator: String = "Loa", originatorReference: String = "",
                originationDate: String, originationTime: String, timeReference: UInt64 = 0,
                codingHistory: String = "", loudness: LoudnessReport? = nil, title: String? = nil) {
        self.description = description
        self.originator = originator
        self.originatorReference = originatorReference
        self.originationDate = originationDate
        self.originationTime = originationTime
        self.timeReference = timeReference
        self.codingHistory = codingHistory
        self.loudness = loudness
        self.title = title
    }
}

/// A labelled point in a file (a `cue ` point with its label), e.g. where each item starts.
///
/// libsndfile 1.2 writes `cue ` points but not their labels (it has no `adtl`/`labl`
/// writer), so Loa also lists the labels in the INFO comment, one `cue <id>: <label>` line
/// each, and `readTags` takes them from there when the cue points carry none. That list is
/// capped near 2 KiB (libsndfile's INFO reader limit): about 100 short labels.
public struct CueMarker: Sendable, Hashable {
    /// Cue id, unique in the file.
    public var id: Int
    /// Frame the marker points at.
    public var frame: Int
    /// Label shown by editors and players (ASCII, up to 255 bytes; folded like `BroadcastInfo`).
    public var label: String

    public init(id: Int, frame: Int, label: String) {
        self.id = id
        self.frame = frame
        self.label = label
    }
}

/// What a file says about itself besides the audio.
public struct AudioTags: Sendable, Hashable {
    public var title: String?
    /// The `bext` chunk as read back; text fields as stored (ASCII), loudness fields only.
    public var broadcast: BroadcastFields?
    public var cues: [CueMarker]
}

/// The `bext` fields as stored in a file.
public struct BroadcastFields: Sendable, Hashable {
    public var description: String
    public var originator: String
    public var originatorReference: String
    public var originationDate: String
    public var originationTime: String
    public var timeReference: UInt64
    public var version: Int
    public var codingHistory: String
    /// Loudness fields in LUFS / LU / dBTP (nil where the file says "not set", 0x7FFF).
    public var loudnessValue: Double?
    public var loudnessRange: Double?
    public var maxTruePeakLevel: Double?
    public var maxMomentaryLoudness: Double?
    public var maxShortTermLoudness: Double?
}

extension AudioFile {
    /// Write a 16-bit PCM Broadcast Wave file: `bext` chunk from `info`, `cue ` points from
    /// `cues`, title in the INFO list. Float samples are clipped to −1…1 and rounded.
    public static func writeBWF(_ samples: [Float], sampleRate: Int, channels: Int = 1,
                                info: BroadcastInfo, cues: [CueMarker], to url: URL) throws {
        try withAtomicFile(url) { tmp in
            let file = try SoundFile(writing: tmp, finalPath: url.path, sampleRate: sampleRate,
                                     channels: channels, format: Int32(SF_FORMAT_WAV | SF_FORMAT_PCM_16))
            defer { file.close() }
            try describe(file, info: info, cues: cues, path: url.path)
            try file.write(samples)
            try file.close(checked: true)
        }
    }

    /// The bytes of a 16-bit mono Broadcast Wave file that come before its samples, for a
    /// file of `frames` frames whose samples are written after them by the caller (streamed
    /// from takes, never held whole). libsndfile writes the chunks exactly as `writeBWF`
    /// does (`fmt `, `LIST`/INFO, `bext`, `cue `, then `data` last), for no samples; the
    /// RIFF and `data` sizes are then set for `frames`.
    public static func broadcastWaveHeader(frames: Int, sampleRate: Int, info: BroadcastInfo,
                                           cues: [CueMarker]) throws -> [UInt8] {
        let memory = MemoryFile()
        let file = try SoundFile(writingTo: memory, sampleRate: sampleRate, channels: 1,
                                 format: Int32(SF_FORMAT_WAV | SF_FORMAT_PCM_16))
        try describe(file, info: info, cues: cues, path: "<header>")
        try file.close(checked: true)
        var header = memory.bytes
        let dataBytes = frames * 2
        // The data chunk must be the last thing written: its 8-byte header ends the bytes.
        guard header.count >= 20, Array(header[(header.count - 8)..<(header.count - 4)]) == Array("data".utf8),
              header[(header.count - 4)...].allSatisfy({ $0 == 0 }), header.count - 8 + dataBytes <= Int(UInt32.max) else {
            throw AudioFileError.writeFailed(path: "<header>", reason: "libsndfile's WAV layout was not header then data")
        }
        func put(_ value: Int, at offset: Int) {
            for i in 0..<4 { header[offset + i] = UInt8(truncatingIfNeeded: value >> (8 * i)) }
        }
        put(header.count - 8 + dataBytes, at: 4)
        put(dataBytes, at: header.count - 4)
        return header
    }

    /// The float samples as the 16-bit PCM `writeBWF` stores (libsndfile's conversion with
    /// clipping on: × 32768, rounded to nearest, clipped to −32768…32767), so a file
    /// streamed from these has the same bytes as one libsndfile wrote from the floats.
    public static func pcm16(_ samples: [Float]) -> [Int16] {
        samples.map { sample in
            let scaled = sample * 32768
            if scaled >= 32767 { return 32767 }
            if scaled <= -32768 { return -32768 }
            return Int16(lrintf(scaled))
        }
    }

    /// 16-bit PCM as float samples (−1…1, `value / 32768`, the scale libsndfile reads 16-bit
    /// PCM at): the inverse of `pcm16` for every value it makes.
    public static func floats(_ samples: [Int16]) -> [Float] {
        samples.map { Float($0) / 32768 }
    }

    /// The `bext` chunk, cue points and INFO strings of a Broadcast Wave file being written.
    private static func describe(_ file: SoundFile, info: BroadcastInfo, cues: [CueMarker], path: String) throws {
        _ = file.command(Int32(SFC_SET_CLIPPING), int: Int32(SF_TRUE))
        var bext = broadcastStruct(info)
        guard file.command(Int32(SFC_SET_BROADCAST_INFO), &bext) else {
            throw AudioFileError.writeFailed(path: path, reason: "bext refused: \(file.error)")
        }
        if !cues.isEmpty {
            try setCues(cues, on: file, path: path)
        }
        if let title = info.title, !title.isEmpty { try file.setString(Int32(SF_STR_TITLE), title) }
        try file.setString(Int32(SF_STR_SOFTWARE), "Loa")
        if !cues.isEmpty {
            try file.setString(Int32(SF_STR_COMMENT), cueComment(cues))
        }
    }

    /// Read the title, `bext` fields and cue points of a file (any format libsndfile opens;
    /// absent parts are nil or empty).
    public static func readTags(_ url: URL) throws -> AudioTags {
        var info = SF_INFO()
        guard let handle = sf_open(url.path, Int32(SFM_READ), &info) else {
            throw AudioFileError.cannotOpen(path: url.path, reason: String(cString: sf_strerror(nil)))
        }
        defer { sf_close(handle) }
        let title = sf_get_string(handle, Int32(SF_STR_TITLE)).map { String(cString: $0) }

        var broadcast: BroadcastFields?
        var bext = SF_BROADCAST_INFO()
        if sf_command(handle, Int32(SFC_GET_BROADCAST_INFO), &bext, Int32(MemoryLayout<SF_BROADCAST_INFO>.size)) == Int32(SF_TRUE) {
            func lu(_ v: Int16) -> Double? { v == 0x7FFF ? nil : Double(v) / 100 }
            broadcast = BroadcastFields(
                description: string(&bext.description), originator: string(&bext.originator),
                originatorReference: string(&bext.originator_reference),
                originationDate: string(&bext.origination_date), originationTime: string(&bext.origination_time),
                timeReference: UInt64(bext.time_reference_high) << 32 | UInt64(bext.time_reference_low),
                version: Int(bext.version),
                codingHistory: withUnsafeBytes(of: &bext.coding_history) {
                    String(decoding: $0.prefix(Int(min(bext.coding_history_size, 256))).prefix { $0 != 0 }, as: UTF8.self)
                },
                loudnessValue: lu(bext.loudness_value), loudnessRange: lu(bext.loudness_range),
                maxTruePeakLevel: lu(bext.max_true_peak_level),
                maxMomentaryLoudness: lu(bext.max_momentary_loudness),
                maxShortTermLoudness: lu(bext.max_shortterm_loudness))
        }

        var cues: [CueMarker] = []
        var count: UInt32 = 0
        sf_command(handle, Int32(SFC_GET_CUE_COUNT), &count, Int32(MemoryLayout<UInt32>.size))
        if count > 0 {
            let (buffer, size) = cueBuffer(count: Int(count))
            defer { buffer.deallocate() }
            if sf_command(handle, Int32(SFC_GET_CUE), buffer.baseAddress, Int32(size)) == Int32(SF_TRUE) {
                let stored = Int(buffer.load(as: UInt32.self))
                let points = (buffer.baseAddress! + cuePointsOffset).assumingMemoryBound(to: SF_CUE_POINT.self)
                for i in 0 ..< min(stored, Int(count)) {
                    var p = points[i]
                    cues.append(CueMarker(id: Int(p.indx), frame: Int(p.sample_offset), label: string(&p.name)))
                }
            }
        }
        // Labels libsndfile could not store with the points come from the INFO comment.
        if cues.contains(where: { $0.label.isEmpty }), let comment = sf_get_string(handle, Int32(SF_STR_COMMENT)) {
            var labels: [Int: String] = [:]
            for line in String(cString: comment).split(separator: "\n") where line.hasPrefix("cue ") {
                let parts = line.dropFirst(4).split(separator: ":", maxSplits: 1)
                if parts.count == 2, let id = Int(parts[0]) {
                    labels[id] = String(parts[1].drop { $0 == " " })
                }
            }
            for i in cues.indices where cues[i].label.isEmpty {
                cues[i].label = labels[cues[i].id] ?? ""
            }
        }
        return AudioTags(title: title, broadcast: broadcast, cues: cues)
    }

    // MARK: - bext and cue plumbing

    /// libsndfile reads INFO strings up to about 2 KiB back (longer ones are dropped whole),
    /// so the label list keeps whole lines up to this many bytes.
    static let cueCommentLimit = 2000

    /// `cue <id>: <label>` lines, as many as fit in `cueCommentLimit`.
    static func cueComment(_ cues: [CueMarker]) -> String {
        var comment = ""
        for cue in cues {
            let line = (comment.isEmpty ? "" : "\n") + "cue \(cue.id): \(asciiFold(cue.label).prefix(120))"
            if comment.utf8.count + line.utf8.count > cueCommentLimit { break }
            comment += line
        }
        return comment
    }

    /// `SF_CUES` is a count followed by the points; libsndfile's fixed struct holds 100, so
    /// larger lists get a buffer of the same layout (the C `SF_CUES_VAR(n)`).
    private static let cuePointsOffset = max(MemoryLayout<UInt32>.size, MemoryLayout<SF_CUE_POINT>.alignment)

    private static func cueBuffer(count: Int) -> (UnsafeMutableRawBufferPointer, Int) {
        let size = max(cuePointsOffset + count * MemoryLayout<SF_CUE_POINT>.stride, MemoryLayout<SF_CUES>.size)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 8)
        buffer.initializeMemory(as: UInt8.self, repeating: 0)
        return (buffer, size)
    }

    private static func setCues(_ cues: [CueMarker], on file: SoundFile, path: String) throws {
        let (buffer, size) = cueBuffer(count: cues.count)
        defer { buffer.deallocate() }
        buffer.storeBytes(of: UInt32(cues.count), as: UInt32.self)
        let points = (buffer.baseAddress! + cuePointsOffset).bindMemory(to: SF_CUE_POINT.self, capacity: cues.count)
        for (i, cue) in cues.enumerated() {
            var p = SF_CUE_POINT()
            p.indx = Int32(truncatingIfNeeded: cue.id)
            p.position = UInt32(truncatingIfNeeded: cue.frame)
            p.fcc_chunk = 0x6174_6164   // 'data', little-endian
            p.chunk_start = 0
            p.block_start = 0
            p.sample_offset = UInt32(truncatingIfNeeded: cue.frame)
            setString(&p.name, asciiFold(cue.label))
            points[i] = p
        }
        guard sf_command(file.rawHandle, Int32(SFC_SET_CUE), buffer.baseAddress, Int32(size)) == Int32(SF_TRUE) else {
            throw AudioFileError.writeFailed(path: path, reason: "cue points refused: \(file.error)")
        }
    }

    private static func broadcastStruct(_ info: BroadcastInfo) -> SF_BROADCAST_INFO {
        var b = SF_BROADCAST_INFO()
        setString(&b.description, asciiFold(info.description))
        setString(&b.originator, asciiFold(info.originator))
        setString(&b.originator_reference, asciiFold(info.originatorReference))
        setString(&b.origination_date, info.originationDate)
        setString(&b.origination_time, info.originationTime)
        b.time_reference_low = UInt32(truncatingIfNeeded: info.timeReference)
        b.time_reference_high = UInt32(truncatingIfNeeded: info.timeReference >> 32)
        b.version = 2
        func centi(_ v: Double?) -> Int16 {
            guard let v, v.isFinite else { return 0x7FFF }   // EBU 3285: 0x7FFF = not set
            return Int16(clamping: Int((v * 100).rounded()))
        }
        let l = info.loudness
        b.loudness_value = centi(l?.integratedLUFS)
        b.loudness_range = l == nil ? 0x7FFF : centi(l?.loudnessRangeLU)
        b.max_true_peak_level = centi(l?.truePeakDBTP)
        b.max_momentary_loudness = centi(l?.maxMomentaryLUFS)
        b.max_shortterm_loudness = centi(l?.maxShortTermLUFS)
        // Each coding-history line ends with CR LF (EBU 3285).
        var history = asciiFold(info.codingHistory)
        if !history.isEmpty && !history.hasSuffix("\r\n") { history += "\r\n" }
        let written = setString(&b.coding_history, history)
        b.coding_history_size = UInt32(written)
        return b
    }

    /// Copy an ASCII string into a fixed C char array, cut to fit; returns bytes written.
    /// Fixed fields need no terminating NUL when full (EBU 3285).
    @discardableResult
    private static func setString<T>(_ field: inout T, _ value: String) -> Int {
        withUnsafeMutableBytes(of: &field) { raw in
            raw.initializeMemory(as: UInt8.self, repeating: 0)
            let bytes = Array(value.utf8.prefix(raw.count))
            raw.copyBytes(from: bytes)
            return bytes.count
        }
    }

    private static func string<T>(_ field: inout T) -> String {
        withUnsafeBytes(of: &field) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }

    /// Vietnamese (or any Latin) text as plain ASCII: diacritics removed, `đ` → `d`,
    /// anything else outside printable ASCII dropped.
    static func asciiFold(_ text: String) -> String {
        let replaced = text.replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "D")
        let folded = replaced.folding(options: [.diacriticInsensitive], locale: nil)
        return String(String.UnicodeScalarView(folded.unicodeScalars.filter {
            ($0.value >= 0x20 && $0.value < 0x7F) || $0 == "\r" || $0 == "\n"
        }))
    }
}
