import CLame
import CSndfile
import Foundation

/// A piece of audio encoded as bare MPEG Layer III frames (no ID3 tag, no Xing/Info
/// frame), so pieces can be joined byte for byte into one continuous stream.
///
/// An encoder starts every stream with a fresh bit reservoir, so the first frame of each
/// piece depends on nothing before it. Joined pieces decode as one stream whose length is
/// the sum of the pieces' frames; each piece's audio starts `delay` samples into it.
public struct MP3Segment: Sendable, Hashable {
    /// The frames, back to back.
    public var bytes: [UInt8]
    /// Number of MPEG frames.
    public var frameCount: Int
    /// Samples each frame decodes to (576 for MPEG-2 rates, 1152 for MPEG-1).
    public var samplesPerFrame: Int

    /// Samples this piece decodes to.
    public var decodedFrames: Int { frameCount * samplesPerFrame }

    /// A piece as it was encoded before (the take cache keeps them between builds).
    public init(bytes: [UInt8], frameCount: Int, samplesPerFrame: Int) {
        self.bytes = bytes
        self.frameCount = frameCount
        self.samplesPerFrame = samplesPerFrame
    }
}

/// Errors from MP3 encoding.
public enum MP3Error: Error, CustomStringConvertible, Sendable {
    case unsupported(String)
    case encodingFailed(String)
    public var description: String {
        switch self {
        case .unsupported(let s): return "cannot encode MP3: \(s)"
        case .encodingFailed(let s): return "MP3 encoding failed: \(s)"
        }
    }
}

/// Encodes mono float PCM to constant-bit-rate MP3 pieces with LAME (libmp3lame).
///
/// LAME is called directly, not through libsndfile's MP3 writer (which wraps the same
/// LAME), because libsndfile sets only the bit rate and leaves LAME's algorithmic quality
/// at its default, q3, and encoding is the largest cost of a province build. At 48 kbps
/// on the three voices' speech, wideband PESQ (ITU-T P.862.2) scored q7 the same as q5 and
/// within 0.05 of q3 (bac 3.96 / 3.94 / 4.00, trung 4.19 / 4.18 / 4.23, nam 4.14 / 4.10 /
/// 4.13) at about half the CPU of q3. Decoding, for the checks and the tests, still goes
/// through libsndfile (mpg123 inside).
public struct MP3SegmentEncoder: Sendable {
    public let sampleRate: Int
    public let bitrateKbps: Int
    /// LAME's algorithmic quality, 0 (best, slowest) … 9 (fastest).
    public let quality: Int
    /// The scale given to LAME so that it encodes at unity gain (`unityScale`).
    private let inputScale: Float

    /// The quality Loa uses unless `loa.yaml` says otherwise: LAME's "fast, ok quality"
    /// (no noise shaping), which scores as LAME's default q3 does on speech at these bit
    /// rates (see above) for half the CPU.
    public static let defaultQuality = 7

    /// Bit rates MPEG allows at this rate: MPEG-1 for 32–48 kHz, MPEG-2 below.
    static func bitrates(sampleRate: Int) -> [Int] {
        sampleRate >= 32000
            ? [32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320]
            : [8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160]
    }

    public init(sampleRate: Int, bitrateKbps: Int, quality: Int = MP3SegmentEncoder.defaultQuality) throws {
        guard [16000, 22050, 24000, 32000, 44100, 48000].contains(sampleRate) else {
            throw MP3Error.unsupported("\(sampleRate) Hz; use 22050, 24000, 32000, 44100 or 48000")
        }
        let allowed = Self.bitrates(sampleRate: sampleRate)
        guard allowed.contains(bitrateKbps) else {
            throw MP3Error.unsupported("\(bitrateKbps) kbps at \(sampleRate) Hz; allowed: \(allowed.map(String.init).joined(separator: ", "))")
        }
        guard (0...9).contains(quality) else {
            throw MP3Error.unsupported("quality \(quality); LAME's quality runs from 0 (best) to 9 (fastest)")
        }
        self.sampleRate = sampleRate
        self.bitrateKbps = bitrateKbps
        self.quality = quality
        inputScale = try Self.unityScale(sampleRate: sampleRate, bitrateKbps: bitrateKbps, quality: quality)
    }

    /// Samples per MPEG frame at this rate: 1152 for MPEG-1 (32–48 kHz), 576 below.
    public var samplesPerFrame: Int { sampleRate >= 32000 ? 1152 : 576 }

    /// Frames LAME writes (Xing/Info frame aside) for `samples` input samples, so a take's
    /// length is known before it is encoded. LAME delays the input by 576 samples and pads the
    /// end to a whole frame plus at least 576 samples more (`lame_encode_flush`); `encode`
    /// checks every result against this, so a different LAME cannot silently shift a timeline.
    /// No samples make no frames: an empty piece is encoded as nothing.
    public func frameCount(forSamples samples: Int) -> Int {
        guard samples > 0 else { return 0 }
        let perFrame = samplesPerFrame
        let delayed = samples + 576
        var padding = perFrame - delayed % perFrame
        if padding < 576 { padding += perFrame }
        return (delayed + padding) / perFrame
    }

