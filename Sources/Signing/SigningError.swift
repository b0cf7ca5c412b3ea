/// Why a key or a signature was refused, in words a department's or a station's staff can act on.
public struct SigningError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file (or source) the problem is in, as the user named it.
    public var file: String
    public var message: String

    public init(_ file: String, _ message: String) {
        self.file = file
        self.message = message
    }

    public var description: String { "\(file): \(message)" }
}
