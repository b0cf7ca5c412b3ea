/// How urgently a bulletin must reach listeners; decides order and what is left out.
public enum Priority: String, Sendable, Hashable, CaseIterable, Comparable {
    case urgent, high, normal, low

    /// Lower rank airs first.
    public var rank: Int {
        switch self {
        case .urgent: return 0
        case .high: return 1
        case .normal: return 2
        case .low: return 3
        }
    }

    public static func < (a: Priority, b: Priority) -> Bool { a.rank < b.rank }
}
