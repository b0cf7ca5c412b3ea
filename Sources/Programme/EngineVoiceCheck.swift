import Speech

/// A place in a configuration file, for messages about a value written there.
public struct ConfigLocation: Sendable, Hashable {
    /// Path as given to Loa (e.g. `Voices/bac.yaml`).
    public var file: String
    /// 1-based line, when known.
    public var line: Int?

    public init(file: String, line: Int?) {
        self.file = file
        self.line = line
    }
}

/// Checks the voice profiles against the voices espeak-ng has, before anything is built.
///
/// Without it, a profile naming a voice that is not installed fails deep inside synthesis
/// with the engine's message; here it is reported at the profile's file and line with what
/// to do, and the build stops before anything is written.
extension VoiceLibrary {
    /// Throws for the first profile (by id) whose `espeak-voice` is not among `installed`
    /// (`SpeechEngine.availableVoices()`), naming its file and line. `only` limits the check
    /// to the profiles the build uses; nil checks every profile.
    public func checkEngineVoices(installed: [EngineVoice], only: Set<String>? = nil) throws(ConfigError) {
        for id in ids where only?.contains(id) ?? true {
            guard let wanted = profiles[id]?.espeakVoice, !Self.isInstalled(wanted, in: installed) else { continue }
            let location = espeakVoiceLines[id] ?? ConfigLocation(file: "Voices/\(id).yaml", line: nil)
            let vietnamese = installed.filter { $0.languages.contains { $0.hasPrefix("vi") } }
                .map { $0.languages.first ?? $0.name }
            let hint = vietnamese.isEmpty ? "" : " (installed Vietnamese voices: \(vietnamese.sorted().joined(separator: ", ")))"
            throw ConfigError(Diagnostic(.error, file: location.file, line: location.line,
                "espeak-voice '\(wanted)' is not installed\(hint); run `loa voices` to list them"))
        }
    }

    /// Whether espeak-ng would accept `wanted`: the rule `SpeechEngine` applies when it
    /// selects a voice (name, file or language tag, case-insensitive).
    static func isInstalled(_ wanted: String, in installed: [EngineVoice]) -> Bool {
        let wanted = wanted.lowercased()
        guard !wanted.isEmpty else { return false }
        return installed.contains { voice in
            voice.name.lowercased() == wanted || voice.identifier.lowercased() == wanted
                || voice.languages.contains(wanted)
                || voice.identifier.split(separator: "/").last.map { $0.lowercased() == wanted } == true
        }
    }
}
