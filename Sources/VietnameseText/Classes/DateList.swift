// Lists of days and months without "ngày" before each: in "ngày 20/9, 21/9 và
// 22/9" the cue of the first covers the others; "21/11, 28/11 và 5/12", with no
// cue at all, is still a list of dates when it has two or more valid days in time
// order and counts nothing ("1/2 và 3/4 số hộ" stays a list of ratios).

enum DateList {
    struct Item { var start: Int; var day: Int; var month: Int }

    /// A d/m without a year at i (glued "/", valid day and month), not part of a
    /// longer date, ratio or code.
    static func item(_ c: TokenContext, at i: Int) -> Item? {
        guard c.isNumber(i), c.tokens[i].text.utf8.count <= 2, c.glued(i + 1, "/"), c.isNumber(i + 2),
              c.tokens[i + 2].text.utf8.count <= 2,
              !c.glued(i + 3, "/"), !(c.glued(i + 3, "-") || c.glued(i + 3, ".")) || !c.isNumber(i + 4),
              !(c.attached(i) && c.isSymbol(i - 1, "/")),
              let d = NumberReading.value(c.tokens[i].text), let m = NumberReading.value(c.tokens[i + 2].text),
              CalendarDate.isValid(d, m, nil) else { return nil }
        return Item(start: i, day: d, month: m)
    }

    /// The d/m at i belongs to a list of dates.
    static func around(_ c: TokenContext, _ i: Int) -> Bool {
        guard let me = item(c, at: i) else { return false }
        var items = [me]
        var first = i
        while items.count < 16, first >= 4, let sep = c.token(first - 1), CalendarDate.isListSeparator(sep),
              let previous = item(c, at: first - 4) {
            items.insert(previous, at: 0)
            first -= 4
        }
        var after = i + 3
        while items.count < 16, let sep = c.token(after), CalendarDate.isListSeparator(sep),
              let next = item(c, at: after + 1) {
            items.append(next)
            after += 4
        }
        guard items.count >= 2 else { return false }
        if first != i, CalendarDate.directCue(c, first) { return true }
        // No cue: two or more days in time order that count nothing.
        if CountedWords.counts(c, at: after) { return false }
        if let w = c.previousWord(first), CountedWords.amountCues.contains(w) { return false }
        for (a, b) in zip(items, items.dropFirst()) where (b.month, b.day) <= (a.month, a.day) { return false }
        return true
    }
}
