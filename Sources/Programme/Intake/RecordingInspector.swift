import Audio
import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads the sound file a recorded bulletin names and decides whether it can air: found
/// where the sidecar says, readable, not silent, not clipped, not hours long. Measures what
/// the build and `loa check` need (rate, channels, length, loudness, where the voice is)
/// and hashes the bytes, which approval is bound to.
///
/// Every problem is an error at the sidecar's `recording:` line, naming the sound file and
/// what to do, like a problem in a bulletin's text; the bulletin does not air and the
/// others go on. The file is read a piece at a time (a long WAV is hundreds of MB decoded),
/// from one descriptor for the hash and the decoding, and never written.
enum RecordingInspector {
    /// A recording longer than this is refused before it is decoded: a bulletin lasts
    /// minutes; hours are the wrong file (the slot check refuses anything over its slot).
    static let longestSeconds = 2 * 3600
    /// Quieter than this (integrated, channels mixed to mono) is silence: a microphone
    /// left off, an empty file. Quiet speech recorded on a phone measures −35 to −25 LUFS.
    static let silentBelowLUFS = -50.0
    /// A larger share of samples in clipped stretches is a distorted recording.
    static let largestClippedShare = 0.001
    /// Recorded below this rate, it airs muffled (telephone quality): a warning.
    static let lowestGoodRate = 16_000
    /// Frames decoded at a time.
    static let pieceFrames = 1 << 16

