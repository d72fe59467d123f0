// `swift run -c release tokentax-bench`: in one run, tokentax's encode throughput next to
// tiktoken's on the same text, vocabulary load time, pathological inputs at 10× steps, and
// `tokentax count` as a whole process, `check --staged` on a 20-feature repository, and trace
// ingestion (`--quick` for a smaller trace file; `--pathological` or `--traces` for one section
// alone). Benchmarks live here, outside `swift test` (docs/design.md, Performance targets): tests never assert on time.
import Foundation
import Tokenizer

let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent()
let workDirectory = repoRoot.appendingPathComponent(".build/bench")
try FileManager.default.createDirectory(at: workDirectory, withIntermediateDirectories: true)

func format(_ value: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", value) }
func milliseconds(_ seconds: Double) -> String { format(seconds * 1000, seconds < 0.01 ? 2 : 1) + " ms" }

print("tokentax-bench: single thread, wall clock, this machine\n")
let peersScript = repoRoot.appendingPathComponent("bench/peers.py").path
if CommandLine.arguments.contains("--pathological") {
  PathologicalBench.run(peers: peersScript, workDirectory: workDirectory)
  exit(0)
}

// `--check`: only `check --staged` on the generated repository.
if CommandLine.arguments.contains("--check") {
  let tokentax = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(
    "tokentax"
  ).path
  try CheckBench.run(binary: tokentax)
  exit(0)
}
// `--traces`: only the trace ingestion section (6), for profiling the readers.
if CommandLine.arguments.contains("--traces") {
  try TraceBench.run(megabytes: CommandLine.arguments.contains("--quick") ? 32 : 256)
  exit(0)
}

// 1. The first `load` maps the embedded vocabulary tables (nothing is parsed or built).
let loads = EncodingName.allCases.map { name in
  "\(name.rawValue) \(milliseconds(Stopwatch.seconds { _ = Encoding.load(name) }))"
}
print("vocabulary ready on first use (in process): \(loads.joined(separator: ", "))")
// The tables are read in place, so the first look-ups pay for their pages: the first count of
// a sentence is the honest start-up figure beside the one above.
let firsts = EncodingName.allCases.map { name in
  "\(name.rawValue) \(milliseconds(Stopwatch.seconds { _ = Encoding.load(name).count("Hello, world: the first count.") }))"
}
print("first count of a sentence after that: \(firsts.joined(separator: ", "))")

// 2. Throughput on the bench text, median of 3, next to tiktoken's on the same file.
let bench = try BenchText.make(in: workDirectory, repoRoot: repoRoot)
let text = try String(contentsOf: bench.url, encoding: .utf8)
let megabytes = Double(text.utf8.count) / 1e6
print("\nbench text: \(format(megabytes, 2)) MB from \(bench.origin)")
let bytes = Array(text.utf8)
let cores = ProcessInfo.processInfo.activeProcessorCount
var inProcessCount: [EncodingName: Double] = [:]
for name in EncodingName.allCases {
  let encoding = Encoding.load(name)
  var tokens = 0
  let encodeTime = Stopwatch.median(runs: 3) { tokens = encoding.encode(text).count }
  let countTime = Stopwatch.median(runs: 3) { tokens = bytes.withUnsafeBytes { encoding.count(utf8: $0) } }
  let parallelTime = Stopwatch.median(runs: 3) {
    tokens = bytes.withUnsafeBytes { encoding.count(utf8: $0, jobs: cores) }
  }
  inProcessCount[name] = megabytes / countTime
  var line =
    "  \(name.rawValue): encode \(format(megabytes / encodeTime)) MB/s (\(format(Double(tokens) / encodeTime / 1e6, 2)) M tokens/s)"
  line += ", count \(format(megabytes / countTime)) MB/s, on \(cores) threads \(format(megabytes / parallelTime)) MB/s"
  line += " (\(format(countTime / parallelTime, 2))×), \(tokens) tokens"
  print(line)
  // The peers in the same run, each in its own process (bench/peers.py skips what is not installed).
  guard
    let report = Shell.output(["python3", peersScript, bench.url.path, "--encoding", name.rawValue, "--repeat", "3"])
  else {
    print(
      "    peers: python3 bench/peers.py failed (`pip install tiktoken bpe-openai fastokens kitoken rs-bpe` to compare)"
    )
    continue
  }
  for peer in report.split(separator: "\n") {
    let fields = peer.split(separator: " ")
    guard fields.count >= 3, let rate = Double(fields[1]) else {
      print("    \(peer)")
      continue
    }
    let same = Int(fields[2]) == tokens ? "same count" : "count differs: \(fields[2])"
    // A peer that caches pieces across calls is timed on its first pass (bench/peers.py).
    let cached = fields.dropFirst(4).first { $0.hasPrefix("cached=") }.flatMap { Double($0.dropFirst(7)) }
    let pass = cached.map { " first pass (\(format($0)) MB/s on the same text again, from its cache)" } ?? ""
    print(
      "    \(fields[0]): \(format(rate)) MB/s\(pass) → tokentax encode \(format(megabytes / encodeTime / rate))× (\(same))"
    )
  }
}

// 3. Pathological single pieces at 10× steps.
print()
PathologicalBench.run(peers: peersScript, workDirectory: workDirectory)

// 4. `tokentax count` as a whole process: start, vocabulary, read, count, exit.
let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(
  "tokentax"
).path
let sample = workDirectory.appendingPathComponent("sample-10k.txt")
let empty = workDirectory.appendingPathComponent("empty.txt")
try Data(text.utf8.prefix(10_000)).write(to: sample)
try Data().write(to: empty)
if FileManager.default.isExecutableFile(atPath: binary) {
  print("\n`tokentax count`, whole process, median of 5:")
  var medians: [String: Double] = [:]
  for (label, file) in [("empty file (start + vocabulary)", empty), ("10 KB file", sample)] {
    let times = (0..<5).compactMap { _ in Shell.timeProcess(binary, ["count", file.path]) }.sorted()
    medians[label] = times.isEmpty ? nil : times[times.count / 2]
    print("  \(label): \(times.isEmpty ? "failed" : milliseconds(times[times.count / 2]))")
  }
  // The bench text from the command line on one thread, start-up subtracted, against the
  // in-process count above.
  for name in EncodingName.allCases {
    let times = (0..<3).compactMap { _ in
      Shell.timeProcess(binary, ["count", "--jobs", "1", "--encoding", name.rawValue, bench.url.path])
    }.sorted()
    guard let median = times.isEmpty ? nil : times[times.count / 2],
      let start = medians["empty file (start + vocabulary)"],
      let inProcess = inProcessCount[name]
    else { continue }
    let rate = megabytes / max(median - start, 1e-6)
    print(
      "  bench text, \(name.rawValue), --jobs 1: \(format(rate)) MB/s minus start-up (\(format(rate / inProcess * 100, 0)) % of in process)"
    )
  }
  // 5. The pre-commit gate as a whole process.
  print("\n`tokentax check --staged`, whole process, 7 runs:")
  try CheckBench.run(binary: binary)
} else {
  print("\n(build `tokentax` in the same configuration to time `count` and `check`: swift build -c release)")
}

// 6. Trace ingestion: native JSONL on the fast path, OpenAI chat JSONL on the general one.
print("\ntrace ingestion (`traces summarize`), one thread:")
try TraceBench.run(megabytes: CommandLine.arguments.contains("--quick") ? 32 : 256)
