/// Simple level measurements on PCM, in dB relative to digital full scale.
///
/// Float samples use the −1…1 scale; Int16 samples are read as `value / 32768`, the
/// scale libsndfile uses when it converts 16-bit PCM to float, so both agree.
public enum Level {
    /// RMS in dBFS (−inf for silence or no samples). A full-scale sine reads −3.01 dBFS.
    public static func rmsDBFS(_ samples: [Float]) -> Double {
        samples.withUnsafeBufferPointer { rmsDBFS(sumOfSquares($0, scale: 1), count: $0.count) }
    }

    /// Sample peak in dBFS (−inf for silence or no samples).
    public static func peakDBFS(_ samples: [Float]) -> Double {
        var peak: Float = 0
        for s in samples { peak = max(peak, abs(s)) }
        return decibels(Double(peak))
    }

    /// RMS in dBFS of 16-bit PCM (−inf for silence or no samples).
    public static func rmsDBFS(_ samples: [Int16]) -> Double {
        samples.withUnsafeBufferPointer { rmsDBFS(sumOfSquares($0), count: $0.count) }
    }

    /// Sample peak in dBFS of 16-bit PCM (−inf for silence or no samples).
    public static func peakDBFS(_ samples: [Int16]) -> Double {
        var peak: Int32 = 0
        for s in samples { peak = max(peak, abs(Int32(s))) }
        return decibels(Double(peak) / 32768)
    }

    /// Converts an amplitude ratio to decibels; 0 gives −inf.
    public static func decibels(_ amplitude: Double) -> Double {
        amplitude > 0 ? 20 * log10(amplitude) : -Double.infinity
    }

    private static func rmsDBFS(_ sumSquares: Double, count: Int) -> Double {
        guard count > 0 else { return -Double.infinity }
        return decibels((sumSquares / Double(count)).squareRoot())
    }

    private static func sumOfSquares(_ samples: UnsafeBufferPointer<Float>, scale: Double) -> Double {
        var sum = 0.0
        for s in samples { let d = Double(s) * scale; sum += d * d }
        return sum
    }

    private static func sumOfSquares(_ samples: UnsafeBufferPointer<Int16>) -> Double {
        // Exact integer accumulation in chunks, then scaled once: deterministic and fast.
        var sum = 0.0
        var partial: Int64 = 0
        var n = 0
        for s in samples {
            partial += Int64(s) * Int64(s)
            n += 1
            if n == 1 << 20 { sum += Double(partial); partial = 0; n = 0 }
        }
        sum += Double(partial)
        return sum / (32768.0 * 32768.0)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
