import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Named moments of a build (and of a take-cache write) where the integrity tests kill it (`LOA_KILL_AT=<name>` in the
/// environment): the process ends there with SIGKILL, as a power cut or the OOM killer
/// would end it. Unset, each check is one comparison.
package enum Failpoint {
    private static let armed = ProcessInfo.processInfo.environment["LOA_KILL_AT"]

    /// Ends the process with SIGKILL if the environment names `name`.
    package static func check(_ name: String) {
        guard let armed, armed == name else { return }
        kill(getpid(), SIGKILL)
    }
}
