import Foundation
import Programme
#if canImport(Glibc)
import Glibc
#endif

/// Checks for room before writing, so a full disk is reported up front with the figure
/// rather than as a failed write halfway through the day.
enum FreeSpace {
    /// Kept free beyond the estimate (file-system metadata, the index, rounding).
    static let margin: Int64 = 64 << 20

    /// Bytes an unprivileged user may still write on the file system holding `url`.
    static func available(at url: URL) -> Int64? {
        var stats = statvfs()
        guard statvfs(url.path, &stats) == 0 else { return nil }
        return Int64(stats.f_bavail) * Int64(stats.f_frsize)
    }

    /// Throws `noSpace` when `bytes` (plus the margin) will not fit where `url` is.
    static func require(_ bytes: Int64, at url: URL, display: String) throws(OutputError) {
        guard let available = available(at: url), bytes + margin > available else { return }
        throw OutputError.noSpace(at: display, needed: bytes + margin, available: available)
    }

    /// An upper bound on the raw speech spooled for `texts`: 16-bit samples at `sampleRate`
    /// for each text read at 10 bytes a second (the slowest voice; ~19 is usual).
    static func spoolBytes(texts: some Sequence<String>, sampleRate: Int) -> Int64 {
        let bytes = texts.reduce(0) { $0 + Int64($1.utf8.count) }
        return bytes * Int64(sampleRate) * 2 / 10
    }

    /// The raw sound spooled for `recordings`: 16-bit samples of what airs, at `sampleRate`.
    static func spoolBytes(recordings: some Sequence<RecordingCut>, sampleRate: Int) -> Int64 {
        recordings.reduce(0) { $0 + Int64($1.sound.count) * Int64(sampleRate) / Int64(max($1.sampleRate, 1)) * 2 }
    }

    /// The size of the packs `plans` make: each programme's files in its station's formats.
    static func packBytes(_ plans: [StationPlan], province: Province) -> Int64 {
        let rate = Int64(province.output.sampleRate)
        var total: Int64 = 0
        for plan in plans {
            let formats = province.formats(for: plan.station)
            for programme in plan.programmes {
                let frames = Int64(programme.totalFrames)
                for format in formats {
                    switch format {
                    case .wav: total += frames * 2 + 64 << 10
                    case .mp3: total += frames * Int64(province.output.mp3BitrateKbps) * 125 / rate + 8 << 10
                    case .vtt: total += Int64(programme.items.count) * (8 << 10)
                    }
                }
            }
            total += 64 << 10  // manifest
        }
        return total
    }
}
