import Foundation
import Tokenizer

/// Section 2: encode and count throughput on cold bench text, median of 3, next to every
/// installed peer on the same file (bench/peers.py, each in its own process).
enum EncodeBench {
  /// Prints the section and returns the text and the in-process single-thread count rate per encoding.
  static func run(peers peersScript: String, workDirectory: URL, repoRoot: URL) throws -> (
    text: String, url: URL, inProcessCount: [EncodingName: Double]
  ) {
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
      line +=
        ", count \(format(megabytes / countTime)) MB/s, on \(cores) threads \(format(megabytes / parallelTime)) MB/s"
      line += " (\(format(countTime / parallelTime, 2))×), \(tokens) tokens"
      print(line)
      // The peers in the same run, each in its own process (bench/peers.py skips what is not installed).
      guard
        let report = Shell.output([
          "python3", peersScript, bench.url.path, "--encoding", name.rawValue, "--repeat", "3",
        ])
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
    return (text, bench.url, inProcessCount)
  }
}
