import Foundation
import Programme
#if canImport(Glibc)
import Glibc
#endif

/// `Output/<date>` and the staging folders a build writes it in.
///
/// A build writes the whole day into a staging folder of its own, then puts it in place of
/// the day with one `renameat2(RENAME_EXCHANGE)`: a station sees the old day or the new one,
/// never a mix, and a kill at any moment leaves a complete day. Where the file system cannot
/// exchange, the old day is renamed aside first and put back by the next build if a crash
/// came between the two renames. The replaced day is then deleted (`swapIn`) or, for a
/// build, renamed aside as a superseded day and deleted in the background (`SupersededDays`).
/// Only a build holding the `OutputLock` uses these.
public struct DayFolder {
    let output: URL
    let date: CalendarDate
    /// Whether to try `RENAME_EXCHANGE` (tests turn it off to exercise the fallback).
    var triesExchange = true

    public init(output: URL, date: CalendarDate) {
        self.output = output
        self.date = date
    }

    /// `Output/<date>`.
    public var day: URL { output.appendingPathComponent(date.description) }

    /// Where a day waits while the new one is renamed in (file systems without exchange).
    private var aside: URL { output.appendingPathComponent(".\(date).previous") }

    /// A new, empty staging folder for this build only: `.<date>.<unique>.partial`.
    /// `before` is told its path before it exists (to register it for clean-up).
    public func makeStaging(before: (URL) -> Void = { _ in }) throws -> URL {
        let staging = output.appendingPathComponent(".\(date).\(UUID().uuidString.prefix(8).lowercased()).partial")
        before(staging)
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false)
        return staging
    }

    /// Clears what crashed builds left: a day set aside and not put back is put back, and
    /// staging folders and days set aside are removed; superseded days a remover did not
    /// finish are handed to a new one (`SupersededDays`). Called under the lock, so none of
    /// them belongs to a running build.
    public func recover() {
        SupersededDays.removeInBackground(SupersededDays.leftovers(in: output))
        let fileManager = FileManager.default
        if fileManager.fileExists(atPath: aside.path) {
            if fileManager.fileExists(atPath: day.path) {
                try? fileManager.removeItem(at: aside)
            } else {
                _ = rename(aside.path, day.path)
            }
        }
        for name in (try? fileManager.contentsOfDirectory(atPath: output.path)) ?? []
        where name.hasPrefix(".") && name.hasSuffix(".partial") {
            try? fileManager.removeItem(at: output.appendingPathComponent(name))
        }
    }

    /// Puts `staging` in place of the day, in one step where the file system allows, then
    /// removes the old day (after the swap, so a kill there only leaves litter for `recover`).
    public func swapIn(_ staging: URL) throws {
        try exchange(staging)
        try? FileManager.default.removeItem(at: staging)
    }

    /// Puts `staging` in place of the day like `swapIn`, but does not wait for the old day to
    /// be deleted: it is renamed aside as a superseded day (hidden, never served) and deleted
    /// in the background (`SupersededDays`). What a build does: deleting a province's old day
    /// took seconds of its wall time.
    public func swapInDeletingOldDayLater(_ staging: URL) throws {
        try exchange(staging)
        guard FileManager.default.fileExists(atPath: staging.path) else { return }
        let superseded = SupersededDays.newName(for: date.description, in: output)
        // A kill before this rename leaves the old day as a staging folder, which `recover`
        // removes; where the rename fails, it is removed here, as `swapIn` would.
        guard rename(staging.path, superseded.path) == 0 else {
            try? FileManager.default.removeItem(at: staging)
            return
        }
        SupersededDays.removeInBackground([superseded])
    }

    /// Puts `staging` in place of the day; afterwards `staging` holds the old day, if there was one.
    private func exchange(_ staging: URL) throws {
        let fileManager = FileManager.default
        if !fileManager.fileExists(atPath: day.path) {
            guard rename(staging.path, day.path) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        } else if triesExchange, Self.exchange(staging.path, day.path) {
            // The staging path now holds the old day.
            Failpoint.check("exchanged")
        } else {
            guard rename(day.path, aside.path) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            Failpoint.check("aside")
            guard rename(staging.path, day.path) == 0 else {
                let code = errno
                _ = rename(aside.path, day.path)
                throw POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)
            }
            _ = rename(aside.path, staging.path)
        }
        Self.syncFolder(output)
    }

    /// `renameat2(from, to, RENAME_EXCHANGE)`: both paths exist before and after, their
    /// contents swapped atomically. False where the system or file system cannot.
    private static func exchange(_ from: String, _ to: String) -> Bool {
        #if os(Linux)
        // glibc has had renameat2 since 2.28; Swift's Glibc module does not declare it.
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        guard let symbol = dlsym(nil, "renameat2") else { return false }
        let renameAt2 = unsafeBitCast(symbol, to: RenameAt2.self)
        let renameExchange: UInt32 = 1 << 1
        return renameAt2(AT_FDCWD, from, AT_FDCWD, to, renameExchange) == 0
        #else
        return false
        #endif
    }

    /// Makes the renames in `folder` durable (a power cut after the build keeps the new day).
    private static func syncFolder(_ folder: URL) {
        let fd = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }
}
