import Foundation
import TokenTaxKit
import Tokenizer

/// Pathological single pieces at 10× steps (docs/design.md, Performance targets: linear time
/// means about 10× per step; no slower than bpe-openai, timed on the same megabyte in the same
/// run). `tokentax-bench --pathological` runs only this section.
enum PathologicalBench {
  static func run(peers: String, workDirectory: URL) {
    print("pathological input, o200k_base count, best of ≥ 3 runs (×: time ratio to the previous size):")
    var random = SplitMix64(seed: 7)
    let letters = Array("abcdefghijklmnopqrstuvwxyz".utf8)
    let cases: [(String, (Int) -> String)] = [
      ("one letter repeated      ", { String(repeating: "a", count: $0) }),
      (
        "random letters, no spaces",
        { size in String(decoding: (0..<size).map { _ in letters[random.int(0...25)] }, as: UTF8.self) }
      ),
      ("one emoji repeated       ", { String(repeating: "😀", count: $0 / 4) }),
    ]
    for (label, make) in cases {
      var previous: Double?
      var row = "  \(label)"
      for size in [10_000, 100_000, 1_000_000] {
        let input = make(size)
        let seconds = Stopwatch.best { _ = Encoding.load(.o200kBase).count(input) }
        row += "  \(size >= 1_000_000 ? "1 MB" : "\(size / 1000) KB") \(milliseconds(seconds))"
        if let previous { row += " (×\(format(seconds / previous)))" }
        previous = seconds
        if size == 1_000_000 { row += peer(input, seconds: seconds, peers: peers, workDirectory: workDirectory) }
      }
      print(row)
    }
  }

  /// bpe-openai on the same megabyte, through its backend (its wrapper refuses a million
  /// characters), as a ratio; empty when it is not installed.
  private static func peer(_ input: String, seconds: Double, peers: String, workDirectory: URL) -> String {
    let file = workDirectory.appendingPathComponent("pathological.txt")
    guard (try? Data(input.utf8).write(to: file)) != nil,
      let report = Shell.output([
        "python3", peers, file.path, "--encoding", "o200k_base", "--repeat", "3", "--peer", "bpe-openai", "--unlimited",
      ]),
      case let fields = report.split(whereSeparator: \.isWhitespace), fields.count >= 4,
      let peerSeconds = Double(fields[3])
    else { return "" }
    let ratio = peerSeconds / seconds
    return "; bpe-openai \(milliseconds(peerSeconds)), tokentax \(format(ratio, 2))× its speed"
  }
}
