/// `signing:` in `loa.yaml`: the department key the day's packs are signed with.
///
///     signing:
///       key: ~/.config/loa/department.key   # made once with `loa keys generate`
///       make-if-missing: true               # the bundled sample only: the first build makes it
public struct SigningSettings: Sendable, Hashable {
    /// The secret key file as written (`~/` and paths relative to `loa.yaml` allowed).
    public var key: String
    /// Make the key pair on first use instead of failing: for the sample province, so a fresh
    /// clone builds signed packs. A department makes its key deliberately and keeps it.
    public var makeIfMissing: Bool
    /// The line of `key:`, for errors.
    public var line: Int?

    public init(key: String, makeIfMissing: Bool = false, line: Int? = nil) {
        self.key = key
        self.makeIfMissing = makeIfMissing
        self.line = line
    }
}
