// `swift run -c release tokentax-bench`: in one run, tokentax's encode throughput next to
// tiktoken's on the same text, vocabulary load time, pathological inputs at 10× steps, and
// `tokentax count` as a whole process, `check --staged` on a 20-feature repository, and trace
// ingestion (`--quick` for a smaller trace file; `--encode`, `--pathological` or `--traces` for
// one section alone; `--encode` also prints section 1). Benchmarks live here, outside `swift test` (docs/design.md, Performance targets): tests never assert on time.
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

// 2. Throughput on the bench text, next to the peers'.
let (text, benchURL, inProcessCount) = try EncodeBench.run(
  peers: peersScript, workDirectory: workDirectory, repoRoot: repoRoot)
let cores = ProcessInfo.processInfo.activeProcessorCount
if CommandLine.arguments.contains("--encode") { exit(0) }
let megabytes = Double(text.utf8.count) / 1e6

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
  print("\n`tokentax count`, whole process, median of 5 (start-up) and of 7 (bench text):")
  var medians: [String: Double] = [:]
  for (label, file) in [("empty file (start + vocabulary)", empty), ("10 KB file", sample)] {
    let times = (0..<5).compactMap { _ in Shell.timeProcess(binary, ["count", file.path]) }.sorted()
    medians[label] = times.isEmpty ? nil : times[times.count / 2]
    print("  \(label): \(times.isEmpty ? "failed" : milliseconds(times[times.count / 2]))")
  }
  // The bench text from the command line, start-up subtracted: on one thread against the
  // in-process count above, then on every core (the default) against one thread. Median of
  // 7: on a shared machine one short process in four or so runs a third slower.
  for name in EncodingName.allCases {
    func rate(jobs: Int) -> Double? {
      let times = (0..<7).compactMap { _ in
        Shell.timeProcess(binary, ["count", "--jobs", String(jobs), "--encoding", name.rawValue, benchURL.path])
      }.sorted()
      guard let median = times.isEmpty ? nil : times[times.count / 2],
        let start = medians["empty file (start + vocabulary)"]
      else { return nil }
      return megabytes / max(median - start, 1e-6)
    }
    guard let single = rate(jobs: 1), let inProcess = inProcessCount[name] else { continue }
    var line = "  bench text, \(name.rawValue), --jobs 1: \(format(single)) MB/s minus start-up"
    line += " (\(format(single / inProcess * 100, 0)) % of in process)"
    if cores > 1, let all = rate(jobs: cores) {
      line += "; --jobs \(cores): \(format(all)) MB/s (\(format(all / single, 2))×)"
    }
    print(line)
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
