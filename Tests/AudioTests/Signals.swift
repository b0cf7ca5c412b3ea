import Foundation

/// Test signals with known levels.
enum Signals {
    /// A sine of `frequency` Hz at `amplitude` (1 = full scale), `channels` identical channels.
    static func sine(frequency: Double, amplitude: Double, seconds: Double, sampleRate: Int,
                     channels: Int = 1) -> [Float] {
        let frames = Int(seconds * Double(sampleRate))
        var out = [Float]()
        out.reserveCapacity(frames * channels)
        for n in 0 ..< frames {
            let v = Float(amplitude * sin(2 * Double.pi * frequency * Double(n) / Double(sampleRate)))
            for _ in 0 ..< channels { out.append(v) }
        }
        return out
    }

    /// A fresh, empty temporary folder for one test.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("loa-audio-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
