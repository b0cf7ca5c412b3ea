/// Finds bulletins that share an id and keeps all of them off the air.
///
/// Two files with one id are usually an old copy and its correction. Which one is current
/// cannot be told from the files (path order, dates in the name and modification times all
/// mislead), so neither airs: each file gets an error naming the other, and staff remove,
/// rename or re-id one of them.
enum DuplicateIDs {
    /// The bulletins whose id is used once, in their order, and an error for each of the others.
    static func separate(_ bulletins: [Bulletin]) -> (unique: [Bulletin], diagnostics: [Diagnostic]) {
        var files: [String: [String]] = [:]
        for bulletin in bulletins { files[bulletin.id, default: []].append(bulletin.file) }
        var unique: [Bulletin] = []
        var diagnostics: [Diagnostic] = []
        for bulletin in bulletins {
            let sharing = files[bulletin.id] ?? []
            guard sharing.count > 1 else {
                unique.append(bulletin)
                continue
            }
            let others = sharing.filter { $0 != bulletin.file }.joined(separator: ", ")
            let source = bulletin.headerLines["id"] == nil ? "its file name" : "its 'id:'"
            diagnostics.append(Diagnostic(.error, file: bulletin.file, line: bulletin.headerLines["id"],
                "bulletin id '\(bulletin.id)' (from \(source)) is also used by \(others); neither airs until "
                    + "one of them is removed, renamed or given another 'id:' "
                    + "(an old copy can go into a folder whose name starts with '_')"))
        }
        return (unique, diagnostics)
    }
}
