import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Days a build has replaced, waiting to be deleted: `Output/.<date>.<unique>.superseded`.
///
/// Deleting a province's old day (about 650 programme files, 4 GB of MP3) took 2–4 s of a
/// rebuild's wall time, after the new day was already in place. So the swap only renames the
/// old day aside (one rename, O(1)) and a detached `rm -rf` deletes it while `loa build`
/// exits: the build does not wait for it, the disk space comes back seconds later.
///
/// Safe for stations: the name starts with a dot, so `loa serve` never lists or serves it,
/// and no index points into it. Bounded: every build (and `DayFolder.recover`) hands every
/// superseded folder it finds to a remover, so one killed remover leaves litter only until
/// the next build. Removers may overlap (two builds in a row): each ignores what the other
/// already deleted.
enum SupersededDays {
    static let suffix = ".superseded"

    /// A new name to set the day of `date` aside under, in `output`.
    static func newName(for date: String, in output: URL) -> URL {
        output.appendingPathComponent(".\(date).\(UUID().uuidString.prefix(8).lowercased())\(suffix)")
    }

    /// Every superseded day in `output`.
    static func leftovers(in output: URL) -> [URL] {
        ((try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? [])
            .filter { $0.hasPrefix(".") && $0.hasSuffix(suffix) }
            .sorted()
            .map { output.appendingPathComponent($0) }
    }

    /// Deletes `folders` without waiting: in a detached `rm -rf` (through `sh`, which starts it
    /// in the background and exits at once, so no child of this process is left to reap and
    /// Ctrl-C on the terminal does not stop it). Where that cannot be started, deletes them
    /// here and now.
    static func removeInBackground(_ folders: [URL]) {
        guard !folders.isEmpty else { return }
        if !spawnDetachedRemover(folders) {
            for folder in folders { try? FileManager.default.removeItem(at: folder) }
        }
    }

    /// `sh -c 'rm -rf -- "$@" &' sh FOLDERS…`, with no standard streams and no inherited
    /// descriptors (a pipe a caller reads to its end must not stay open in the remover).
    private static func spawnDetachedRemover(_ folders: [URL]) -> Bool {
        #if os(Linux)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for fd in Int32(0) ... 2 {
            posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0)
        }
        // glibc ≥ 2.34; Swift's Glibc module does not declare it. Without it, descriptors
        // opened close-on-exec (all of Loa's) still do not reach the remover.
        typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        if let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") {
            _ = unsafeBitCast(symbol, to: AddCloseFrom.self)(&actions, 3)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signalNumber in [SIGTERM, SIGHUP, SIGPIPE] { sigaddset(&defaults, signalNumber) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF))
        let arguments = ["/bin/sh", "-c", "rm -rf -- \"$@\" &", "sh"] + folders.map(\.path)
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for arg in argv { free(arg) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, arguments[0], &actions, &attributes, argv, environ) == 0 else { return false }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        // The shell exits 0 once the remover is started in the background.
        return status == 0
        #else
        return false
        #endif
    }
}
