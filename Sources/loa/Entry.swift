import Serving
import Speech

/// Where `loa` starts. `loa speech-worker …` and `loa speech-compile …` are started by `loa`
/// itself to run libespeak-ng (see `SpeechWorker`, `SpeechDataCompiler`); they must run
/// before anything starts a thread, so they are decided here, before the parser. So is
/// `loa serve`'s choice of executor (`StationServer.runConcurrencyOnEventLoops`).
@main
enum Entry {
    static func main() async {
        switch CommandLine.arguments.dropFirst().first {
        case SpeechWorker.subcommand: SpeechWorker.serve(CommandLine.arguments)
        case SpeechDataCompiler.subcommand: SpeechDataCompiler.serve(CommandLine.arguments)
        case "serve": StationServer.runConcurrencyOnEventLoops()
        default: break
        }
        await Loa.main()
    }
}
