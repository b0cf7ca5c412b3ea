/// Why `loa fetch` stopped. Nothing is installed in either case and earlier days stay as they were.
public enum FetchError: Error, CustomStringConvertible, Sendable {
    /// Could not finish: the server is unreachable, answered with an error or something that
    /// is not a pack, or the local disk failed. Exit status 1; a later run may succeed.
    case incomplete(String)
    /// The pack is not the department's, not this station's or this day's, or was changed:
    /// exit status 2. Never retried into an installed day.
    case rejected(String)

    public var description: String {
        switch self {
        case .incomplete(let message): return message
        case .rejected(let message): return "verification failed: \(message)"
        }
    }

    public var exitStatus: Int32 {
        switch self {
        case .incomplete: return 1
        case .rejected: return 2
        }
    }
}
