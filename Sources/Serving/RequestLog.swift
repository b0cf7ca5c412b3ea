import Logging

/// The one line `loa serve` logs per request, whichever path answered it:
/// `GET /2021-09-24/PD/manifest.json 200 11893 0.1ms`.
enum RequestLog {
    static func write(_ logger: Logger, method: String, target: String, status: Int, length: String?,
                      since started: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - started
        let tenths = Int(elapsed.components.seconds) * 10_000 + Int(elapsed.components.attoseconds / 100_000_000_000_000)
        logger.info("\(method) \(target) \(status) \(length ?? "-") \(tenths / 10).\(tenths % 10)ms")
    }
}