    /// Samples a piece of `samples` input samples decodes to.
    public func decodedFrames(forSamples samples: Int) -> Int { frameCount(forSamples: samples) * samplesPerFrame }

    /// Encodes `samples` (mono, −1…1) and returns bare frames; checks every frame has the
    /// requested bit rate and the frame count is `frameCount(forSamples:)`, so a LAME
    /// change cannot silently alter the stream.
    public func encode(_ samples: [Float]) throws -> MP3Segment {
        if samples.isEmpty { return MP3Segment(bytes: [], frameCount: 0, samplesPerFrame: samplesPerFrame) }
        let bytes = try lameEncode(samples)
        let scan = MP3FrameScanner.scan(bytes)
        guard scan.frameCount > 0 else { throw MP3Error.encodingFailed("no MPEG frames were written") }
        guard scan.bitrates == [bitrateKbps] else {
            throw MP3Error.encodingFailed("frames have bit rates \(scan.bitrates.sorted()), expected \(bitrateKbps) kbps")
        }
        guard scan.frameCount == frameCount(forSamples: samples.count) else {
            throw MP3Error.encodingFailed("\(samples.count) samples gave \(scan.frameCount) frames, expected \(frameCount(forSamples: samples.count)); this LAME pads differently")
        }
        return MP3Segment(bytes: scan.audioFrames, frameCount: scan.frameCount, samplesPerFrame: scan.samplesPerFrame)
    }

    /// One LAME encoder from start to flush: CBR, mono, no Xing/Info frame and no ID3 tag,
    /// so the result is nothing but audio frames.
    private func lameEncode(_ samples: [Float]) throws -> [UInt8] {
        let lame = try Self.configuredLAME(sampleRate: sampleRate, bitrateKbps: bitrateKbps, quality: quality, scale: inputScale)
        defer { lame_close(lame) }
        guard abs(lame_get_scale(lame) - 1) < 1e-4 else {
            throw MP3Error.encodingFailed("LAME scales the input by \(lame_get_scale(lame)), not 1")
        }
        // LAME's own bound for its output: 1.25 × samples + 7200 bytes, plus the flush.
        var bytes = [UInt8](repeating: 0, count: samples.count * 5 / 4 + 2 * 7200)
        let written = bytes.withUnsafeMutableBufferPointer { out -> Int32 in
            let body = samples.withUnsafeBufferPointer {
                lame_encode_buffer_ieee_float(lame, $0.baseAddress, nil, Int32($0.count), out.baseAddress, Int32(out.count))
            }
            guard body >= 0 else { return body }
            let tail = lame_encode_flush(lame, out.baseAddress! + Int(body), Int32(out.count) - body)
            return tail >= 0 ? body + tail : tail
        }
        guard written >= 0 else { throw MP3Error.encodingFailed("LAME returned \(written)") }
        bytes.removeSubrange(Int(written)...)
        return bytes
    }

    /// A LAME encoder set up and initialised; the caller closes it.
    private static func configuredLAME(sampleRate: Int, bitrateKbps: Int, quality: Int, scale: Float) throws -> OpaquePointer {
        guard let lame = lame_init() else { throw MP3Error.encodingFailed("LAME could not start") }
        lame_set_in_samplerate(lame, Int32(sampleRate))
        lame_set_out_samplerate(lame, Int32(sampleRate))
        lame_set_num_channels(lame, 1)
        lame_set_mode(lame, MONO)
        lame_set_VBR(lame, vbr_off)
        lame_set_brate(lame, Int32(bitrateKbps))
        lame_set_quality(lame, Int32(quality))
        lame_set_scale(lame, scale)
        lame_set_bWriteVbrTag(lame, 0)
        lame_set_write_id3tag_automatic(lame, 0)
        guard lame_init_params(lame) >= 0 else {
            lame_close(lame)
            throw MP3Error.unsupported("LAME refused \(bitrateKbps) kbps at \(sampleRate) Hz")
        }
        return lame
    }

    /// The input scale that makes LAME encode at unity gain. LAME turns constant-bit-rate
    /// input down by 0.95 (−0.45 dB) against clipping in decoders, on top of any scale it is
    /// given; Loa's takes are already levelled, and their decoded true peak is checked, so
    /// the encoder is given the inverse and an MP3 plays at its master's loudness.
    private static func unityScale(sampleRate: Int, bitrateKbps: Int, quality: Int) throws -> Float {
        let lame = try configuredLAME(sampleRate: sampleRate, bitrateKbps: bitrateKbps, quality: quality, scale: 1)
        defer { lame_close(lame) }
        let applied = lame_get_scale(lame)
        return applied > 0 ? 1 / applied : 1
    }
}

