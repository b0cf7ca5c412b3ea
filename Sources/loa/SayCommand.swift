import ArgumentParser
import Audio
import Foundation
import Programme
import Speech
import VietnameseText

/// `loa say`: normalize and speak one text into a WAV, to try a wording or a voice. The
/// file is levelled as a take is levelled for the air (the province's loudness target and
/// true-peak ceiling), so a preview plays as loud as the programme will. With `--phonemes`
/// it prints how the voice reads the text instead (for voice work: a regional initial, a
/// rule in `Voices/espeak-ng/dictsource/vi_rules`).
struct SayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "say", abstract: "Normalize a text and synthesize it to a WAV file, levelled as it airs.")

    @Option(help: "Voice profile id (a file in the voices folder).")
    var voice = "bac"

    @Option(help: "Folder of voice profiles.")
    var voices = "Voices"

    @Option(help: "Speech data, overriding the profile's speech-data: loa (Loa's Vietnamese data) or stock (the system's espeak-ng data).")
    var speechData: String?

    @Option(help: "Staff lexicon to use besides the built-in word lists.")
    var lexicon = "Bulletins/lexicon.tsv"

    @Option(help: "Province configuration, for its output settings (sample rate, loudness target, true-peak ceiling); Loa's defaults when it does not exist.")
    var config = "loa.yaml"

    @Flag(help: "Write the engine's sound as it comes (its own rate and level), not levelled as it airs.")
    var unlevelled = false

    @Flag(help: "Print how the voice reads each sentence, in espeak-ng's phoneme names (one line a sentence), instead of writing a WAV.")
    var phonemes = false

    @Option(name: .shortAndLong, help: "WAV file to write.")
    var output: String?

    @Argument(help: "The text, or - to read standard input.")
    var text: String

    func validate() throws {
        if !phonemes && output == nil { throw ValidationError("Missing expected argument '--output <output>'") }
        if phonemes && output != nil { throw ValidationError("--phonemes prints to standard output; leave out --output") }
    }

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
        if phonemes {
            let sentences = script.paragraphs.flatMap { $0.map(\.spoken) }
            let lines = try await SpeechEngine.shared.phonemes(sentences: sentences, voice: profile)
            print(lines.joined(separator: "\n"))
            return
        }
        guard let output else { return }   // validate() requires it without --phonemes
        let clip = try await SpeechEngine.shared.synthesize(
            paragraphs: script.paragraphs.map { $0.map(\.spoken) }, voice: profile)
        var samples = clip.samples
        var sampleRate = clip.sampleRate
        var level = "unlevelled"
        if !unlevelled {
            let settings = try outputSettings()
            let master = try TakeMaster(settings: settings, makesMP3: false, keepsSound: false)
            // The engine's 16-bit sound read as floats, as the build reads a take back.
            let take = master.levelled(try master.resampled(AudioFile.floats(clip.samples), from: clip.sampleRate))
            samples = AudioFile.pcm16(take.sound)
            sampleRate = settings.sampleRate
            level = String(format: "levelled to %.1f LUFS (gain %+.1f dB, true peak %.1f dBTP)",
                           settings.loudnessLUFS, take.gainDB, take.truePeakDBTP)
        }
        try AudioFile.writeWAV(samples, sampleRate: sampleRate, to: URL(fileURLWithPath: output))
        let seconds = Double(samples.count) / Double(max(sampleRate, 1))
        FileHandle.standardError.write(Data(String(format: "wrote %@: %.1f s at %d Hz, %@\n",
                                                   output, seconds, sampleRate, level).utf8))
    }

    /// The output settings of the province configuration, or Loa's defaults when there is
    /// none at the default path (a named one must exist).
    private func outputSettings() throws -> OutputSettings {
        guard FileManager.default.fileExists(atPath: config) else {
            if config == "loa.yaml" { return OutputSettings() }
            throw ValidationError("no province configuration at \(config)")
        }
        return try ProvinceLoader.load(URL(fileURLWithPath: config), display: config).output
    }
}
