import Foundation
import Testing

@testable import TokenTaxKit

/// Helpers shared by the trace tests: fixture paths, temp files, compact summary rows.
enum TraceTestSupport {
  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  static func fixture(_ path: String) -> TraceFile {
    TraceFile(url: repository.appendingPathComponent("fixtures/traces/\(path)"), displayName: path)
  }

  /// Writes `text` to a fresh temporary file named `name`.
  static func temporaryFile(_ name: String, _ text: String) throws -> TraceFile {
    let url = try Scratch.directory("traces").appendingPathComponent(name)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return TraceFile(url: url, displayName: name)
  }

  /// One summary row as a comparable value: `feature model[ batch]` → calls and buckets.
  struct Row: Equatable, CustomStringConvertible {
    var key: String
    var calls: Int
    var usage: TokenUsage

    init(_ key: String, calls: Int, _ uncached: Int, _ read: Int, _ write: Int, _ output: Int, _ reasoning: Int) {
      self.key = key
      self.calls = calls
      usage = TokenUsage(
        uncachedInput: uncached, cacheRead: read, cacheWrite: write, output: output, reasoning: reasoning)
    }

    var description: String {
      "\(key): \(calls) calls, \(usage.uncachedInput)/\(usage.cacheRead)/\(usage.cacheWrite)/\(usage.output)/\(usage.reasoning)"
    }
  }

  static func rows(_ summary: TraceSummary) -> [Row] {
    summary.featureIDs.flatMap { id in
      let stats = summary.features[id] ?? FeatureTraceStats()
      return stats.models.keys.sorted().compactMap { key -> Row? in
        guard let row = stats.models[key] else { return nil }
        let u = row.usage
        return Row(
          "\(id) \(key.model)\(key.batch ? " batch" : "")", calls: row.calls, u.uncachedInput, u.cacheRead,
          u.cacheWrite, u.output,
          u.reasoning)
      }
    }
  }

  /// A price table for tests (USD per million tokens).
  static let prices = PriceTable(rows: [
    ModelPrice(
      model: "gpt-5", provider: "openai", input: 1.25, output: 10, cacheRead: 0.125, batchDiscount: 0.5,
      tokenizer: "o200k_base",
      source: "test", date: "2026-11-20"),
    ModelPrice(
      model: "claude-sonnet-4-6", provider: "anthropic", input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75,
      batchDiscount: 0.5,
      tokenizer: "claude", source: "test", date: "2026-11-20"),
    ModelPrice(
      model: "gemini-2.5-flash", provider: "google", input: 0.3, output: 2.5, cacheRead: 0.03, batchDiscount: 0.5,
      tokenizer: "gemini", source: "test", date: "2026-11-20"),
    ModelPrice(
      model: "gemini-2.5-pro", provider: "google", input: 1.25, output: 10, cacheRead: 0.125, batchDiscount: 0.5,
      tokenizer: "gemini", source: "test", date: "2026-11-20"),
  ])

  /// A normal draw (Box–Muller) from a seeded generator.
  static func normal(_ random: inout SplitMix64, mean: Double, sd: Double) -> Double {
    let u1 = (Double(random.next() >> 11) + 1) / 0x1p53
    let u2 = Double(random.next() >> 11) / 0x1p53
    return mean + sd * (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
  }

  /// Runs the CLI in-process with capture streams.
  static func run(_ arguments: [String]) -> (status: ExitCode, stdout: String, stderr: String) {
    let run = InProcessRun(arguments, in: repository)
    return (run.code, run.stdout, run.stderr)
  }
}
