import Speech

/// Where `loa` starts. `loa speech-worker …` is started by `loa` itself to run libespeak-ng
/// (see `SpeechWorker`); it must run before anything starts a thread, so it is decided
/// here, before the command-line parser.
@main
enum Entry {
    static func main() async {
        if CommandLine.arguments.count > 1, CommandLine.arguments[1] == SpeechWorker.subcommand {
            SpeechWorker.serve(CommandLine.arguments)
        }
        await Loa.main()
    }
}
