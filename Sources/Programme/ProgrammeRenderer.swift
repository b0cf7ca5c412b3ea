import Speech

/// Lays a planned programme's clips on one timeline: the audio stations air.
public enum ProgrammeRenderer {
    /// 16-bit mono PCM of the whole programme; pauses are digital silence.
    /// Every item starts exactly at its planned frame.
    public static func render(_ programme: SlotProgramme, clips: [ClipKey: Clip]) -> [Int16] {
        var samples = [Int16](repeating: 0, count: programme.totalFrames)
        for item in programme.items {
            guard let clip = clips[item.segment.clipKey] else {
                preconditionFailure("clip for \(item.segment.id) was not synthesized before rendering")
            }
            let count = min(clip.samples.count, samples.count - item.startFrame)
            samples.withUnsafeMutableBufferPointer { target in
                clip.samples.withUnsafeBufferPointer { source in
                    target.baseAddress!.advanced(by: item.startFrame)
                        .update(from: source.baseAddress!, count: count)
                }
            }
        }
        return samples
    }
}
