/// A single `Range: bytes=…` request (RFC 9110 §14), resolved against a file's size.
///
/// Resumable downloads on poor links need exactly one range; a list of ranges is answered
/// with the whole file (which the RFC allows), as nginx does for most clients.
enum ByteRange: Equatable {
    /// No range, or one Loa answers whole.
    case whole
    /// Bytes `lower...upper` of the file.
    case part(ClosedRange<Int>)
    /// The range starts past the end: 416.
    case unsatisfiable

    init(header: String?, size: Int) {
        guard let header, header.hasPrefix("bytes="), !header.contains(",") else {
            self = .whole
            return
        }
        let spec = header.dropFirst("bytes=".count).trimmingCharacters(in: .whitespaces)
        let bounds = spec.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard bounds.count == 2 else { self = .whole; return }
        let first = Int(bounds[0]), last = Int(bounds[1])
        if bounds[0].isEmpty {
            // A suffix: the last N bytes.
            guard let count = last, count > 0 else { self = bounds[1].isEmpty ? .whole : .unsatisfiable; return }
            self = size == 0 ? .unsatisfiable : .part(max(0, size - count)...(size - 1))
            return
        }
        guard let start = first, start >= 0, bounds[1].isEmpty || (last ?? -1) >= start else {
            self = .whole
            return
        }
        guard start < size else { self = .unsatisfiable; return }
        self = .part(start...min(last ?? (size - 1), size - 1))
    }
}
