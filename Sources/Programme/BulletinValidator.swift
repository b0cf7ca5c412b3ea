/// Checks parsed bulletins against the province and the voices: every target, slot and
/// voice a bulletin names must exist. A bulletin that fails is skipped, the rest go on.
public enum BulletinValidator {
    public static func validate(_ bulletins: [Bulletin], province: Province, voices: VoiceLibrary)
        -> (valid: [Bulletin], diagnostics: [Diagnostic])
    {
        let stationCodes = Set(province.stations.map(\.code))
        let districtCodes = Set(province.districts.map(\.code))
        let slotIDs = Set(province.slots.map(\.id))
        var valid: [Bulletin] = []
        var diagnostics: [Diagnostic] = []
        for bulletin in bulletins {
            let problems = problems(in: bulletin, stationCodes: stationCodes, districtCodes: districtCodes,
                                    slotIDs: slotIDs, voices: voices)
            diagnostics += problems
            if problems.isEmpty { valid.append(bulletin) }
        }
        return (valid, diagnostics)
    }

    static func problems(in bulletin: Bulletin, stationCodes: Set<String>, districtCodes: Set<String>,
                         slotIDs: Set<String>, voices: VoiceLibrary) -> [Diagnostic] {
        let line = bulletin.headerLines
        var found: [Diagnostic] = []
        for target in bulletin.targets {
            switch target {
            case .all: break
            case .station(let code) where !stationCodes.contains(code):
                found.append(Diagnostic(.error, file: bulletin.file, line: line["targets"],
                    "targets station '\(code)', which is not in the province; expected one of \(stationCodes.sorted().joined(separator: ", "))"))
            case .district(let code) where !districtCodes.contains(code):
                found.append(Diagnostic(.error, file: bulletin.file, line: line["targets"],
                    "targets district '\(code)', which is not in the province; expected one of \(districtCodes.sorted().joined(separator: ", "))"))
            default: break
            }
        }
        for slot in bulletin.slots ?? [] where !slotIDs.contains(slot) {
            found.append(Diagnostic(.error, file: bulletin.file, line: line["slots"],
                "names slot '\(slot)', which is not in the province; expected one of \(slotIDs.sorted().joined(separator: ", "))"))
        }
        if let voice = bulletin.voice, bulletin.recording == nil, voices[voice] == nil {
            found.append(Diagnostic(.error, file: bulletin.file, line: line["voice"],
                "voice '\(voice)' has no profile in Voices/; expected one of \(voices.ids.joined(separator: ", "))"))
        }
        return found
    }
}
