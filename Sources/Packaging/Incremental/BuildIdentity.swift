import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Which Loa made a take or a day: its version and the build of the running program (the
/// executable's size and modification time). Part of every take-cache entry's name and of
/// every fingerprint, so a new build of Loa, whose levelling or encoding may have changed,
/// never reuses what an older one made: it builds afresh once, then its own takes are reused.
public enum BuildIdentity {
    public static let current: String = {
        var info = stat()
        guard stat("/proc/self/exe", &info) == 0 else { return "loa \(LoaVersion.current)" }
        return "loa \(LoaVersion.current) build \(info.st_size)-\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }()
}
