// normalizer-bench: measures the VietnameseText normalizer on one core.
//   NormalizerBench bench FILE [--repeat N]   normalize FILE, print MB/s and peak RSS
//   NormalizerBench say                       read stdin, print the spoken form line by line
//   NormalizerBench report FILE...            print findings for files
import Foundation
import VietnameseText

func peakRSSKiB() -> Int {
    // VmHWM from /proc (Linux); getrusage as a fallback.
    if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) {
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let digits = line.filter(\.isNumber)
            if let v = Int(digits) { return v }
        }
    }
    var usage = rusage()
    getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
    return Int(usage.ru_maxrss)
}

let args = CommandLine.arguments
let mode = args.count > 1 ? args[1] : "say"
let normalizer = Normalizer()

switch mode {
case "bench":
    guard args.count > 2, let data = FileManager.default.contents(atPath: args[2]) else {
        FileHandle.standardError.write("usage: NormalizerBench bench FILE [--repeat N]\n".data(using: .utf8)!)
        exit(2)
    }
    var repeats = 3
    if let k = args.firstIndex(of: "--repeat"), k + 1 < args.count, let n = Int(args[k + 1]) { repeats = n }
    let text = String(decoding: data, as: UTF8.self)
    let megabytes = Double(data.count) / 1_000_000
    _ = normalizer.normalize(String(text.prefix(20_000))) // warm up tables and lexicon
    var best = Double.infinity
    var outputBytes = 0
    var sentences = 0
    for _ in 0..<repeats {
        let start = DispatchTime.now().uptimeNanoseconds
        let result = normalizer.normalize(text, location: SourceLocation(file: args[2], line: 1))
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        best = min(best, seconds)
        outputBytes = result.spokenText.utf8.count
        sentences = result.paragraphs.reduce(0) { $0 + $1.count }
    }
    let mbps = megabytes / best
    print(String(format: "input: %.2f MB, %d sentences, output %.2f MB", megabytes, sentences, Double(outputBytes) / 1e6))
    print(String(format: "loa normalizer: %.2f MB/s (best of %d, %.3f s)", mbps, repeats, best))
    print("peak RSS: \(peakRSSKiB() / 1024) MiB")
    print(String(format: "MBPS=%.3f", mbps))
case "report":
    for path in args.dropFirst(2) {
        guard let data = FileManager.default.contents(atPath: path) else { continue }
        let result = normalizer.normalize(String(decoding: data, as: UTF8.self), location: SourceLocation(file: path, line: 1))
        for f in result.findings { print(f) }
    }
case "explain":
    let input = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
    let n = Normalizer(recordsRewrites: true)
    for r in n.normalize(input).rewrites { print(r) }
default:
    let input = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
    let n = Normalizer(joinsWrappedLines: false)
    let lines = input.split(separator: "\n", omittingEmptySubsequences: false)
    let result = n.normalize(input)
    for l in result.spokenLines(lineCount: lines.count) { print(l) }
    for f in result.findings { FileHandle.standardError.write("\(f)\n".data(using: .utf8)!) }
}
