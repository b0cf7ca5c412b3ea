// INTERIM API SKETCH — being implemented.
/// Simple level measurements on PCM.
public enum Level {
    /// RMS in dBFS (−inf for silence).
    public static func rmsDBFS(_ samples: [Float]) -> Double { fatalError("not yet implemented") }
    /// Sample peak in dBFS.
    public static func peakDBFS(_ samples: [Float]) -> Double { fatalError("not yet implemented") }
}
