import Programme

/// The order the day's aired takes are mastered in, so that packs can be written while
/// mastering goes on: first every take more than one station airs (the bulletins), then,
/// a batch of stations at a time, the takes only those stations air (their announcements).
/// Once a batch is mastered, its stations' packs have every take they need.
///
/// The bytes do not depend on this order: each take is mastered on its own.
struct MasteringOrder {
    struct Batch {
        /// Takes first needed by these stations.
        var keys: [TakeKey]
        /// The stations, by position in the plans.
        var stations: [Int]
    }

    /// Takes aired by two stations or more.
    var shared: [TakeKey]
    var batches: [Batch]

    /// `plans` by position; a nil plan (a station kept as it was) needs no takes.
    init(plans: [Result<StationPlan, PlanningError>?], stationsPerBatch: Int = 12) {
        let aired: [[TakeKey]] = plans.map { plan in
            guard case .success(let plan)? = plan else { return [] }
            return plan.programmes.flatMap { $0.items.flatMap(\.segment.takes) }
        }
        var stationsAiring: [TakeKey: Int] = [:]
        for keys in aired {
            for key in Set(keys) { stationsAiring[key, default: 0] += 1 }
        }
        var seen = Set<TakeKey>()
        shared = aired.joined().filter { stationsAiring[$0]! > 1 && seen.insert($0).inserted }
        batches = []
        let planned = plans.indices.filter { if case .success? = plans[$0] { true } else { false } }
        for start in stride(from: 0, to: planned.count, by: max(stationsPerBatch, 1)) {
            let stations = Array(planned[start ..< min(start + stationsPerBatch, planned.count)])
            let keys = stations.flatMap { aired[$0] }.filter { seen.insert($0).inserted }
            batches.append(Batch(keys: keys, stations: stations))
        }
    }
}
