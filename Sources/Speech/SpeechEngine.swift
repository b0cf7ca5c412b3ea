// INTERIM API SKETCH — being implemented (in-process libespeak-ng). Do not ship as is.
import CEspeakNG

/// An espeak-ng voice installed on this machine.
public struct EngineVoice: Sendable, Hashable {
    public var name: String
    public var languages: [String]
    public var identifier: String
}

/// Errors from the speech engine, each saying what to do.
public enum SpeechError: Error, CustomStringConvertible, Sendable {
    case initializationFailed(String)
    case unknownVoice(String)
    case synthesisFailed(String)

    public var description: String {
        switch self {
        case .initializationFailed(let s): return "espeak-ng could not start: \(s)"
        case .unknownVoice(let v): return "espeak-ng has no voice '\(v)'; run `loa voices` to list them"
        case .synthesisFailed(let s): return "espeak-ng synthesis failed: \(s)"
        }
    }
}

/// The one owner of libespeak-ng in this process (its state is global and not thread-safe).
public actor SpeechEngine {
    public static let shared = SpeechEngine()

    /// Synthesize sentences grouped in paragraphs, with the profile's pauses between them.
    public func synthesize(paragraphs: [[String]], voice: VoiceProfile) throws -> Clip {
        fatalError("not yet implemented")
    }

    /// Output sample rate of the engine (22050 Hz for espeak-ng).
    public func sampleRate() throws -> Int { fatalError("not yet implemented") }

    /// Voices installed for espeak-ng.
    public func availableVoices() throws -> [EngineVoice] { fatalError("not yet implemented") }

    /// espeak-ng's version string, e.g. "1.51".
    public func engineVersion() throws -> String { fatalError("not yet implemented") }
}
