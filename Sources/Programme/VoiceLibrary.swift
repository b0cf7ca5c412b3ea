import Foundation
import Speech

/// The voice profiles in `Voices/`: one short YAML file per voice, as Piper and
/// espeak-ng keep theirs.
public struct VoiceLibrary: Sendable {
    public var profiles: [String: VoiceProfile]

    /// Where each profile's `espeak-voice:` is written, by profile id, so a voice espeak-ng
    /// does not have is reported at its file and line (`checkEngineVoices`).
    public var espeakVoiceLines: [String: ConfigLocation]

    /// Which espeak-ng data each profile speaks with (`speech-data:`), by profile id.
    public var speechData: [String: SpeechDataChoice]

    /// The folder the profiles were read from; Loa's espeak-ng sources are in its `espeak-ng/`.
    public var directory: URL?

    public init(profiles: [String: VoiceProfile], espeakVoiceLines: [String: ConfigLocation] = [:],
                speechData: [String: SpeechDataChoice] = [:], directory: URL? = nil) {
        self.profiles = profiles
        self.espeakVoiceLines = espeakVoiceLines
        self.speechData = speechData
        self.directory = directory
    }

    /// Profile ids, sorted.
    public var ids: [String] { profiles.keys.sorted() }

    public subscript(id: String) -> VoiceProfile? { profiles[id] }

    /// Loads every `*.yaml` in `directory`. A broken profile is a config error: a station
    /// whose voice is broken cannot air.
    public static func load(directory: URL, displayPrefix: String? = nil) throws(ConfigError) -> VoiceLibrary {
        let prefix = displayPrefix ?? directory.path
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".yaml") && !$0.hasPrefix(".") }.sorted()
        guard !names.isEmpty else {
            throw ConfigError(Diagnostic(.error, file: prefix, "has no voice profiles; expected files like bac.yaml (see docs/formats.md)"))
        }
        var profiles: [String: VoiceProfile] = [:]
        var lines: [String: ConfigLocation] = [:]
        var speechData: [String: SpeechDataChoice] = [:]
        for name in names {
            let display = (prefix as NSString).appendingPathComponent(name)
            let id = (name as NSString).deletingPathExtension
            guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path),
                  let text = String(validating: data, as: UTF8.self) else {
                throw ConfigError(Diagnostic(.error, file: display, "cannot be read as UTF-8 text"))
            }
            let (profile, espeakVoiceLine, choice) = try read(text, id: id, file: display)
            profiles[id] = profile
            lines[id] = ConfigLocation(file: display, line: espeakVoiceLine)
            speechData[id] = choice
        }
        return VoiceLibrary(profiles: profiles, espeakVoiceLines: lines, speechData: speechData, directory: directory)
    }

    /// Parses one profile, checking every number against espeak-ng's ranges.
    public static func parse(_ text: String, id: String, file: String) throws(ConfigError) -> VoiceProfile {
        try read(text, id: id, file: file).profile
    }

    /// The profile, the line of its `espeak-voice:`, and the speech data it chose.
    static func read(_ text: String, id: String, file: String) throws(ConfigError)
        -> (profile: VoiceProfile, espeakVoiceLine: Int?, speechData: SpeechDataChoice)
    {
        let map = try YAMLMapping.parse(text, file: file)
        func number(_ key: String, _ range: ClosedRange<Int>) throws(ConfigError) -> Int {
            guard let value = try map.optionalInt(key) else { throw map.fail("expected '\(key):' (a whole number in \(range))") }
            guard range.contains(value) else {
                throw map.fail("'\(key)' is \(value); expected a number in \(range.lowerBound)…\(range.upperBound)", at: map.node(key))
            }
            return value
        }
        let profile = VoiceProfile(
            id: id, espeakVoice: try map.string("espeak-voice"),
            rate: try number("rate", 80...450), pitch: try number("pitch", 0...100),
            pitchRange: try number("pitch-range", 0...100), volume: try number("volume", 0...200),
            sentencePauseMs: try number("sentence-pause-ms", 0...5000),
            paragraphPauseMs: try number("paragraph-pause-ms", 0...10000),
            compressionRatio: try compressionRatio(map))
        var speechData = SpeechDataChoice.loa
        if let text = map.optionalString("speech-data") {
            guard let choice = SpeechDataChoice(rawValue: text.lowercased()) else {
                throw map.fail("speech-data '\(text)' should be loa (Loa's Vietnamese data, the default) or stock (the system's espeak-ng data)",
                               at: map.node("speech-data"))
            }
            speechData = choice
        }
        return (profile, map.node("espeak-voice")?.mark?.line, speechData)
    }

    /// The optional `compression-ratio:`, 1 (none) to 4; 1 when absent.
    private static func compressionRatio(_ map: YAMLMapping) throws(ConfigError) -> Double {
        guard let text = map.optionalString("compression-ratio") else { return 1 }
        guard let value = Double(text), (1.0...4.0).contains(value) else {
            throw map.fail("compression-ratio '\(text)' should be a ratio from 1 (no compression) to 4, e.g. 2",
                           at: map.node("compression-ratio"))
        }
        return value
    }
}
