/// How a province decides that a bulletin is approved (`approval:` in `loa.yaml`).
///
///     approval: recorded            # the default: only text approved with `loa approve` airs
///     approvals-file: approvals.jsonl
///
///     approval: header              # offices that approve on paper: the header's
///                                   # approved-by / approved-on lines are enough
public struct ApprovalSettings: Sendable, Hashable {
    public enum Mode: String, Sendable, Hashable, CaseIterable {
        /// A bulletin airs only when its exact text has a record in the approvals file
        /// (`loa approve`); a text changed after approval does not air.
        case recorded
        /// The header's `approved-by` and `approved-on` lines approve it, as typed. For
        /// offices that approve on paper and keep the signed copy.
        case header
    }

    public var mode: Mode
    /// The approvals file as written (relative to `loa.yaml`, or `~/…`).
    public var file: String
    /// The line of `approval:` in `loa.yaml`, for messages.
    public var line: Int?

    /// The approvals file when `approvals-file:` is not given: beside `loa.yaml`.
    public static let defaultFile = "approvals.jsonl"

    public init(mode: Mode = .recorded, file: String = defaultFile, line: Int? = nil) {
        self.mode = mode
        self.file = file
        self.line = line
    }
}
