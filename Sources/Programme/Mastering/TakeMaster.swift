import Foundation
import Audio

/// Masters one take: resample to the output rate, level to the loudness target within the
/// true-peak ceiling, and lay it out (and encode it) on the MP3 frame grid.
///
/// Each sentence is brought to the target on its own, so neighbouring items match; a
/// look-ahead peak limiter keeps it under the true-peak ceiling, so nothing clips.
public struct TakeMaster: Sendable {
    public var settings: OutputSettings
    /// The MP3 encoder when MP3 is made, and the samples before a piece's sound in its stream.
    public var encoder: MP3SegmentEncoder?
    public var codecDelay: Int
    /// Keep levelled sound for WAV masters.
    public var keepsSound: Bool

    public init(settings: OutputSettings, makesMP3: Bool, keepsSound: Bool) throws {
        self.settings = settings
        self.keepsSound = keepsSound
        if makesMP3 {
            let encoder = try MP3SegmentEncoder(sampleRate: settings.sampleRate, bitrateKbps: settings.mp3BitrateKbps)
            self.encoder = encoder
            self.codecDelay = try encoder.measuredDelay()
        } else {
            self.encoder = nil
            self.codecDelay = 0
        }
    }

    /// Where a take's parts lie once mastered, from the length of its sound at the output
    /// rate: known before mastering, so programmes can be planned first and only the takes
    /// that air are mastered.
    public func layout(soundFrames: Int, pauseAfterMs: Int) -> TakeLayout {
        let pause = pauseFrames(ms: pauseAfterMs)
        if let encoder {
            return TakeLayout(frames: encoder.decodedFrames(forSamples: soundFrames + pause),
                              soundOffset: codecDelay, soundFrames: soundFrames)
        }
        return TakeLayout(frames: soundFrames + pause, soundOffset: 0, soundFrames: soundFrames)
    }

    /// `sound` (mono, at `sampleRate`) at the output rate: what `master` levels.
    public func resampled(_ sound: [Float], from sampleRate: Int) throws -> [Float] {
        try Resampler.resample(sound, from: sampleRate, to: settings.sampleRate, channels: 1, quality: .medium)
    }

    /// Masters `sound` (mono, at `sampleRate`) followed by `pauseAfterMs` of silence.
    public func master(sound input: [Float], sampleRate: Int, pauseAfterMs: Int) throws -> Take {
        let rate = settings.sampleRate
        var sound = try resampled(input, from: sampleRate)
        let pause = pauseFrames(ms: pauseAfterMs)
        let layout = layout(soundFrames: sound.count, pauseAfterMs: pauseAfterMs)
        let (gain, truePeak, blocks) = level(&sound, rate: rate, leading: layout.soundOffset, trailing: pause)
        var mp3: MP3Segment?
        if let encoder {
            var padded = sound
            padded.append(contentsOf: repeatElement(0, count: pause))
            mp3 = try encoder.encode(padded)
        }
        return Take(layout: layout, sound: keepsSound ? sound : nil, mp3: mp3, blocks: blocks,
                    truePeakDBTP: truePeak, gainDB: gain)
    }

    func pauseFrames(ms: Int) -> Int { ms * settings.sampleRate / 1000 }

