import Audio

/// A take placed in a programme.
public struct PlacedTake: Sendable {
    /// Index of its item in the programme.
    public var item: Int
    public var key: TakeKey
    /// The sentence as written, for captions.
    public var caption: String
    /// First frame of the take in the programme.
    public var start: Int
    public var take: Take

    /// Where its sound starts and ends in the programme.
    public var soundStart: Int { start + take.soundOffset }
    public var soundEnd: Int { soundStart + take.soundFrames }
}

/// Where every take of a planned programme lies; the one layout that WAV masters, MP3
/// streams, captions and manifests all read, so they agree to the sample.
public struct ProgrammeTimeline: Sendable {
    public var programme: SlotProgramme
    public var places: [PlacedTake]

    public init(_ programme: SlotProgramme, takes: TakeStore) {
        self.programme = programme
        var places: [PlacedTake] = []
        for (index, item) in programme.items.enumerated() {
            var cursor = item.startFrame
            for (key, caption) in zip(item.segment.takes, item.segment.captions) {
                guard let take = takes[key] else { preconditionFailure("take for \(item.segment.id) was not made") }
                places.append(PlacedTake(item: index, key: key, caption: caption, start: cursor, take: take))
                cursor += take.frames
            }
        }
        self.places = places
    }

    /// First and last frame of sound of each item, in programme order.
    public var itemSounds: [(start: Int, end: Int)] {
        programme.items.indices.map { index in
            let mine = places.filter { $0.item == index }
            guard let first = mine.first, let last = mine.last else {
                let start = programme.items[index].startFrame
                return (start, start)
            }
            return (first.soundStart, last.soundEnd)
        }
    }

    /// Integrated loudness of the programme, gated over its takes' blocks.
    public var loudnessLUFS: Double { GatingBlocks.integratedLUFS(of: places.map(\.take.blocks)) }

    /// Loudness range (EBU Tech 3342) of the programme, from its takes' gating blocks.
    public var loudnessRangeLU: Double { GatingBlocks.loudnessRange(of: places.map(\.take.blocks)) }

    /// Highest true peak of the programme's takes, dBTP.
    public var truePeakDBTP: Double { places.map(\.take.truePeakDBTP).max() ?? -.infinity }

    /// The whole programme as PCM, rendered in memory: the benchmark's baseline (takes must
    /// keep their sound).
    public func pcm() throws -> [Float] {
        var samples = [Float](repeating: 0, count: programme.totalFrames)
        for place in places {
            guard let kept = place.take.sound else { preconditionFailure("take sound was not kept for masters") }
            let sound = try kept.floats()
            let count = min(sound.count, samples.count - place.soundStart)
            guard count > 0 else { continue }
            samples.withUnsafeMutableBufferPointer { target in
                sound.withUnsafeBufferPointer { source in
                    (target.baseAddress! + place.soundStart).update(from: source.baseAddress!, count: count)
                }
            }
        }
        return samples
    }

    /// The programme's WAV master as the pieces it is streamed from: `header` (the Broadcast
    /// Wave chunks before the samples), then each take's levelled PCM from the spool at its
    /// place, with silence between; the same samples `pcm()` renders, never held whole.
    public func wavPieces(header: [UInt8]) -> [FilePiece] {
        var pieces: [FilePiece] = [.bytes(header)]
        var cursor = 0
        for place in places {
            guard let sound = place.take.sound else { preconditionFailure("take sound was not kept for masters") }
            let count = min(sound.frames, programme.totalFrames - place.soundStart)
            guard count > 0 else { continue }
            precondition(place.soundStart >= cursor, "takes overlap in \(programme.slot.id)")
            if place.soundStart > cursor { pieces.append(.zeros((place.soundStart - cursor) * 2)) }
            pieces.append(.pcm(sound, frames: count))
            cursor = place.soundStart + count
        }
        if programme.totalFrames > cursor { pieces.append(.zeros((programme.totalFrames - cursor) * 2)) }
        return pieces
    }

    /// The programme's MP3 as the pieces it is joined from, in order: an ID3v2 tag with
    /// the title, then every take's frames. Written one after another they are one
    /// continuous stream; nothing is copied to join them.
    public func mp3Pieces(title: String) -> [FilePiece] {
        [.bytes(ID3Tag.v2(title: title))] + places.map { place in
            guard let mp3 = place.take.mp3 else { preconditionFailure("take was not encoded to MP3") }
            return .bytes(mp3.bytes)
        }
    }
}
