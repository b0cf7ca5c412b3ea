import Foundation
import Programme

/// The stations whose pack this build would write exactly as the day already has it: their
/// plan gives the pack fingerprint the day's `BuildRecord` holds for them, and their pack is
/// whole. Their pack is kept (hard links into the staging folder) instead of written again,
/// so its files stay byte-identical and `loa fetch` moves nothing for them; their takes are
/// not even mastered or read from the cache.
struct UnchangedStations {
    /// Each planned station's pack fingerprint, by position in the plans.
    var fingerprints: [Int: String] = [:]
    /// The stations kept, by position, with their index entries (linked into the staging folder).
    var kept: [Int: DayIndex.StationEntry] = [:]

    init(plans: [Result<StationPlan, PlanningError>], writer: StationPackWriter, identity: String, takes: TakeStore,
         previous: PreviousDay, record: BuildRecord?, into staging: URL) throws {
        // Take content names are asked for once each: stations share most of their takes.
        var names: [TakeKey: String] = [:]
        for (position, plan) in plans.enumerated() {
            guard case .success(let plan) = plan else { continue }
            let fingerprint = try PackFingerprint.of(plan, writer: writer, identity: identity) { key in
                if let name = names[key] { return name }
                let name = try takes.contentName(of: key)
                names[key] = name
                return name
            }
            fingerprints[position] = fingerprint
            guard let record, record.fingerprint(of: plan.station.code) == fingerprint,
                  var entry = try previous.keep(plan.station.code, in: staging) else { continue }
            entry.status = .built
            entry.problem = nil
            kept[position] = entry
        }
    }
}
