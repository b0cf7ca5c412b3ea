import Foundation
import Programme
import Speech
import VietnameseText

/// Everything a day's build reads and checks before it writes or synthesizes anything:
/// the province, the voices, the staff lexicon, the bulletins with their approvals, and
/// which of them air on the date. Shared by `loa build` and `loa check`, so the check says
/// exactly what the build would.
public struct DayInputs: Sendable {
    public var province: Province
    public var voices: VoiceLibrary
    public var normalizer: Normalizer
    /// Every bulletin that was read and is valid for the province, aired or not, in path order.
    public var bulletins: [Bulletin]
    /// The bulletins that air on the date (approved, valid that day, not far too long).
    public var airing: [Bulletin]
    /// The spoken form of each airing bulletin, by id.
    public var scripts: [String: Script]
    /// Each bulletin's approval, by file.
    public var approvalStates: [String: ApprovalState]
    /// Problems with bulletins, the approvals file and the lexicon (none stops the day).
    public var diagnostics: [Diagnostic]
    /// Normalizer findings, by bulletin id (or the staff lexicon).
    public var findings: [(source: String, findings: [Finding])]

    /// Reads the day's inputs. A `ConfigError` (bad `loa.yaml`, voices, key) stops the day.
    /// `formats` overrides every station's formats; `display` shows a path in messages.
    public static func read(date: CalendarDate, config: URL, bulletins folder: URL, voices voicesFolder: URL,
                            formats: [OutputFormat]? = nil, engine: SpeechEngine,
                            display: (URL) -> String) async throws -> DayInputs {
        var province = try ProvinceLoader.load(config, display: display(config))
        if let formats {
            province.output.formats = formats
            for d in province.districts.indices {
                for s in province.districts[d].stations.indices { province.districts[d].stations[s].formats = nil }
            }
        }
        var voices = try VoiceLibrary.load(directory: voicesFolder, displayPrefix: display(voicesFolder))
        try checkVoices(of: province, in: voices)
        try voices.checkEngineVoices(installed: try await engine.availableVoices())
        voices = try voices.withCompiledSpeechData(engineVersion: try await engine.engineVersion())
        let approvals = try ApprovalBook.load(province: province, configFolder: config.deletingLastPathComponent(), display: display)

        var diagnostics: [Diagnostic] = []
        var findings: [(source: String, findings: [Finding])] = []
        var lexicon = Lexicon.builtIn
        let staffLexicon = folder.appendingPathComponent("lexicon.tsv")
        if FileManager.default.fileExists(atPath: staffLexicon.path) {
            let problems = try lexicon.merge(contentsOf: staffLexicon)
            findings.append((source: display(staffLexicon), findings: problems))
        }
        let normalizer = Normalizer(lexicon: lexicon)

        let loaded = BulletinLibrary.load(directory: folder, displayPrefix: display(folder),
                                          approvalFromHeader: province.approval.mode == .header)
        let approved = approvals.apply(to: loaded.bulletins)
        let validated = BulletinValidator.validate(approved.bulletins, province: province, voices: voices)
        diagnostics += loaded.diagnostics + approvals.diagnostics + approved.diagnostics + validated.diagnostics
        // A bulletin far too long for every slot it may air in is reported, not synthesized.
        var airing: [Bulletin] = []
        var scripts: [String: Script] = [:]
        for bulletin in validated.valid where bulletin.airs(on: date) {
            let script = Script(bulletin: bulletin, normalizer: normalizer)
            if let tooLong = BulletinValidator.fitsNoSlot(bulletin, province: province, voices: voices,
                                                          spokenText: script.spokenText) {
                diagnostics.append(tooLong)
                continue
            }
            airing.append(bulletin)
            scripts[bulletin.id] = script
            if !script.findings.isEmpty { findings.append((source: bulletin.id, findings: script.findings)) }
        }
        return DayInputs(province: province, voices: voices, normalizer: normalizer, bulletins: validated.valid,
                         airing: airing, scripts: scripts, approvalStates: approved.states,
                         diagnostics: diagnostics, findings: findings)
    }

    /// Every voice the province names must have a profile, or nothing can air.
    static func checkVoices(of province: Province, in voices: VoiceLibrary) throws(ConfigError) {
        let named = [(province.defaultVoice, "the province's voice")]
            + province.stations.compactMap { station in station.voice.map { ($0, "station \(station.code)'s voice") } }
        for (voice, whose) in named where voices[voice] == nil {
            throw ConfigError(Diagnostic(.error, file: province.file,
                "\(whose) '\(voice)' has no profile in Voices/; expected one of \(voices.ids.joined(separator: ", "))"))
        }
    }
}
