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
            let encoder = try MP3SegmentEncoder(sampleRate: settings.sampleRate, bitrateKbps: settings.mp3BitrateKbps,
                                                quality: settings.mp3Quality)
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
    ///
    /// With MP3, the encoded take is decoded again and its true peak measured: a 48 kbps
    /// encoder can raise a limited take's peaks by more than a decibel (measured up to
    /// 1.4 dB on the province benchmark), so a take whose MP3 passes the ceiling is trimmed
    /// by the excess and encoded again. The take's true peak is the higher of its files'.
    /// The levelled sound is kept in `keeping` (as the 16-bit PCM WAV masters store) when
    /// `keepsSound`.
    public func master(sound input: [Float], sampleRate: Int, pauseAfterMs: Int, keeping spool: SoundSpool? = nil) throws -> Take {
        let rate = settings.sampleRate
        var sound = try resampled(input, from: sampleRate)
        let pause = pauseFrames(ms: pauseAfterMs)
        let layout = layout(soundFrames: sound.count, pauseAfterMs: pauseAfterMs)
        // The levelled PCM's own true peak matters only when it is written (WAV masters).
        var (gain, truePeak, blocks) = level(&sound, rate: rate, leading: layout.soundOffset, trailing: pause,
                                             checksTruePeak: encoder == nil || keepsSound)
        var mp3: MP3Segment?
        if let encoder {
            // The take with its pause, encoded, and the true peak of what a player decodes.
            func encoded() throws -> (MP3Segment, Double) {
                let piece = try encoder.encode(sound + repeatElement(0, count: pause))
                return (piece, measuredTruePeak(of: try MP3SegmentEncoder.decode(piece.bytes, expectedFrames: piece.decodedFrames)))
            }
            var (piece, decodedPeak) = try encoded()
            for _ in 0..<3 where decodedPeak > peakLimit {
                let trim = peakLimit - 0.05 - decodedPeak
                scale(&sound, byDB: trim)
                gain += trim
                truePeak += trim
                blocks = blocks.shifted(by: trim)
                (piece, decodedPeak) = try encoded()
            }
            truePeak = max(truePeak, decodedPeak)
            mp3 = piece
        }
        var kept: SpooledSound?
        if keepsSound, let spool {
            kept = SpooledSound(spool: spool, entry: try spool.append(AudioFile.pcm16(sound)[...]))
        }
        return Take(layout: layout, sound: kept, mp3: mp3, blocks: blocks, truePeakDBTP: truePeak, gainDB: gain)
    }

    func pauseFrames(ms: Int) -> Int { ms * settings.sampleRate / 1000 }

    /// `sound` (mono, at the output rate) levelled as a take is levelled for the air: to the
    /// loudness target under the true-peak ceiling, with no pause and no encoding. What
    /// `loa say` writes, so that a preview plays as loud as the programme will.
    public func levelled(_ sound: [Float]) -> (sound: [Float], gainDB: Double, truePeakDBTP: Double) {
        var sound = sound
        let (gain, truePeak, _) = level(&sound, rate: settings.sampleRate, leading: 0, trailing: 0)
        return (sound, gain, truePeak)
    }

    /// Brings `sound` to the loudness target under the true-peak ceiling: a gain, a peak
    /// limiter when the peaks would pass the ceiling, passes that make up what the limiter
    /// took, and a last trim if the oversampled peak is still over. Returns the total gain
    /// (dB), the final true peak (dBTP) and the take's gating blocks, all from libebur128.
    ///
    /// Loudness is measured with the silence the take has around it in a programme
    /// (`leading`, `trailing` frames), because the gating blocks that straddle the edges
    /// of speech count in a programme's loudness too. The costly true-peak measurement
    /// (4× oversampling) runs once, at the end.
    func level(_ sound: inout [Float], rate: Int, leading: Int, trailing: Int, checksTruePeak: Bool = true)
        -> (gainDB: Double, truePeakDBTP: Double, blocks: GatingBlocks)
    {
        // The limiter holds sample peaks; intersample peaks can rise above them, so it aims lower.
        let limiter = PeakLimiter(ceilingDBFS: settings.truePeakDBTP - 1.0, sampleRate: rate)
        func measure() -> GatingBlocks {
            GatingBlocks(samples: sound, sampleRate: rate, leading: leading, trailing: trailing)
        }
        var total = 0.0
        var blocks = measure()
        var loudness = GatingBlocks.integratedLUFS(of: [blocks])
        var step = gainDB(loudness: loudness, samples: sound)
        for _ in 0..<4 {
            guard abs(step) > Self.toleranceDB, step.isFinite else { break }
            scale(&sound, byDB: step)
            total += step
            // A pass the limiter left alone moved the loudness by exactly its gain.
            let before = loudness
            if limiter.apply(&sound) || !loudness.isFinite {
                blocks = measure()
                loudness = GatingBlocks.integratedLUFS(of: [blocks])
            } else {
                blocks = blocks.shifted(by: step)
                loudness += step
            }
            // The limiter keeps part of each gain for itself; the next step asks for the
            // shortfall divided by what this one delivered per dB, so the take gets there
            // in two or three passes instead of closing a third of the gap each time. Each
            // dB delivers less than the one before, so a step up aims past the target: a
            // step down costs no measurement (the limiter leaves it alone), a short one does.
            let delivered = loudness.isFinite && before.isFinite ? min(max((loudness - before) / step, Self.leastDelivered), 1) : 1
            let shortfall = gainDB(loudness: loudness, samples: sound)
            step = shortfall > 0 ? shortfall / (delivered * Self.aimPast) : shortfall
        }
        guard checksTruePeak else { return (total, -.infinity, blocks) }
        var truePeak = measuredTruePeak(of: sound)
        if truePeak > peakLimit {
            let trim = peakLimit - 0.05 - truePeak
            scale(&sound, byDB: trim)
            total += trim
            truePeak += trim
            blocks = blocks.shifted(by: trim)
        }
        return (total, truePeak, blocks)
    }

    /// The highest true peak a take may measure: the ceiling less a margin, because
    /// libebur128 oversamples 4× whatever the rate. At 22050 Hz (88.2 kHz) a peak made by a
    /// component at f can fall between its points and read low by up to
    /// −20·log10(cos(π·f / 88200)): 0.1 dB at 4 kHz, 0.3 dB at 7.5 kHz, 0.4 dB at 9 kHz.
    /// With this margin, 27 province MP3 programmes measured ≤ −1.30 dBTP at 8× (scipy).
    var peakLimit: Double { settings.truePeakDBTP - 0.4 }

    /// The true peak of `sound` at the output rate, exact from a decibel under `peakLimit` up
    /// (where it decides a trim and where programmes' peaks lie); only the stretches loud
    /// enough to get there are measured.
    func measuredTruePeak(of sound: [Float]) -> Double {
        Loudness.truePeakDBTP(samples: sound, sampleRate: settings.sampleRate, from: peakLimit - 1)
    }

    /// The least share of a make-up gain assumed to survive the limiter, so one pass never
    /// asks for more than about three times the shortfall.
    static let leastDelivered = 0.4

    /// How much less of the next make-up step is expected to survive than of the last:
    /// 3.4 loudness measurements a take on the province benchmark without it, 3.05 with it.
    static let aimPast = 0.75

    /// A take within this of the target is done: programmes are judged to ±0.5 LU, and
    /// each pass costs a loudness measurement of the take.
    static let toleranceDB = 0.25

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
