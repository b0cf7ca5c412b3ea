import Foundation

/// Loads and checks `loa.yaml`. Any error here stops the build (exit 2): without a sound
/// province nothing can be planned.
public enum ProvinceLoader {
    public static func load(_ url: URL, display: String? = nil) throws(ConfigError) -> Province {
        let file = display ?? url.path
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw ConfigError(Diagnostic(.error, file: file, "cannot be read; expected the province configuration (see docs/formats.md)"))
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw ConfigError(Diagnostic(.error, file: file, "is not valid UTF-8; save it as UTF-8 text"))
        }
        return try parse(text, file: file)
    }

    public static func parse(_ text: String, file: String) throws(ConfigError) -> Province {
        let root = try YAMLMapping.parse(text, file: file)
        let name = try root.string("province")
        let voice = try root.string("voice")

        var slots: [Slot] = []
        var slotLines: [String: Int] = [:]
        var maxLines: [String: Int] = [:]
        for entry in try root.list("slots") {
            let id = try entry.string("id")
            if let earlier = slotLines[id] {
                throw entry.fail("slot id '\(id)' is used twice (also on line \(earlier)); slot ids must be unique")
            }
            slotLines[id] = entry.line ?? 0
            let startText = try entry.string("start")
            guard let start = parseClock(startText) else {
                throw entry.fail("slot '\(id)': start '\(startText)' should be a time of day like \"06:00\"", at: entry.node("start"))
            }
            let maxText = try entry.string("max")
            guard let maxMs = parseDuration(maxText), maxMs > 0 else {
                throw entry.fail("slot '\(id)': max '\(maxText)' should be a duration like 20m, 15m30s or 90s", at: entry.node("max"))
            }
            var minMs: Int?
            if let minText = entry.optionalString("min") {
                guard let parsed = parseDuration(minText), parsed <= maxMs else {
                    throw entry.fail("slot '\(id)': min '\(minText)' should be a duration no longer than max", at: entry.node("min"))
                }
                minMs = parsed
            }
            slots.append(Slot(id: id, startMinute: start, maxMs: maxMs, minMs: minMs,
                              label: entry.optionalString("label") ?? id))
            maxLines[id] = entry.node("max")?.mark?.line ?? entry.line
        }
        if let overlap = SlotOverlap.problem(in: slots, maxLines: maxLines, entryLines: slotLines, file: file) {
            throw ConfigError(overlap)
        }

        guard let announcementsNode = try root.mapping("announcements") else {
            throw root.fail("expected 'announcements:' with 'opening:' and 'closing:' templates")
        }
        let announcements = Announcements(opening: try announcementsNode.string("opening"),
                                          closing: try announcementsNode.string("closing"))
        for template in [announcements.opening, announcements.closing] {
            if let unknown = AnnouncementWriter.unknownPlaceholders(in: template).first {
                throw announcementsNode.fail("announcement uses unknown placeholder {\(unknown)}; known: \(AnnouncementWriter.placeholders.joined(separator: ", "))")
            }
        }

        var districts: [District] = []
        var districtLines: [String: Int] = [:]
        var stationLines: [String: Int] = [:]
        for entry in try root.list("districts") {
            let code = try entry.string("code")
            if let earlier = districtLines[code] {
                throw entry.fail("district code '\(code)' is used twice (also on line \(earlier)); district codes must be unique")
            }
            districtLines[code] = entry.line ?? 0
            var stations: [Station] = []
            for stationEntry in try entry.list("stations") {
                let stationCode = try stationEntry.string("code")
                if let earlier = stationLines[stationCode] {
                    throw stationEntry.fail("station code '\(stationCode)' is used twice (also on line \(earlier)); station codes must be unique in the province")
                }
                stationLines[stationCode] = stationEntry.line ?? 0
                guard stationCode.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
                    throw stationEntry.fail("station code '\(stationCode)' should use only ASCII letters, digits, '-' and '_' (it names folders)")
                }
                let kindText = try stationEntry.string("kind")
                guard let kind = StationKind(rawValue: kindText.lowercased()) else {
                    throw stationEntry.fail("station '\(stationCode)': kind '\(kindText)' should be one of xã, phường, thị trấn", at: stationEntry.node("kind"))
                }
                stations.append(Station(code: stationCode, name: try stationEntry.string("name"), kind: kind,
                                        districtCode: code, voice: stationEntry.optionalString("voice"),
                                        formats: try formats(stationEntry)))
            }
            districts.append(District(code: code, name: try entry.string("name"), stations: stations))
        }
        var province = Province(name: name, defaultVoice: voice, slots: slots, districts: districts,
                                announcements: announcements, file: file)
        if let output = try root.mapping("output") { province.output = try outputSettings(output) }
        if let signing = try root.mapping("signing") {
            let key = try signing.string("key")
            let make = signing.optionalString("make-if-missing")
            guard make == nil || make == "true" || make == "false" else {
                throw signing.fail("make-if-missing '\(make!)' should be true or false", at: signing.node("make-if-missing"))
            }
            province.signing = SigningSettings(key: key, makeIfMissing: make == "true",
                                               line: signing.node("key")?.mark?.line ?? signing.line)
        }
        if let text = root.optionalString("approval") {
            guard let mode = ApprovalSettings.Mode(rawValue: text.lowercased()) else {
                throw root.fail("approval '\(text)' should be recorded (only text approved with `loa approve` airs) "
                    + "or header (the header's approved-by and approved-on lines are enough)", at: root.node("approval"))
            }
            province.approval.mode = mode
            province.approval.line = root.node("approval")?.mark?.line
        }
        if let file = root.optionalString("approvals-file") {
            guard !file.isEmpty else { throw root.fail("approvals-file is empty; give a file name such as approvals.jsonl", at: root.node("approvals-file")) }
            province.approval.file = file
        }
        return province
    }

    /// The optional `output:` section.
    static func outputSettings(_ map: YAMLMapping) throws(ConfigError) -> OutputSettings {
        var settings = OutputSettings()
        if let rate = try map.optionalInt("sample-rate") {
            guard OutputSettings.supportedSampleRates.contains(rate) else {
                throw map.fail("sample-rate \(rate) is not supported; expected one of 22050, 44100, 48000", at: map.node("sample-rate"))
            }
            settings.sampleRate = rate
        }
        if let text = map.optionalString("loudness") {
            guard let value = Double(text), (-40.0 ... -5.0).contains(value) else {
                throw map.fail("loudness '\(text)' should be a target in LUFS between -40 and -5, e.g. -16", at: map.node("loudness"))
            }
            settings.loudnessLUFS = value
        }
        if let text = map.optionalString("true-peak") {
            guard let value = Double(text), (-20.0 ... 0.0).contains(value) else {
                throw map.fail("true-peak '\(text)' should be a ceiling in dBTP between -20 and 0, e.g. -1.0", at: map.node("true-peak"))
            }
            settings.truePeakDBTP = value
        }
        if let bitrate = try map.optionalInt("mp3-bitrate") { settings.mp3BitrateKbps = bitrate }
        if let quality = try map.optionalInt("mp3-quality") {
            guard (0...9).contains(quality) else {
                throw map.fail("mp3-quality \(quality) should be LAME's quality from 0 (best, slowest) to 9 (fastest), e.g. 5", at: map.node("mp3-quality"))
            }
            settings.mp3Quality = quality
        }
        if let formats = try formats(map) { settings.formats = formats }
        settings.openingJingle = map.optionalString("opening-jingle")
        settings.closingJingle = map.optionalString("closing-jingle")
        return settings
    }

    /// An optional `formats:` list (`[wav, mp3, vtt]`).
    static func formats(_ map: YAMLMapping) throws(ConfigError) -> [OutputFormat]? {
        guard let node = map.node("formats") else { return nil }
        let names = node.sequence.map { $0.compactMap(\.string) }
            ?? node.string.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? []
        var formats: [OutputFormat] = []
        for name in names {
            guard let format = OutputFormat(rawValue: name.lowercased()) else {
                throw map.fail("format '\(name)' is not one of wav, mp3, vtt", at: node)
            }
            if !formats.contains(format) { formats.append(format) }
        }
        guard !formats.isEmpty else { throw map.fail("formats should list at least one of wav, mp3, vtt", at: node) }
        return formats.sorted()
    }

    /// "06:00" → 360.
    static func parseClock(_ text: String) -> Int? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]),
              (0..<24).contains(h), (0..<60).contains(m), parts[1].count == 2 else { return nil }
        return h * 60 + m
    }

    /// "20m", "15m30s", "90s", "1h" → milliseconds.
    static func parseDuration(_ text: String) -> Int? {
        var total = 0
        var number = ""
        var sawUnit = false
        for character in text.lowercased() where character != " " {
            if character.isASCII, character.isNumber {
                number.append(character)
                continue
            }
            guard let value = Int(number) else { return nil }
            switch character {
            case "h": total += value * 3_600_000
            case "m": total += value * 60_000
            case "s": total += value * 1_000
            default: return nil
            }
            number = ""
            sawUnit = true
        }
        return number.isEmpty && sawUnit ? total : nil
    }
}
