/// Lengths written for people in messages: "25 min 10 s", "40 s", "25 h".
///
/// Staff compare them with the `max:` they wrote in `loa.yaml` (`20m`, `1h`), so whole
/// hours and minutes are shown as such.
enum DurationText {
    static func describe(ms: Int) -> String {
        let seconds = max(0, ms) / 1000
        if seconds < 60 { return "\(seconds) s" }
        let minutes = seconds / 60
        if seconds % 3600 == 0 { return "\(minutes / 60) h" }
        return seconds % 60 == 0 ? "\(minutes) min" : "\(minutes) min \(seconds % 60) s"
    }
}
