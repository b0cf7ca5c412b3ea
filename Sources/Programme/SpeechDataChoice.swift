import Foundation
import Speech

/// Which espeak-ng data a voice profile speaks with (`speech-data:` in `Voices/<id>.yaml`).
public enum SpeechDataChoice: String, Sendable, Hashable {
    /// Loa's Vietnamese data, compiled from `Voices/espeak-ng/` (the default).
    case loa
    /// The system's espeak-ng data, as installed: the baseline Loa's data is measured against.
    case stock
}

extension VoiceLibrary {
    /// The folder of Loa's espeak-ng sources: `espeak-ng/` beside the profiles.
    public var speechDataSource: URL? { directory?.appendingPathComponent("espeak-ng") }

    /// The library with every `speech-data: loa` profile pointed at the compiled data folder
    /// (compiled first if these sources have not been compiled yet; see `SpeechDataCompiler`).
    public func withCompiledSpeechData(engineVersion: String) throws(ConfigError) -> VoiceLibrary {
        let usingLoa = ids.filter { speechData[$0, default: .loa] == .loa }
        guard !usingLoa.isEmpty else { return self }
        let where_ = espeakVoiceLines[usingLoa[0]]
        guard let source = speechDataSource,
              FileManager.default.fileExists(atPath: source.appendingPathComponent("phsource/phonemes").path) else {
            throw ConfigError(Diagnostic(.error, file: where_?.file ?? "Voices", line: nil,
                "speaks with Loa's speech data (speech-data: loa, the default), but \(speechDataSource?.path ?? "Voices/espeak-ng") "
                    + "has no espeak-ng sources; restore Voices/espeak-ng/ or set 'speech-data: stock'"))
        }
        let folder: URL
        do {
            folder = try SpeechDataCompiler.dataFolder(for: source, engineVersion: engineVersion)
        } catch {
            throw ConfigError(Diagnostic(.error, file: source.path, "\(error)"))
        }
        var library = self
        for id in usingLoa { library.profiles[id]?.speechData = folder.path }
        return library
    }
}
