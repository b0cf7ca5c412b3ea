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

    /// Limits `samples` in place.
    public func apply(_ samples: inout [Float]) {
        let n = samples.count
        guard n > 0 else { return }
        let window = lookahead
        samples.withUnsafeMutableBufferPointer { x in
            // needed[k]: the gain sample k needs; ahead[j] = min(needed[j ... j+window]).
            var needed = [Float](repeating: 1, count: n)
            for k in 0..<n {
                let magnitude = abs(x[k])
                if magnitude > ceiling { needed[k] = ceiling / magnitude }
            }
            var ahead = [Float](repeating: 1, count: n)
            var queue = [Int](repeating: 0, count: n + 1)   // indices with increasing `needed`
            var head = 0, tail = 0
            var next = 0
            for j in 0..<n {
                while next < n && next <= j + window {
                    while tail > head && needed[queue[tail - 1]] >= needed[next] { tail -= 1 }
                    queue[tail] = next
                    tail += 1
                    next += 1
                }
                while queue[head] < j { head += 1 }
                ahead[j] = needed[queue[head]]
            }
            // Mean of `ahead` over the last `window + 1` frames: every term covers frame k, so
            // the mean is never above needed[k]; it ramps down over the look-ahead.
            var sum: Float = 0
            var gain: Float = 1
            for k in 0..<n {
                sum += ahead[k]
                if k > window { sum -= ahead[k - window - 1] }
                let before = Float(max(0, window - k))   // frames before the start count as gain 1
                let smooth = min((sum + before) / Float(window + 1), needed[k])
                gain = min(smooth, gain * recoveryPerFrame)
                x[k] *= gain
            }
        }
    }
}

private func pow10(_ x: Double) -> Double { exp(x * 2.302585092994046) }
