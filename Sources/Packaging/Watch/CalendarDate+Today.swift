import Foundation
import Programme

extension CalendarDate {
    /// Today on this machine's clock and time zone (the stations' day).
    static func today(now: Date = Date()) -> CalendarDate {
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone.current, from: now)
        return CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }

    /// The day `days` after this one.
    func adding(days: Int) -> CalendarDate {
        var date = self
        for _ in 0 ..< max(days, 0) {
            if let next = CalendarDate(year: date.year, month: date.month, day: date.day + 1) {
                date = next
            } else if let next = CalendarDate(year: date.year, month: date.month + 1, day: 1) {
                date = next
            } else {
                date = CalendarDate(year: date.year + 1, month: 1, day: 1)!
            }
        }
        return date
    }
}
