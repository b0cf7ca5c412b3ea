/// Takes could not be made: the spool could not be written or read (disk full, folder not
/// writable), or a take came out other than planned.
struct TakeStoreError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