extension MP3SegmentEncoder {
    /// Decodes MP3 bytes held in memory through libsndfile (mpg123 inside), as a station's
    /// player would: mono float samples.
    /// `expectedFrames`, when known, sizes the result once.
    public static func decode(_ bytes: [UInt8], expectedFrames: Int = 0) throws -> [Float] {
        let file = MemoryFile(bytes: bytes)
        var info = SF_INFO()
        return try file.withHandle(mode: Int32(SFM_READ), info: &info) { handle, info in
            var samples: [Float] = []
            samples.reserveCapacity(expectedFrames)
            var chunk = [Float](repeating: 0, count: 8192 * Int(max(info.channels, 1)))
            while true {
                let got = chunk.withUnsafeMutableBufferPointer { sf_readf_float(handle, $0.baseAddress, 8192) }
                if got <= 0 { break }
                let channels = Int(max(info.channels, 1))
                for frame in 0..<Int(got) { samples.append(chunk[frame * channels]) }
            }
            return samples
        }
    }

    /// Samples between the start of a piece's decoded stream and the start of its audio
    /// (LAME's encoder delay plus the decoder's), measured once by encoding a click and
    /// finding it in the decoded stream, so no decoder constant is assumed.
    public func measuredDelay() throws -> Int {
        var click = [Float](repeating: 0, count: sampleRate / 4)
        click[0] = 0.9
        let decoded = try Self.decode(try encode(click).bytes)
        guard let peak = decoded.indices.max(by: { abs(decoded[$0]) < abs(decoded[$1]) }), abs(decoded[peak]) > 0.3 else {
            throw MP3Error.encodingFailed("could not find the calibration click in the decoded stream")
        }
        return peak
    }
}

/// Walks MPEG audio frame headers: skips an ID3v2 tag, drops Xing/Info/VBRI frames, and
/// keeps the audio frames.
enum MP3FrameScanner {
    struct Scan {
        var audioFrames: [UInt8] = []
        var frameCount = 0
        var samplesPerFrame = 0
        var bitrates: Set<Int> = []
    }

    static func scan(_ bytes: [UInt8]) -> Scan {
        var result = Scan()
        var i = 0
        if bytes.count >= 10, bytes[0] == 0x49, bytes[1] == 0x44, bytes[2] == 0x33 {  // "ID3"
            let size = Int(bytes[6]) << 21 | Int(bytes[7]) << 14 | Int(bytes[8]) << 7 | Int(bytes[9])
            i = 10 + size
        }
        while i + 4 <= bytes.count {
            guard bytes[i] == 0xFF, bytes[i + 1] & 0xE0 == 0xE0, let header = FrameHeader(bytes[i + 1], bytes[i + 2]) else { break }
            let end = min(bytes.count, i + header.length)
            // Only an encoder's first frame can be an info frame.
            if !(result.frameCount == 0 && isInfoFrame(bytes, at: i)) {
                result.audioFrames.append(contentsOf: bytes[i..<end])
                result.frameCount += 1
                result.samplesPerFrame = header.samplesPerFrame
                result.bitrates.insert(header.bitrateKbps)
            }
            i += header.length
        }
        return result
    }

    /// A Xing/Info (LAME) or VBRI header frame: metadata that only makes sense at the
    /// start of a whole file, and that would tell decoders to trim a joined stream.
    static func isInfoFrame(_ bytes: [UInt8], at start: Int) -> Bool {
        let end = min(bytes.count, start + 48)
        guard end - start >= 4 else { return false }
        let tags: [(UInt8, UInt8, UInt8, UInt8)] = [(0x58, 0x69, 0x6E, 0x67), (0x49, 0x6E, 0x66, 0x6F), (0x56, 0x42, 0x52, 0x49)]
        for i in start...(end - 4) {
            for tag in tags where bytes[i] == tag.0 && bytes[i + 1] == tag.1 && bytes[i + 2] == tag.2 && bytes[i + 3] == tag.3 {
                return true
            }
        }
        return false
    }

    /// The parts of a Layer III frame header needed to walk the stream.
    struct FrameHeader {
        var bitrateKbps: Int
        var sampleRate: Int
        var length: Int
        var samplesPerFrame: Int

        init?(_ b1: UInt8, _ b2: UInt8) {
            let version = (b1 >> 3) & 3      // 3 = MPEG-1, 2 = MPEG-2, 0 = MPEG-2.5
            let layer = (b1 >> 1) & 3        // 1 = Layer III
            guard layer == 1, version != 1 else { return nil }
            let mpeg1 = version == 3
            let rates1 = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320]
            let rates2 = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160]
            let index = Int(b2 >> 4), rateIndex = Int((b2 >> 2) & 3)
            guard index > 0, index < 15, rateIndex < 3 else { return nil }
            let sampleRates = mpeg1 ? [44100, 48000, 32000] : version == 2 ? [22050, 24000, 16000] : [11025, 12000, 8000]
            bitrateKbps = (mpeg1 ? rates1 : rates2)[index]
            sampleRate = sampleRates[rateIndex]
            samplesPerFrame = mpeg1 ? 1152 : 576
            let padding = Int((b2 >> 1) & 1)
            length = (mpeg1 ? 144 : 72) * bitrateKbps * 1000 / sampleRate + padding
            guard length > 4 else { return nil }
        }
    }
}
