import Foundation
import CSndfile

extension AudioFile {
    /// Write an MP3 (MPEG Layer III, constant bitrate) through libsndfile's LAME encoder
    /// (at LAME's default quality: the straightforward whole-file way the benchmark compares),
    /// with `title` in its ID3 tag. libsndfile has LAME write an ID3v1 tag, whose text is
    /// Latin-1 and 30 bytes long, so the title is written folded to ASCII (`Tiêu đề` →
    /// `Tieu de`) and cut to 30 bytes: readable on every player instead of mojibake. `bitrateKbps` must be one MPEG allows at this rate:
    /// 8…160 kbps below 32 kHz (MPEG-2), 32…320 kbps from 32 kHz (MPEG-1); LAME picks the
    /// nearest standard bitrate.
    public static func writeMP3(_ samples: [Float], sampleRate: Int, channels: Int = 1,
                                bitrateKbps: Int, title: String?, to url: URL) throws {
        let (low, high) = sampleRate >= 32000 ? (32.0, 320.0) : sampleRate >= 16000 ? (8.0, 160.0) : (8.0, 64.0)
        guard Double(bitrateKbps) >= low, Double(bitrateKbps) <= high else {
            throw AudioFileError.writeFailed(path: url.path,
                                             reason: "\(bitrateKbps) kbps is outside \(Int(low))…\(Int(high)) kbps for MP3 at \(sampleRate) Hz")
        }
        try withAtomicFile(url) { tmp in
            let file = try SoundFile(writing: tmp, finalPath: url.path, sampleRate: sampleRate, channels: channels,
                                     format: Int32(SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III))
            defer { file.close() }
            let level = compressionLevel(bitrateKbps: bitrateKbps, low: low, high: high)
            guard file.command(Int32(SFC_SET_COMPRESSION_LEVEL), double: level),
                  file.command(Int32(SFC_SET_BITRATE_MODE), int: Int32(SF_BITRATE_MODE_CONSTANT)) else {
                throw AudioFileError.writeFailed(path: url.path, reason: "encoder settings refused: \(file.error)")
            }
            if let title, !title.isEmpty {
                try file.setString(Int32(SF_STR_TITLE), String(asciiFold(title).utf8.prefix(30))!)
            }
            try file.write(samples)
            try file.close(checked: true)
        }
    }

    /// libsndfile picks the CBR bit rate from a compression level c in 0…1 as
    /// high − c × (high − low), truncated; aim half a kbps above so truncation lands on it.
    static func compressionLevel(bitrateKbps: Int, low: Double, high: Double) -> Double {
        min(max((high - Double(bitrateKbps) - 0.5) / (high - low), 0), 1)
    }
}
