import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A problem writing the day's output that is not the configuration's fault: the output
/// folder is a file, read-only or full, or went away. It names the path and the cause in
/// plain words; the build then removes its staging folder and leaves the previous day as it
/// was (exit status 3).
public struct OutputError: Error, CustomStringConvertible, Sendable {
    /// The path that could not be written, as the user gave it where possible.
    public var path: String
    /// What the system said, in plain words, and what to do.
    public var cause: String

    public init(path: String, cause: String) {
        self.path = path
        self.cause = cause
    }

    public var description: String { "cannot write \(path): \(cause)" }

    /// The output needs `needed` bytes where only `available` are free.
    static func noSpace(at path: String, needed: Int64, available: Int64) -> OutputError {
        OutputError(path: path, cause: "not enough free space: this build needs about \(gigabytes(needed)), "
            + "the file system has \(gigabytes(available)) free. Free some space or build fewer formats (--formats mp3)")
    }

    /// Describes an error thrown while writing below `path`: the system's reason (errno) where
    /// one can be found, else the error as it came.
    static func wrapping(_ error: Error, at path: String) -> OutputError {
        if let error = error as? OutputError { return error }
        if let code = posixCode(of: error) { return OutputError(path: path, cause: explanation(of: code)) }
        let described = (error as NSError).userInfo[NSLocalizedDescriptionKey] as? String
        return OutputError(path: path, cause: described ?? "\(error)")
    }

    /// Plain words for an errno, with what to do for the common ones.
    static func explanation(of code: Int32) -> String {
        switch code {
        case ENOSPC, EDQUOT: return "no space left on the device; free some space and build again"
        case EROFS: return "the file system is read-only; give --output a folder that can be written"
        case EACCES, EPERM: return "permission denied; give --output a folder this user can write"
        case ENOTDIR, EEXIST: return "a file is in the way where a folder should be; give --output a folder"
        default: return String(cString: strerror(code))
        }
    }

    /// The errno behind a Foundation or POSIX error, if there is one.
    private static func posixCode(of error: Error) -> Int32? {
        if let posix = error as? POSIXError { return posix.code.rawValue }
        let nsError = error as NSError
        if nsError.domain == NSPOSIXErrorDomain { return Int32(nsError.code) }
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError { return posixCode(of: underlying) }
        guard nsError.domain == NSCocoaErrorDomain else { return nil }
        switch CocoaError.Code(rawValue: nsError.code) {
        case .fileWriteOutOfSpace: return ENOSPC
        case .fileWriteVolumeReadOnly: return EROFS
        case .fileWriteNoPermission: return EACCES
        case .fileWriteFileExists: return EEXIST
        default: return nil
        }
    }

    private static func gigabytes(_ bytes: Int64) -> String {
        bytes >= 1 << 30 ? String(format: "%.1f GB", Double(bytes) / Double(1 << 30))
            : String(format: "%.0f MB", Double(bytes) / Double(1 << 20))
    }
}
