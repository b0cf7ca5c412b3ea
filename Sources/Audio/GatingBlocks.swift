import CEbur128
import Foundation

/// The loudness of a piece of audio's gating blocks (400 ms, one every 100 ms), from
/// libebur128's K-weighted mean square of each 100 ms (a block is four of them; at a rate
/// that is not a multiple of 10 Hz, four hops of `rate / 10` frames).
///
/// A programme made of many pieces is measured by gating the union of its pieces' blocks
/// (ITU-R BS.1770-4: absolute gate −70 LUFS, relative gate −10 LU), without rendering it
/// and without keeping a meter open per piece: a few hundred bytes a piece instead of the
/// meter's buffers. Blocks that would straddle two pieces are not counted.
public struct GatingBlocks: Sendable, Hashable {
    /// Loudness of each block, LUFS (−inf for digital silence).
    public let loudness: [Float]
    /// Mean-square energy of each block that passes the absolute gate (−70 LUFS), worked
    /// out once here: a programme's loudness sums thousands of blocks from shared takes,
    /// and converting each from LUFS again for every programme cost a second of a province build.
    let gatedEnergies: [Double]
    /// Those blocks' loudness, LUFS, for the relative gate.
    let gatedLoudness: [Float]

    public init(loudness: [Float]) {
        self.loudness = loudness
        gatedLoudness = loudness.filter { $0 > Self.absoluteGate }
        gatedEnergies = gatedLoudness.map(Self.energy)
    }

    /// ITU-R BS.1770-4's absolute gate, LUFS.
    static let absoluteGate: Float = -70
    static func energy(_ lufs: Float) -> Double { energy(Double(lufs)) }
    static func energy(_ lufs: Double) -> Double { pow(10, (lufs + 0.691) / 10) }
    static func lufs(_ energy: Double) -> Double { -0.691 + 10 * log10(energy) }

    /// Measures mono `samples` as they lie in a programme: after `leading` and before
    /// `trailing` frames of digital silence, fed to the meter without building the longer buffer.
    public init(samples: [Float], sampleRate: Int, leading: Int = 0, trailing: Int = 0) {
        guard sampleRate >= 10, let state = ebur128_init(1, UInt(sampleRate), Int32(EBUR128_MODE_M.rawValue)) else {
            self.init(loudness: [])
            return
        }
        var pointer: UnsafeMutablePointer<ebur128_state>? = state
        defer { ebur128_destroy(&pointer) }
        let hop = sampleRate / 10
        let total = leading + samples.count + trailing
        var blocks: [Float] = []
        blocks.reserveCapacity(total / max(hop, 1))
        let silence = [Float](repeating: 0, count: hop)
        samples.withUnsafeBufferPointer { buffer in
            silence.withUnsafeBufferPointer { zeros in
                var fed = 0
                // Feeds frames [fed, fed + count) of silence + samples + silence.
                func feed(_ count: Int) {
                    var done = 0
                    while done < count {
                        let position = fed + done
                        let n: Int
                        if position < leading {
                            n = min(count - done, leading - position)
                            ebur128_add_frames_float(state, zeros.baseAddress!, n)
                        } else if position < leading + buffer.count {
                            n = min(count - done, leading + buffer.count - position)
                            ebur128_add_frames_float(state, buffer.baseAddress! + (position - leading), n)
                        } else {
                            n = count - done
                            ebur128_add_frames_float(state, zeros.baseAddress!, n)
                        }
                        done += n
                    }
                    fed += count
                }
                // Each 400 ms block's mean square is the mean of its four 100 ms quarters', so
                // the meter reports each 100 ms once instead of summing 400 ms at every hop.
                var quarters = [Double](repeating: 0, count: 4)
                var hops = 0
                while fed + hop <= total {
                    feed(hop)
                    var value = 0.0
                    guard ebur128_loudness_window(state, 100, &value) == 0 else { continue }
                    quarters[hops & 3] = Self.energy(value)
                    hops += 1
                    if hops >= 4 {
                        let energy = (quarters[0] + quarters[1] + quarters[2] + quarters[3]) / 4
                        blocks.append(energy > 0 ? Float(Self.lufs(energy)) : -.infinity)
                    }
                }
            }
        }
        self.init(loudness: blocks)
    }

    /// The same blocks after a gain of `decibels`.
    public func shifted(by decibels: Double) -> GatingBlocks {
        GatingBlocks(loudness: loudness.map { $0 + Float(decibels) })
    }

    /// Integrated loudness (LUFS) of pieces played back to back; −inf if nothing passes.
    public static func integratedLUFS(of pieces: [GatingBlocks]) -> Double {
        var sum = 0.0, count = 0
        for piece in pieces {
            for energy in piece.gatedEnergies { sum += energy }
            count += piece.gatedEnergies.count
        }
        guard count > 0 else { return -.infinity }
        let relativeGate = lufs(sum / Double(count)) - 10
        sum = 0
        count = 0
        for piece in pieces {
            for (value, energy) in zip(piece.gatedLoudness, piece.gatedEnergies) where Double(value) > relativeGate {
                sum += energy
                count += 1
            }
        }
        return count > 0 ? lufs(sum / Double(count)) : -.infinity
    }

    /// Loudness range (EBU Tech 3342, LU) of pieces played back to back, from their blocks:
    /// short-term (3 s) loudness every second, as libebur128 takes it, each 3 s window's
    /// energy the mean of the blocks that tile it (seven 400 ms blocks and the 200 ms
    /// left, from the block that ends the window); gates −70 LUFS absolute, −20 LU relative;
    /// the spread between the 10th and the 95th percentile. Blocks straddling two pieces
    /// are left out, as for the integrated loudness, so it is close to, not exactly, what
    /// a meter reads on the rendered programme.
    public static func loudnessRange(of pieces: [GatingBlocks]) -> Double {
        let energies = pieces.flatMap { $0.loudness.map { $0.isFinite ? energy($0) : 0 } }
        guard energies.count >= 27 else { return 0 }
        var shortTerm: [Double] = []
        var start = 0
        while start + 26 < energies.count {
            let tiles = stride(from: start, through: start + 24, by: 4).map { energies[$0] }
            let sum = tiles.reduce(0, +) * 4 + energies[start + 26] * 2
            shortTerm.append(sum / 30)
            start += 10
        }
        let absolute = shortTerm.filter { $0 > 0 && lufs($0) > -70 }
        guard !absolute.isEmpty else { return 0 }
        let gate = lufs(absolute.reduce(0, +) / Double(absolute.count)) - 20
        let gated = absolute.map(lufs).filter { $0 > gate }.sorted()
        guard gated.count > 1 else { return 0 }
        func percentile(_ p: Double) -> Double { gated[min(gated.count - 1, Int((Double(gated.count - 1) * p).rounded()))] }
        return percentile(0.95) - percentile(0.10)
    }
}
