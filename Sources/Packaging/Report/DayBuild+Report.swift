import Foundation
import Programme

extension DayBuild {
    /// Writes the day's `report.json` into `staging`: every station of `index` (its manifest
    /// in `manifests`, else read from `staging`, where kept packs are linked), the problems
    /// `report` found, and the audio the planned programmes are made of.
    func writeReport(into staging: URL, index: DayIndex, manifests: [String: StationManifest], province: Province,
                     plans: [Result<StationPlan, PlanningError>], takes: TakeStore, bulletins: [Bulletin],
                     report: DayBuildReport, outcome: DayBuildReport.Outcome) throws {
        var manifests = manifests
        for entry in index.stations where manifests[entry.code] == nil {
            manifests[entry.code] = try? JSONFile.read(StationManifest.self, from: staging.appendingPathComponent(entry.manifest))
        }
        let titles = Dictionary(bulletins.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
        // Each take once, from the plans (kept stations' too), so the figure does not depend
        // on what this build rewrote: a clean and an incremental build write the same report.
        let aired = Set(plans.flatMap { plan in
            (try? plan.get())?.programmes.flatMap { $0.items.flatMap(\.segment.takes) } ?? []
        })
        let audio = DayReport.Audio(takes: aired.count, frames: aired.reduce(0) { $0 + (takes.layouts[$1]?.frames ?? 0) },
                                    sampleRate: province.output.sampleRate,
                                    stations: plans.compactMap { try? $0.get().station.code })
        try JSONFile.write(DayReport.make(province: province.name, date: options.date.description, index: index,
                                          manifests: manifests, build: report, outcome: outcome, slots: province.slots,
                                          titles: titles, audio: audio),
                           to: staging.appendingPathComponent(DayReport.fileName))
    }

    /// Writes `.loa-build-run.json` into `staging`: the stages timed so far, the cache's hits,
    /// what was rewritten and kept.
    func writeRun(into staging: URL, stages: StageTimer, built: [String], cache: TakeCache?, report: DayBuildReport) throws {
        let counts = cache?.counted
        try BuildRun(finished: BuildRun.clock(), stages: stages.seconds.map { .init(stage: $0.stage, seconds: $0.seconds) },
                     built: built, keptUnchanged: report.keptUnchanged,
                     rewrittenProgrammes: report.rewrittenProgrammes, changedProgrammes: report.changedProgrammes,
                     synthesized: report.synthesized, mastered: report.mastered,
                     cacheLengthsFound: counts?.lengthsFound, cacheTakesFound: counts?.takesFound,
                     cacheDamaged: counts?.damaged).write(in: staging)
    }
}
