import Audio
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The sound of a recorded bulletin as a take starts from: the frames `RecordingInspector`
/// chose, channels mixed to mono, resampled to the programme's rate, and scaled so its
/// peak is at −1 dBFS (levelling sets its level anyway; this keeps a quietly recorded
/// file's detail when the raw sound waits in the 16-bit spool).
///
/// The file is hashed and decoded from one descriptor, and must still have the bytes that
/// were checked and approved: a file replaced while the build runs is not aired in their place.
enum RecordingSound {
    static func read(_ cut: RecordingCut, outputRate: Int) throws -> [Float] {
        let fd = open(cut.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw TakeStoreError("recording \(cut.path) cannot be opened: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        guard RecordingInspector.hash(fd) == cut.sha256 else {
            throw TakeStoreError("recording \(cut.path) changed while the build was running; it is not the file that was "
                + "checked and approved. Run the build again")
        }
        let reader = try SoundFileReader(descriptor: fd, display: cut.path)
        try reader.skip(frames: cut.sound.lowerBound)
        // Read, mixed and resampled a piece at a time: only the output-rate sound is held whole.
        let resampler = reader.sampleRate == outputRate ? nil
            : try ResamplingStream(from: reader.sampleRate, to: outputRate, channels: 1, quality: .medium)
        var sound: [Float] = []
        sound.reserveCapacity(Int(Double(cut.sound.count * outputRate) / Double(reader.sampleRate)) + 1024)
        var left = cut.sound.count
        while left > 0 {
            let piece = try reader.read(frames: min(RecordingInspector.pieceFrames, left))
            if piece.isEmpty { break }
            left -= piece.count / reader.channels
            let mono = SoundFileReader.mono(piece, channels: reader.channels)
            sound += try resampler?.process(mono) ?? mono
        }
        if let resampler { sound += try resampler.process([], last: true) }
        let peak = sound.reduce(Float(0)) { max($0, abs($1)) }
        if peak > 0 {
            let scale = Float(pow(10, -1.0 / 20)) / peak
            for index in sound.indices { sound[index] *= scale }
        }
        return sound
    }
}
