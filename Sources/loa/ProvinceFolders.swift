import ArgumentParser

/// The province's own files as `build`, `check` and `watch` take them: `loa.yaml`, the
/// bulletins and the voice profiles (defined once, so the three commands agree).
struct ProvinceFolders: ParsableArguments {
    @Option(help: "Province configuration.")
    var config = "loa.yaml"

    @Option(help: "Folder of bulletin files (read only).")
    var bulletins = "Bulletins"

    @Option(help: "Folder of voice profiles.")
    var voices = "Voices"
}
