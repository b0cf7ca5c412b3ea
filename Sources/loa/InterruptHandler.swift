import Dispatch
import Foundation
import Packaging

/// Ctrl-C, `kill` and a closed terminal stop a build cleanly: its staging folder is removed,
/// the day is left as it was (a swap under way finishes first), and `loa` exits 128 + the
/// signal (130 for Ctrl-C).
enum InterruptHandler {
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    static func install() {
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                Interruption.shared.interrupt()
                FileHandle.standardError.write(Data("loa: interrupted; nothing was changed in the output\n".utf8))
                exit(128 + signalNumber)
            }
            source.resume()
            sources.append(source)
        }
    }
}
