import Foundation
/// WebVTT captions for a programme: one cue per sentence, timed by where the sentence's
/// synthesized sound lies, showing the sentence as the bulletin wrote it.
///
/// A recorded bulletin's transcript has no sentence timings: it gets a cue per paragraph,
/// the recording's length shared among them in proportion to their letters (a reader
/// reads at a roughly even pace), so the board shows about the part being read.
public enum Captions {
    public static func webVTT(_ timeline: ProgrammeTimeline, sampleRate: Int) -> String {
        var text = "WEBVTT\n"
        var number = 0
        for place in timeline.places where !place.caption.isEmpty && place.take.soundFrames > 0 {
            for (caption, start, end) in cues(of: place) {
                number += 1
                let startMs = start * 1000 / sampleRate
                let endMs = max(startMs + 1, end * 1000 / sampleRate)
                let shown = caption.replacingOccurrences(of: "-->", with: "→")
                    .split(whereSeparator: \.isNewline).joined(separator: " ")
                text += "\n\(number)\n\(timestamp(startMs)) --> \(timestamp(endMs))\n\(shown)\n"
            }
        }
        return text
    }

    /// A take's cues with their first and last frame in the programme: the sentence over its
    /// sound, or a recording's transcript paragraph by paragraph over shares of its sound.
    static func cues(of place: PlacedTake) -> [(caption: String, start: Int, end: Int)] {
        guard case .recording = place.key.source else { return [(place.caption, place.soundStart, place.soundEnd)] }
        let paragraphs = place.caption.components(separatedBy: "\n\n").filter { !$0.isEmpty }
        let letters = paragraphs.map { max($0.count, 1) }
        let total = letters.reduce(0, +)
        var cues: [(caption: String, start: Int, end: Int)] = []
        var before = 0
        for (paragraph, count) in zip(paragraphs, letters) {
            let start = place.soundStart + place.take.soundFrames * before / total
            before += count
            cues.append((paragraph, start, place.soundStart + place.take.soundFrames * before / total))
        }
        return cues
    }

    /// `hh:mm:ss.ttt`.
    static func timestamp(_ ms: Int) -> String {
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(ms / 3_600_000, 2)):\(pad(ms / 60_000 % 60, 2)):\(pad(ms / 1000 % 60, 2)).\(pad(ms % 1000, 3))"
    }
}
