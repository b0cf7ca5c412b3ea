/// Fills the opening and closing templates of `loa.yaml` for one station, slot and day.
public enum AnnouncementWriter {
    /// Placeholders a template may use.
    public static let placeholders = ["kind", "station", "district", "weekday", "date", "day", "month", "year", "slot"]

    /// Vietnamese weekday names as an announcer says them, Monday first.
    static let weekdays = ["thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật"]

    /// The written text of an announcement (the normalizer then reads the numbers aloud).
    public static func text(_ template: String, station: Station, district: District?, slot: Slot,
                            date: CalendarDate) -> String {
        let values: [String: String] = [
            "kind": station.kind.rawValue,
            "station": station.name,
            "district": district?.name ?? "",
            "weekday": weekdays[date.isoWeekday - 1],
            "date": "ngày \(date.day) tháng \(date.month) năm \(date.year)",
            "day": String(date.day),
            "month": String(date.month),
            "year": String(date.year),
            "slot": slot.label,
        ]
        var result = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let name = String(rest[rest.index(after: open)..<close])
            result += values[name] ?? "{\(name)}"
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    /// Placeholders in `template` that Loa does not know.
    static func unknownPlaceholders(in template: String) -> [String] {
        var unknown: [String] = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            let name = String(rest[rest.index(after: open)..<close])
            if !placeholders.contains(name) { unknown.append(name) }
            rest = rest[rest.index(after: close)...]
        }
        return unknown
    }
}