    /// Brings `sound` to the loudness target under the true-peak ceiling and returns the total
    /// gain (dB), the final true peak (dBTP) and the take's gating blocks, all from libebur128.
    ///
    /// The gain that reaches the target before limiting is known from one measurement of the
    /// raw take. When that gain would push the peaks past the ceiling, the limiter acts and
    /// takes some loudness back (synthetic speech peaks 18–20 dB above its loudness), so the
    /// take is limited at that gain plus an allowance for the limiter, measured, and finished
    /// with a plain gain: loudness moves by exactly that gain, so it needs no new measurement.
    /// Only when the ceiling leaves too little room for the finishing gain is the limiting
    /// redone at a higher gain (at most `maxLimiterPasses` times). The true peak (4×
    /// oversampled, the costly part) is measured once, at the end, and a trim follows if the
    /// intersample peaks still pass the ceiling.
    ///
    /// Loudness is measured with the silence the take has around it in a programme
    /// (`leading`, `trailing` frames), because the gating blocks that straddle the edges
    /// of speech count in a programme's loudness too.
    func level(_ sound: inout [Float], rate: Int, leading: Int, trailing: Int)
        -> (gainDB: Double, truePeakDBTP: Double, blocks: GatingBlocks)
    {
        let target = settings.loudnessLUFS
        // The highest true peak a finishing gain may aim for: a hair under the ceiling.
        let peakLimit = settings.truePeakDBTP - 0.05
        // The limiter holds sample peaks; intersample peaks can rise above them, so it aims lower.
        let limiterCeiling = settings.truePeakDBTP - 1.0
        let limiter = PeakLimiter(ceilingDBFS: limiterCeiling, sampleRate: rate)
        let raw = sound
        func blocks(_ samples: [Float]) -> GatingBlocks {
            GatingBlocks.measure(samples, sampleRate: rate, leading: leading, trailing: trailing, truePeak: false).blocks
        }

        var measured = blocks(raw)
        var gain = gainDB(loudness: GatingBlocks.integratedLUFS(of: [measured]), samples: raw)
        // Room for a plain gain above the sample peaks, keeping the intersample overshoot
        // espeak-ng speech shows after limiting (up to about 0.4 dB) under the ceiling.
        func room(samplePeak: Double) -> Double { peakLimit - Self.intersampleOvershootDB - samplePeak }
        if Level.peakDBFS(raw) + gain > limiterCeiling {
            gain += Self.limiterAllowanceDB
            var slope = Self.limiterSlope
            var previous: (gain: Double, shortfall: Double)?
            for pass in 1...Self.maxLimiterPasses {
                sound = raw
                scale(&sound, byDB: gain)
                limiter.apply(&sound)
                measured = blocks(sound)
                let shortfall = target - GatingBlocks.integratedLUFS(of: [measured])
                guard shortfall.isFinite, shortfall > room(samplePeak: Level.peakDBFS(sound)), pass < Self.maxLimiterPasses else { break }
                // Too short, and no room for a plain gain: limit harder. The slope (loudness
                // gained per dB of gain into the limiter) comes from the last two passes.
                if let previous, gain != previous.gain {
                    slope = min(max((previous.shortfall - shortfall) / (gain - previous.gain), 0.1), 1)
                }
                previous = (gain, shortfall)
                gain += shortfall / slope
            }
        } else {
            scale(&sound, byDB: gain)
            measured = measured.shifted(by: gain)
        }

        // Finish with a plain gain toward the target, within the room the peaks leave.
        let loudness = GatingBlocks.integratedLUFS(of: [measured])
        var finish = loudness.isFinite ? target - loudness : 0
        finish = min(finish, max(room(samplePeak: Level.peakDBFS(sound)), 0))
        if abs(finish) > 0.005 {
            scale(&sound, byDB: finish)
            gain += finish
            measured = measured.shifted(by: finish)
        }
        // The true peak, once; a trim if it is still over the ceiling.
        var truePeak = Loudness.truePeakDBTP(samples: sound, sampleRate: rate)
        if truePeak > peakLimit {
            let trim = peakLimit - truePeak
            scale(&sound, byDB: trim)
            gain += trim
            truePeak += trim
            measured = measured.shifted(by: trim)
        }
        return (gain, truePeak, measured)
    }

    /// How far espeak-ng speech's true peak rises above its sample peak after limiting, at
    /// most (measured on the sample province: 0.1–0.4 dB). Leaves room so the final
    /// true-peak check rarely has to trim.
    static let intersampleOvershootDB = 0.4
    /// Loudness the limiter typically takes back from espeak-ng speech levelled to a
    /// broadcast target under a −1 dBTP ceiling (measured on the sample province: 1.5–3 dB).
    static let limiterAllowanceDB = 3.0
    /// Loudness gained per dB of extra gain into the limiter, before two passes measure it.
    static let limiterSlope = 0.3
    /// Limiter passes at most; the last one is finished with whatever room the ceiling leaves.
    static let maxLimiterPasses = 3

    func scale(_ sound: inout [Float], byDB gain: Double) {
        let factor = Float(pow(10, gain / 20))
        sound.withUnsafeMutableBufferPointer { buffer in
            for i in buffer.indices { buffer[i] *= factor }
        }
    }

    /// The gain that brings a take to the target. A take too short for the loudness gates
    /// (< 400 ms) is levelled by its RMS instead.
    func gainDB(loudness: Double, samples: [Float]) -> Double {
        let measured = loudness.isFinite ? loudness : Level.rmsDBFS(samples)
        return measured.isFinite ? settings.loudnessLUFS - measured : 0
    }
}
