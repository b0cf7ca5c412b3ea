/// A problem found in something staff wrote: which file, which line, what was expected.
///
/// Errors stop only the thing they are about (one bulletin, or the whole build for a bad
/// province file); warnings are reported and the work goes on.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable { case error, warning }

    public var severity: Severity
    /// Path as given to Loa (relative paths stay relative, for readable messages).
    public var file: String
    /// 1-based line, when the problem has one.
    public var line: Int?
    /// What is wrong and what was expected.
    public var message: String

    public init(_ severity: Severity, file: String, line: Int? = nil, _ message: String) {
        self.severity = severity
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: error: message`, the shape compilers use, so editors can jump to it.
    public var description: String {
        "\(file)\(line.map { ":\($0)" } ?? ""): \(severity.rawValue): \(message)"
    }
}

/// A diagnostic can be thrown where one problem stops the work it is about.
extension Diagnostic: Error {}
