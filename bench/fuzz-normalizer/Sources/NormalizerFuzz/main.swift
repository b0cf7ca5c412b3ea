// NormalizerFuzz: random and mutated bulletin text against the normalizer.
//
//   NormalizerFuzz fuzz SECONDS OUTDIR [SEED]   run for SECONDS; save failing inputs in OUTDIR
//   NormalizerFuzz repro FILE                   normalize one saved case and check it
//
// Every case is generated from a 64-bit seed, so a failure is reproducible from the
// seed alone; the input is also written to OUTDIR/current.txt before each run, so a
// crash (which kills the process) leaves its input behind for bench/fuzz-normalizer/run.
// Checks: no crash, no hang (watchdog, 20 s per case), output at most 20× the input,
// and nothing dropped: every token accounted for by a rule (`Normalization.unaccounted`
// is empty: the normalizer's safety net, which reports such tokens as `not-read`,
// never fired; see docs/normalizer.md).
import Foundation
import Synchronization
import VietnameseText

/// SplitMix64: small, fast, reproducible.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}

let interesting: [String] = [
    "/", ".", ",", "-", "–", ":", "%", "‰", "đ", "h", "K", "G", "m2", "km/h", "°C", "(", ")", "“", "”", "…", "...",
    "./.", "v.v.", "TP.", "PGS.TS.", "UBND", "COVID-19", "thứ", "ngày", "tháng", "Quý", "số", "điện thoại", "gọi",
    "\u{0301}", "\u{0300}", "\u{0323}", "\u{200B}", "\u{200D}", "\u{FEFF}", "\u{00A0}", "\u{0007}", "\u{0000}", "\u{FFFD}",
    "😀", "👩‍👩‍👧", "中文", "Русский", "عربى", "\u{202E}", "\t", "\r", "\n", "\n\n", "  ", "@", "http://", "www.", ".vn",
    "+", "&", "=", "x", "$", "<sup>", "</sup>", "<sub>", "**", "#", "•", "- ", "II.", "XXI", "I", "0", "00", "000",
    "1.000", "99,61", "22/9/2021", "32/13", "7/2020", "6h30", "06:00", "19009095", "(0239)", "0912345678",
]

func randomUnicode(_ rng: inout SplitMix, count: Int) -> String {
    var v = String.UnicodeScalarView()
    for _ in 0..<count {
        let range: ClosedRange<UInt32>
        switch rng.next() % 6 {
        case 0: range = 0x20...0x7E
        case 1: range = 0xC0...0x1B0
        case 2: range = 0x1EA0...0x1EF9
        case 3: range = 0x300...0x36F
        case 4: range = 0...0x2FFFF
        default: range = 0x2000...0x2BFF
        }
        if let s = Unicode.Scalar(UInt32.random(in: range, using: &rng)) { v.append(s) }
    }
    return String(v)
}

func mutate(_ base: String, _ rng: inout SplitMix) -> String {
    var s = Array(base.unicodeScalars)
    let rounds = Int(rng.next() % 8) + 1
    for _ in 0..<rounds {
        let pos = s.isEmpty ? 0 : Int(rng.next() % UInt64(s.count + 1))
        switch rng.next() % 10 {
        case 0, 1, 2:
            let piece = interesting[Int(rng.next() % UInt64(interesting.count))]
            s.insert(contentsOf: piece.unicodeScalars, at: pos)
        case 3:
            if !s.isEmpty { let len = Int(rng.next() % 20); s.removeSubrange(pos..<min(s.count, pos + len)) }
        case 4:
            let len = min(s.count - pos, Int(rng.next() % 30))
            if len > 0 { let chunk = Array(s[pos..<(pos + len)]); let times = Int(rng.next() % 50) + 1
                for _ in 0..<times { s.insert(contentsOf: chunk, at: pos) } }
        case 5:
            let digits = (0..<Int(rng.next() % 400)).map { _ in Unicode.Scalar(UInt8(48 + rng.next() % 10)) }
            s.insert(contentsOf: digits, at: pos)
        case 6:
            s.insert(contentsOf: randomUnicode(&rng, count: Int(rng.next() % 20)).unicodeScalars, at: pos)
        case 7:
            let nfd = String(String.UnicodeScalarView(s)).decomposedStringWithCanonicalMapping
            s = Array(nfd.unicodeScalars)
        case 8:
            s = s.map { rng.next() % 3 == 0 ? (Unicode.Scalar($0.properties.uppercaseMapping) ?? $0) : $0 }
        default:
            let piece = interesting[Int(rng.next() % UInt64(interesting.count))]
            let times = Int(rng.next() % 200) + 1
            s.insert(contentsOf: String(repeating: piece, count: times).unicodeScalars, at: pos)
        }
        if s.count > 200_000 { s.removeLast(s.count - 200_000) }
    }
    return String(String.UnicodeScalarView(s))
}

