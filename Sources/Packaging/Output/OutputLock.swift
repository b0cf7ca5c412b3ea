import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One build per output folder at a time: an exclusive `flock` on `<output>/.loa-build.lock`.
///
/// Two builds writing one day at once would mix their stations. The kernel drops the lock
/// when the process ends, however it ends (kill -9 included), so a crashed build never leaves
/// it held; the file itself stays and is harmless.
public final class OutputLock {
    private let descriptor: Int32

    /// Takes the lock, waiting for a build that holds it; `waiting` is told once if it must wait.
    public init(output: URL, display: String, waiting: (String) -> Void) throws(OutputError) {
        let path = output.appendingPathComponent(".loa-build.lock").path
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw OutputError(path: display, cause: OutputError.explanation(of: errno))
        }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            waiting("another build is writing \(display); waiting for it to finish")
            while flock(fd, LOCK_EX) != 0 {
                guard errno == EINTR else {
                    let code = errno
                    close(fd)
                    throw OutputError(path: display, cause: "cannot lock it: \(String(cString: strerror(code)))")
                }
            }
        }
        descriptor = fd
    }

    deinit { close(descriptor) }
}
