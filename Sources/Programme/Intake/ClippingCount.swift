/// Counts the samples of a recording that sit flat at full scale: the sign of a recording
/// made with the input level too high, which airs distorted whatever Loa does to its level.
///
/// A sample is at full scale from `fullScale` up (−0.02 dBFS: 16-bit clipping is 32767 or
/// −32768; a limiter set to −0.1 dBFS stays under it). One such sample is the peak of a
/// normalized recording, not clipping; a *stretch* of `shortestStretch` or more in a row,
/// in one channel, is a flattened wave top. Counted channel by channel across the pieces
/// the file is decoded in.
struct ClippingCount {
    static let fullScale: Float = 0.998
    static let shortestStretch = 2

    let channels: Int
    /// Samples in clipped stretches, all channels.
    private(set) var clippedSamples = 0
    /// Clipped stretches, all channels.
    private(set) var stretches = 0
    /// Samples seen, all channels.
    private(set) var samples = 0
    /// The frame the first clipped stretch starts at.
    private(set) var firstFrame: Int?
    private var run: [Int]
    private var frame = 0

    init(channels: Int) {
        self.channels = channels
        run = [Int](repeating: 0, count: channels)
    }

    /// Adds the next interleaved piece.
    mutating func add(_ interleaved: [Float]) {
        let frames = interleaved.count / channels
        for index in 0..<frames {
            for channel in 0..<channels {
                if abs(interleaved[index * channels + channel]) >= Self.fullScale {
                    run[channel] += 1
                    if run[channel] == Self.shortestStretch {
                        clippedSamples += Self.shortestStretch
                        stretches += 1
                        if firstFrame == nil { firstFrame = frame + index - (Self.shortestStretch - 1) }
                    } else if run[channel] > Self.shortestStretch {
                        clippedSamples += 1
                    }
                } else {
                    run[channel] = 0
                }
            }
        }
        frame += frames
        samples += frames * channels
    }

    /// Share of the samples in clipped stretches, 0…1.
    var share: Double { samples > 0 ? Double(clippedSamples) / Double(samples) : 0 }
}