extension Unicode.Scalar {
    init?(_ s: String) { guard s.unicodeScalars.count == 1, let f = s.unicodeScalars.first else { return nil }; self = f }
}

/// Builds the input for one seed.
func makeCase(seed: UInt64, corpus: [String]) -> String {
    var rng = SplitMix(state: seed)
    switch rng.next() % 10 {
    case 0:
        return randomUnicode(&rng, count: Int(rng.next() % 2000))
    case 1:
        let bytes = (0..<Int(rng.next() % 4000)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        return String(decoding: bytes, as: UTF8.self)
    case 2:
        let n = Int(rng.next() % 100_000) + 1
        return String((0..<n).map { _ in Character(Unicode.Scalar(UInt8(48 + rng.next() % 10))) })
    default:
        var text = ""
        for _ in 0..<(Int(rng.next() % 6) + 1) { text += corpus[Int(rng.next() % UInt64(corpus.count))] + (rng.next() % 2 == 0 ? "\n" : " ") }
        return mutate(text, &rng)
    }
}

struct Failure: Error { var kind: String; var detail: String }

let normalizer = Normalizer()

func check(_ input: String) -> Failure? {
    let result = normalizer.normalize(input, location: SourceLocation(file: "fuzz", line: 1))
    let inCount = max(1, input.unicodeScalars.count)
    let outCount = result.spokenText.unicodeScalars.count
    if outCount > 20 * inCount {
        return Failure(kind: "blowup", detail: "output \(outCount) scalars for input \(inCount) (> 20×)")
    }
    _ = result.paragraphs.flatMap { $0 }.map(\.written)
    if !result.unaccounted.isEmpty {
        return Failure(kind: "unaccounted", detail: "no rule read \(result.unaccounted.prefix(5))")
    }
    return nil
}

let args = CommandLine.arguments
guard args.count >= 3 else {
    print("usage: NormalizerFuzz fuzz SECONDS OUTDIR [SEED] | repro FILE"); exit(2)
}

if args[1] == "repro" {
    let text = String(decoding: FileManager.default.contents(atPath: args[2]) ?? Data(), as: UTF8.self)
    if let f = check(text) { print("FAIL \(f.kind): \(f.detail)"); exit(1) }
    print("ok: \(text.unicodeScalars.count) scalars normalized within bounds"); exit(0)
}

let seconds = Double(args[2]) ?? 60
let outDir = URL(fileURLWithPath: args.count > 3 ? args[3] : "fuzz-out")
try? FileManager.default.createDirectory(at: outDir, withIntermediateDirectories: true)
var seed = args.count > 4 ? (UInt64(args[4]) ?? 1) : UInt64(Date().timeIntervalSince1970 * 1000)
let corpusDir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
let corpusPath = ProcessInfo.processInfo.environment["FUZZ_CORPUS"] ?? "Corpus"
var corpus: [String] = []
for name in (try? FileManager.default.contentsOfDirectory(atPath: corpusPath)) ?? [] {
    if let t = try? String(contentsOfFile: corpusPath + "/" + name, encoding: .utf8) {
        corpus += t.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
    }
}
if corpus.isEmpty { corpus = ["UBND xã thông báo: tiêm vắc-xin COVID-19 từ 7h30 ngày 15/10."] }
_ = corpusDir

// Watchdog: a case running longer than 20 s is a hang.
let caseStarted = Mutex<(Double, UInt64)>((0, 0))
let current = outDir.appendingPathComponent("current.txt")
Thread.detachNewThread {
    while true {
        Thread.sleep(forTimeInterval: 1)
        let (started, s) = caseStarted.withLock { $0 }
        if started > 0, Date().timeIntervalSince1970 - started > 20 {
            let dest = outDir.appendingPathComponent("hang-\(s).txt")
            try? FileManager.default.copyItem(at: current, to: dest)
            print("HANG seed \(s): saved \(dest.path)")
            exit(3)
        }
    }
}

let deadline = Date().addingTimeInterval(seconds)
var cases = 0, bytes = 0, failures = 0
while Date() < deadline {
    let input = makeCase(seed: seed, corpus: corpus)
    try? Data(input.utf8).write(to: current)
    try? Data("\(seed)".utf8).write(to: outDir.appendingPathComponent("current.seed"))
    caseStarted.withLock { $0 = (Date().timeIntervalSince1970, seed) }
    if let f = check(input) {
        failures += 1
        let dest = outDir.appendingPathComponent("\(f.kind)-\(seed).txt")
        try? Data(input.utf8).write(to: dest)
        print("FAIL \(f.kind) seed \(seed): \(f.detail); saved \(dest.path)")
    }
    caseStarted.withLock { $0 = (0, seed) }
    cases += 1
    bytes += input.utf8.count
    seed &+= 1
}
print("fuzz: \(cases) cases, \(bytes / 1_000_000) MB in \(Int(seconds)) s, \(failures) failure(s)")
exit(failures == 0 ? 0 : 1)
