import ArgumentParser

/// The `loa` command line: thin; parse, call the libraries, print.

struct Loa: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loa",
        abstract: "Turn approved Vietnamese bulletins into audio programmes for commune loudspeaker stations.",
        subcommands: [BuildCommand.self, WatchCommand.self, CheckCommand.self, ApproveCommand.self, KeysCommand.self, ServeCommand.self, FetchCommand.self,
                      SayCommand.self, NormalizeCommand.self, VoicesCommand.self])
}