    /// `recording`, named on its line of the sidecar at `sidecar` (shown as `display`),
    /// found, hashed and measured; nil and an error when it cannot air.
    static func inspect(_ recording: Recording, sidecar: URL, display: String) -> (Recording?, [Diagnostic]) {
        var recording = recording
        let line = recording.line
        func fail(_ message: String) -> (Recording?, [Diagnostic]) {
            (nil, [Diagnostic(.error, file: display, line: line, message)])
        }
        let name = recording.name
        guard !name.isEmpty else {
            return fail("'recording:' names no file; expected the sound file's name beside this file, e.g. recording: tin-jrai.flac")
        }
        let parts = name.split(separator: "/", omittingEmptySubsequences: true)
        if name.hasPrefix("/") || name.hasPrefix("~") || parts.contains("..") || name.contains("\\") {
            return fail("recording '\(name)' must be a file beside this one, or in a folder below it (with '/'), inside the "
                + "bulletins folder; put the sound file there and name it, e.g. recording: tin-jrai.flac")
        }
        if let hidden = parts.dropLast().first(where: { BulletinFolder.skipsFolder(named: String($0)) }) {
            return fail("recording '\(name)' is in the folder '\(hidden)', which Loa never reads (its name starts with "
                + "'\(hidden.prefix(1))'); move the sound file out of it")
        }
        let soundExtension = (name as NSString).pathExtension.lowercased()
        if soundExtension == "txt" || soundExtension == "docx" {
            return fail("recording '\(name)' is a text file; 'recording:' names the sound file the bulletin airs (FLAC, WAV, MP3, Ogg)")
        }
        let url = sidecar.deletingLastPathComponent().appendingPathComponent(name)
        recording.file = ((display as NSString).deletingLastPathComponent as NSString).appendingPathComponent(name)
        recording.path = url.standardizedFileURL.path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue else {
            return fail("recording \(recording.file) does not exist\(alternatives(to: url)); the sound file must be "
                + "beside this file under the name 'recording:' gives")
        }
        if let kind = AudioFileKinds.unreadable[soundExtension] {
            return fail("recording \(recording.file) is \(kind), which Loa cannot read; "
                + AudioFileKinds.conversionAdvice(for: (name as NSString).lastPathComponent) + ", and name the new file here")
        }

        let fd = open(url.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return fail("recording \(recording.file) cannot be opened: \(String(cString: strerror(errno))); check its permissions") }
        defer { close(fd) }
        guard let sha256 = hash(fd) else {
            return fail("recording \(recording.file) cannot be read: \(String(cString: strerror(errno)))")
        }
        recording.sha256 = sha256

        let reader: SoundFileReader
        do {
            reader = try SoundFileReader(descriptor: fd, display: recording.file)
        } catch {
            return fail("recording \(recording.file) cannot be read as sound (\(libraryReason(error))). Loa reads what "
                + "\(SoundFormats.libraryVersion) reads here: \(SoundFormats.readableExtensions.joined(separator: ", ")). "
                + "If it plays elsewhere, " + AudioFileKinds.conversionAdvice(for: (name as NSString).lastPathComponent)
                + ", and name the new file here; if not, the file is damaged: copy it again from the recorder")
        }
        recording.format = reader.formatDescription
        recording.sampleRate = reader.sampleRate
        recording.channels = reader.channels
        let rate = reader.sampleRate
        let longest = longestSeconds * rate
        if reader.expectedFrames > longest {
            return fail("recording \(recording.file) is \(DurationText.describe(ms: reader.expectedFrames / rate * 1000)) long; "
                + "a bulletin is at most \(DurationText.describe(ms: longestSeconds * 1000)). Check it is the right file, or cut it into bulletins")
        }

        var clipping = ClippingCount(channels: reader.channels)
        var bounds = SoundBounds(sampleRate: rate)
        let meter = LoudnessMeter(sampleRate: rate)
        var frames = 0
        do {
            while true {
                let piece = try reader.read(frames: pieceFrames)
                if piece.isEmpty { break }
                clipping.add(piece)
                let mono = SoundFileReader.mono(piece, channels: reader.channels)
                meter?.add(mono)
                bounds.add(mono)
                frames += mono.count
                if frames > longest {
                    return fail("recording \(recording.file) is more than \(DurationText.describe(ms: longestSeconds * 1000)) long; "
                        + "a bulletin lasts minutes. Check it is the right file, or cut it into bulletins")
                }
            }
        } catch {
            return fail("recording \(recording.file) is damaged: decoding stopped after \(DurationText.describe(ms: frames / rate * 1000)) "
                + "(\(libraryReason(error))); copy it again from the recorder, or export it again")
        }
        recording.frames = frames
        recording.loudnessLUFS = meter?.integratedLUFS ?? -.infinity

        guard frames > 0 else { return fail("recording \(recording.file) has no sound in it (0 samples); check it is the right file") }
        guard recording.loudnessLUFS >= silentBelowLUFS, let sound = bounds.sound(frames: frames) else {
            let measured = recording.loudnessLUFS.isFinite ? String(format: "%.1f LUFS", recording.loudnessLUFS) : "digital silence"
            return fail("recording \(recording.file) is silent: it measures \(measured) (\(DurationText.describe(ms: frames * 1000 / rate)), "
                + "channels mixed to mono), under \(Int(silentBelowLUFS)) LUFS. Check the microphone was on and that it is the right file")
        }
        recording.sound = sound
        if clipping.share >= largestClippedShare {
            let at = clipping.firstFrame.map { " from \(DurationText.describe(ms: $0 * 1000 / rate)) on" } ?? ""
            return fail("recording \(recording.file) is clipped: " + String(format: "%.2f", clipping.share * 100)
                + "% of its samples are flat at full scale, in \(clipping.stretches) stretches\(at); it would air distorted "
                + "whatever its level. Record it again with the input level lower (the loudest words around −6 dBFS)")
        }
        var notes: [Diagnostic] = []
        if rate < lowestGoodRate {
            notes.append(Diagnostic(.warning, file: display, line: line,
                "recording \(recording.file) is recorded at \(rate) Hz (telephone quality): it airs, but muffled; "
                    + "record at 44100 or 48000 Hz if you can"))
        }
        return (recording, notes)
    }

    /// SHA-256 of the whole file at `fd`, hex; nil when it cannot be read. Read with
    /// `pread`, so the descriptor's offset stays where the decoder starts.
    static func hash(_ fd: Int32) -> String? {
        var hasher = SHA256()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var offset: off_t = 0
        while true {
            let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, offset) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { return nil }
            if n == 0 { break }
            buffer.withUnsafeBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[..<n])) }
            offset += off_t(n)
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// libsndfile's words for why a file cannot be read.
    static func libraryReason(_ error: Error) -> String {
        if case AudioFileError.cannotOpen(_, let reason) = error { return "libsndfile: \(reason)" }
        return "\(error)"
    }

    /// ", but there is tin-jrai.mp3" when files with the same name and another extension lie beside it.
    static func alternatives(to url: URL) -> String {
        let stem = url.deletingPathExtension().lastPathComponent.lowercased()
        let folder = url.deletingLastPathComponent()
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { ($0 as NSString).deletingPathExtension.lowercased() == stem && $0 != url.lastPathComponent }
            .filter { AudioFileKinds.isSound(fileExtension: ($0 as NSString).pathExtension) }
            .sorted()
        return names.isEmpty ? "" : " (beside it: \(names.joined(separator: ", ")); is that the one?)"
    }
}
