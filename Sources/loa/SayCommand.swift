import ArgumentParser
import Audio
import Foundation
import Programme
import Speech
import VietnameseText

/// `loa say`: normalize and speak one text into a WAV, to try a wording or a voice.
struct SayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "say", abstract: "Normalize a text and synthesize it to a WAV file.")

    @Option(help: "Voice profile id (a file in the voices folder).")
    var voice = "bac"

    @Option(help: "Folder of voice profiles.")
    var voices = "Voices"

    @Option(help: "Speech data, overriding the profile's speech-data: loa (Loa's Vietnamese data) or stock (the system's espeak-ng data).")
    var speechData: String?

    @Option(help: "Staff lexicon to use besides the built-in word lists.")
    var lexicon = "Bulletins/lexicon.tsv"

    @Option(name: .shortAndLong, help: "WAV file to write.")
    var output: String

    @Argument(help: "The text, or - to read standard input.")
    var text: String

    func run() async throws {
        var library = try VoiceLibrary.load(directory: URL(fileURLWithPath: voices), displayPrefix: voices)
        guard library[voice] != nil else {
            throw ValidationError("no voice profile '\(voice)' in \(voices)/; expected one of \(library.ids.joined(separator: ", "))")
        }
        if let speechData {
            guard let choice = SpeechDataChoice(rawValue: speechData) else {
                throw ValidationError("--speech-data should be loa or stock")
            }
            library.speechData[voice] = choice
        }
        library = try library.withCompiledSpeechData(engineVersion: try await SpeechEngine.shared.engineVersion())
        let profile = library[voice]!
        let input = text == "-" ? String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self) : text
        var words = Lexicon.builtIn
        if FileManager.default.fileExists(atPath: lexicon) {
            _ = try words.merge(contentsOf: URL(fileURLWithPath: lexicon))
        }
        let script = Script(paragraphs: [(input, 1)], file: text == "-" ? "<stdin>" : "<text>",
                            normalizer: Normalizer(lexicon: words))
        let clip = try await SpeechEngine.shared.synthesize(
            paragraphs: script.paragraphs.map { $0.map(\.spoken) }, voice: profile)
        try AudioFile.writeWAV(clip.samples, sampleRate: clip.sampleRate, to: URL(fileURLWithPath: output))
        let seconds = Double(clip.frameCount) / Double(max(clip.sampleRate, 1))
        FileHandle.standardError.write(Data(String(format: "wrote %@: %.1f s at %d Hz\n", output, seconds, clip.sampleRate).utf8))
    }
}
