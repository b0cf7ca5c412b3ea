import Foundation

/// A look-ahead peak limiter: holds sample peaks under a ceiling by turning the gain down
/// smoothly just before each peak and letting it recover slowly after.
///
/// Synthetic speech has a high crest factor (glottal pulses peak 18–20 dB above its
/// loudness), so reaching a loudspeaker loudness target under a −1 dBTP ceiling needs a few
/// dB of peak control; a gain alone would leave programmes 3–4 LU short of the target.
/// Deterministic and linear in time: a sliding minimum (monotonic queue) and a running mean.
public struct PeakLimiter: Sendable {
    /// Highest sample magnitude allowed, as a linear amplitude.
    public var ceiling: Float
    /// Look-ahead (and attack) length in frames.
    public var lookahead: Int
    /// Most the gain may rise per frame while recovering, as a factor (> 1).
    public var recoveryPerFrame: Float

    /// `ceilingDBFS` for the sample peaks; 2 ms look-ahead; recovery at `recoveryDBPerSecond`.
    public init(ceilingDBFS: Double, sampleRate: Int, lookaheadMs: Double = 2, recoveryDBPerSecond: Double = 60) {
        ceiling = Float(pow10(ceilingDBFS / 20))
        lookahead = max(1, Int(lookaheadMs * Double(sampleRate) / 1000))
        recoveryPerFrame = Float(pow10(recoveryDBPerSecond / 20 / Double(sampleRate)))
    }

    /// Limits `samples` in place; returns whether any gain was applied (false when no sample
    /// passes the ceiling, in which case nothing was touched).
    ///
    /// One pass with look-ahead: the gain each frame needs is known `window` frames ahead
    /// (held in small rings), so no buffer the length of the input is allocated. Where the
    /// gain is back at 1 and no peak is in sight, the pass jumps to the next peak's
    /// look-ahead: those frames would be multiplied by exactly 1.
    @discardableResult
    public func apply(_ samples: inout [Float]) -> Bool {
        let n = samples.count
        let ceiling = self.ceiling
        guard n > 0, samples.contains(where: { abs($0) > ceiling }) else { return false }
        let window = lookahead
        // Rings of a power-of-two size (masks, not divisions, on this hot path) that hold
        // needed[k ... k + window] and the look-ahead minima of the last window + 1 frames.
        var size = 1
        while size < window + 2 { size <<= 1 }
        let mask = size - 1
        samples.withUnsafeMutableBufferPointer { x in
            // needed[i]: the gain frame i needs; ahead(k) = min(needed[k ... k + window]),
            // from a monotonic queue of indices with increasing `needed`.
            var needed = [Float](repeating: 1, count: size)
            var queue = [Int](repeating: 0, count: size)
            var recent = [Float](repeating: 1, count: size)
            needed.withUnsafeMutableBufferPointer { needed in
            queue.withUnsafeMutableBufferPointer { queue in
            recent.withUnsafeMutableBufferPointer { recent in
                var head = 0, tail = 0, next = 0       // queue holds positions head ..< tail
                // Mean of `ahead` over the last `window + 1` frames: every term covers frame
                // k, so the mean is never above needed[k]; it ramps down over the look-ahead.
                var sum: Float = 0
                var gain: Float = 1
                var calm = 0                           // frames in a row at gain 1, nothing ahead
                var k = 0
                while k < n {
                    while next < n && next <= k + window {
                        let magnitude = abs(x[next])
                        let need: Float = magnitude > ceiling ? ceiling / magnitude : 1
                        needed[next & mask] = need
                        while tail > head && needed[queue[(tail - 1) & mask] & mask] >= need { tail -= 1 }
                        queue[tail & mask] = next
                        tail += 1
                        next += 1
                    }
                    while queue[head & mask] < k { head += 1 }
                    let ahead = needed[queue[head & mask] & mask]
                    sum += ahead
                    if k > window { sum -= recent[(k - window - 1) & mask] }
                    recent[k & mask] = ahead
                    let before = Float(max(0, window - k))   // frames before the start count as gain 1
                    let smooth = min((sum + before) / Float(window + 1), needed[k & mask])
                    gain = min(smooth, gain * recoveryPerFrame)
                    x[k] *= gain
                    k += 1
                    calm = ahead == 1 && gain == 1 ? calm + 1 : 0
                    guard calm > window, k > window else { continue }
                    // Calm for a whole window: every term of the mean is 1, so it is exactly
                    // window + 1 (any rounding left by earlier peaks is dropped), and frames
                    // up to the next peak's look-ahead keep gain 1. Jump there.
                    sum = Float(window + 1)
                    var peak = next
                    while peak < n && abs(x[peak]) <= ceiling { peak += 1 }
                    if peak == n { break }
                    guard peak - window > k else { continue }
                    k = peak - window
                    next = k
                    head = 0
                    tail = 0
                    for i in 0..<size { needed[i] = 1; recent[i] = 1 }
                    calm = 0
                }
            }
            }
            }
        }
        return true
    }
}

private func pow10(_ x: Double) -> Double { exp(x * 2.302585092994046) }
