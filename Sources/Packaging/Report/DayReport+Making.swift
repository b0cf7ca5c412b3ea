import Programme

extension DayReport {
    /// The distinct takes (sentences, jingles, recordings with their pauses) the planned
    /// programmes of `stations` are made of, and their length.
    struct Audio {
        var takes: Int
        var frames: Int
        var sampleRate: Int
        var stations: [String]
    }

    /// The report of the day whose index and manifests are `index` and `manifests` (every
    /// station of the index, built now or kept), with what `build` found.
    ///
    /// - Parameters:
    ///   - outcome: the build's exit status.
    ///   - slots: the province's slots, for their minimums (manifests do not carry them).
    ///   - titles: bulletin titles by id, for the bulletins the report names.
    ///   - audio: the distinct takes the planned programmes are made of.
    static func make(province: String, date: String, index: DayIndex, manifests: [String: StationManifest],
                     build: DayBuildReport, outcome: DayBuildReport.Outcome, slots: [Programme.Slot], titles: [String: String],
                     audio: Audio) -> DayReport {
        var problems: [Problem] = build.diagnostics.map {
            Problem(kind: ProblemKind.diagnostic.rawValue, severity: $0.severity.rawValue, file: $0.file, line: $0.line,
                    message: $0.message)
        }
        let minimums = Dictionary(slots.map { ($0.id, $0.minMs) }, uniquingKeysWith: { first, _ in first })
        for code in build.failedStations where !index.stations.contains(where: { $0.code == code }) {
            problems.append(Problem(kind: ProblemKind.stationFailed.rawValue, severity: "error", station: code,
                                    message: "not built, and no earlier pack for the day: the station has no programme"))
        }
        var stations: [Station] = []
        for entry in index.stations {
            if entry.status == .previous {
                problems.append(Problem(kind: ProblemKind.stationFailed.rawValue, severity: "error", station: entry.code,
                                        message: entry.problem ?? "not rebuilt; the pack is an earlier build's"))
            }
            guard let manifest = manifests[entry.code] else { continue }
            var reportSlots: [Slot] = []
            for slot in manifest.slots {
                let minMs = minimums[slot.id] ?? nil
                if slot.durationMs > slot.maxMs {
                    problems.append(Problem(kind: ProblemKind.overSlot.rawValue, severity: "error", station: entry.code, slot: slot.id,
                                            message: "the programme is \(slot.durationMs) ms, longer than the slot's \(slot.maxMs) ms"))
                }
                if !slot.deferred.isEmpty {
                    problems.append(Problem(kind: ProblemKind.deferred.rawValue, severity: "warning", station: entry.code,
                                            slot: slot.id, bulletins: slot.deferred,
                                            message: "did not fit in the slot and moved to a later one"))
                }
                if let minMs, slot.durationMs < minMs {
                    problems.append(Problem(kind: ProblemKind.underMinimum.rawValue, severity: "warning", station: entry.code,
                                            slot: slot.id, message: "the programme is \(slot.durationMs) ms, shorter than the slot's minimum \(minMs) ms"))
                }
                reportSlots.append(Slot(id: slot.id, start: slot.start, maxMs: slot.maxMs, minMs: minMs, durationMs: slot.durationMs,
                                        items: slot.items.map { Item(kind: $0.kind, id: $0.id, title: $0.title,
                                                                     startMs: $0.startMs, durationMs: $0.durationMs) },
                                        deferred: slot.deferred))
            }
            if !manifest.notAired.isEmpty {
                problems.append(Problem(kind: ProblemKind.notAired.rawValue, severity: "error", station: entry.code,
                                        bulletins: manifest.notAired, message: "fit in no slot of the day: not aired"))
            }
            stations.append(Station(code: entry.code, name: entry.name, district: entry.district,
                                    status: (entry.status ?? .built).rawValue, slots: reportSlots, notAired: manifest.notAired))
        }
        // Errors first (stable: each kind in the order found).
        problems = problems.filter { $0.severity == "error" } + problems.filter { $0.severity != "error" }

        let named = Set(stations.flatMap { $0.notAired + $0.slots.flatMap(\.deferred) })
        let programmes = stations.flatMap(\.slots)
        let figures = Figures(stations: stations.count, programmes: programmes.count,
                              itemsAired: programmes.reduce(0) { $0 + $1.items.count },
                              airedMs: programmes.reduce(0) { $0 + $1.durationMs },
                              distinctTakes: audio.takes,
                              distinctAudioMs: audio.sampleRate > 0 ? Int((Double(audio.frames) * 1000 / Double(audio.sampleRate)).rounded()) : 0,
                              audioFor: audio.stations)
        return DayReport(loaVersion: LoaVersion.current, province: province, date: date,
                         outcome: outcome == .complete ? "complete" : "partial", problems: problems,
                         figures: figures, stations: stations, titles: titles.filter { named.contains($0.key) })
    }
}
