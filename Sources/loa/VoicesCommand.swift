import ArgumentParser
import Foundation
import Programme
import Speech

/// `loa voices`: the voice profiles and the espeak-ng voices they can use.
struct VoicesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "voices", abstract: "List voice profiles and the espeak-ng voices installed.")

    @Option(help: "Folder of voice profiles.")
    var voices = "Voices"

    func run() async throws {
        let engine = SpeechEngine.shared
        print("espeak-ng \(try await engine.engineVersion()), \(try await engine.sampleRate()) Hz")
        let installed = try await engine.availableVoices()
        let names = Set(installed.map(\.name) + installed.map(\.identifier) + installed.flatMap(\.languages))
        print("profiles in \(voices)/:")
        let library = try VoiceLibrary.load(directory: URL(fileURLWithPath: voices), displayPrefix: voices)
        for id in library.ids {
            guard let p = library[id] else { continue }
            let found = names.contains(p.espeakVoice) ? "" : "  (espeak-ng voice not installed!)"
            print("  \(id): \(p.espeakVoice), \(p.rate) wpm, pitch \(p.pitch), range \(p.pitchRange), volume \(p.volume), pauses \(p.sentencePauseMs)/\(p.paragraphPauseMs) ms\(p.compressionRatio > 1 ? ", compression \(String(format: "%g", p.compressionRatio)):1" : "")\(found)")
        }
        print("Vietnamese espeak-ng voices:")
        for v in installed where v.languages.contains(where: { $0.hasPrefix("vi") }) {
            print("  \(v.languages.joined(separator: ",")): \(v.name) (\(v.identifier))")
        }
    }
}
