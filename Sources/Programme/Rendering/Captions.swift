import Foundation
/// WebVTT captions for a programme: one cue per sentence, timed by where the sentence's
/// synthesized sound lies, showing the sentence as the bulletin wrote it.
public enum Captions {
    public static func webVTT(_ timeline: ProgrammeTimeline, sampleRate: Int) -> String {
        var text = "WEBVTT\n"
        var number = 0
        for place in timeline.places where !place.caption.isEmpty && place.take.soundFrames > 0 {
            number += 1
            let start = place.soundStart * 1000 / sampleRate
            let end = max(start + 1, place.soundEnd * 1000 / sampleRate)
            let caption = place.caption.replacingOccurrences(of: "-->", with: "→")
                .split(whereSeparator: \.isNewline).joined(separator: " ")
            text += "\n\(number)\n\(timestamp(start)) --> \(timestamp(end))\n\(caption)\n"
        }
        return text
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
