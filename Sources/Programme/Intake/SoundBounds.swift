/// Where the voice is in a recording, so the silence before and after it is not aired.
///
/// A recording made on a phone or at a desk starts with the seconds before the reader
/// speaks and ends with the reach for the stop button; aired as is, those are seconds of
/// hiss between items. The recording is cut from `margin` before the first 10 ms block
/// with sound to `margin` after the last one, so a breath or a fading word is kept. A
/// block has sound when its peak is at least `absoluteFloorDBFS` and within
/// `relativeFloorDB` of the loudest block: room noise in a quiet recording is not taken
/// for sound, and a quietly read recording is not taken for silence. Nothing inside is
/// cut: pauses in the reading stay as the reader made them.
struct SoundBounds {
    /// Peaks quieter than this are silence, whatever the recording's level.
    static let absoluteFloorDBFS = -50.0
    /// Peaks this far under the loudest block are silence (room noise, hiss).
    static let relativeFloorDB = 40.0
    /// Kept before the first and after the last block with sound, in seconds.
    static let margin = 0.2

    let sampleRate: Int
    /// Frames in a block: 10 ms.
    let blockFrames: Int
    /// Peak of each block of the mono mix.
    private(set) var blockPeaks: [Float] = []
    private var peak: Float = 0
    private var filled = 0

    init(sampleRate: Int) {
        self.sampleRate = sampleRate
        blockFrames = max(sampleRate / 100, 1)
    }

    /// Adds the next piece of the mono mix.
    mutating func add(_ mono: [Float]) {
        for sample in mono {
            peak = max(peak, abs(sample))
            filled += 1
            if filled == blockFrames {
                blockPeaks.append(peak)
                peak = 0
                filled = 0
            }
        }
    }

    /// The frames to air out of `frames`, or nil when no block has sound.
    func sound(frames: Int) -> Range<Int>? {
        let peaks = filled > 0 ? blockPeaks + [peak] : blockPeaks
        guard let loudest = peaks.max(), loudest > 0 else { return nil }
        let floor = max(Float(pow(10, Self.absoluteFloorDBFS / 20)),
                        loudest * Float(pow(10, -Self.relativeFloorDB / 20)))
        guard let first = peaks.firstIndex(where: { $0 >= floor }),
              let last = peaks.lastIndex(where: { $0 >= floor }) else { return nil }
        let margin = Int(Self.margin * Double(sampleRate))
        let start = max(0, first * blockFrames - margin)
        let end = min(frames, (last + 1) * blockFrames + margin)
        return start < end ? start..<end : nil
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
