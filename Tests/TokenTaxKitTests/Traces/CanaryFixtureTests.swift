import Foundation
import Testing

@testable import TokenTaxKit

/// The demo's canary traces: generated, committed, and showing the three scenarios.
@Suite struct CanaryFixtureTests {
  static let directory = TraceTestSupport.repository.appendingPathComponent("fixtures/demo/canary")

  /// The committed files are the generator's output; `RECORD_SNAPSHOTS=1` rewrites them.
  @Test func committedFilesMatchTheGenerator() throws {
    let recording = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"
    for (name, text) in CanaryFixtureGenerator.files() {
      let url = Self.directory.appendingPathComponent(name)
      if recording {
        try FileManager.default.createDirectory(at: Self.directory, withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
        Issue.record("Rewrote \(name); rerun without RECORD_SNAPSHOTS")
        continue
      }
      #expect(try String(contentsOf: url, encoding: .utf8) == text, "\(name) is stale; rerun with RECORD_SNAPSHOTS=1")
    }
  }

  static func compare(_ feature: String) throws -> FeatureTraceComparison {
    func side(_ name: String) throws -> TraceSummary {
      let file = TraceFile(url: directory.appendingPathComponent("\(feature).\(name).jsonl"), displayName: name)
      return try TraceLoader.summarize([file], prices: TraceTestSupport.prices)
    }
    let base = try side("base")
    let head = try side("head")
    return TraceComparator.compare(
      feature: feature, base: base.features[feature], head: head.features[feature], prices: TraceTestSupport.prices)
  }

  @Test func supportBotIsARealRegression() throws {
    let comparison = try Self.compare("support-bot")
    #expect(comparison.comparison.paired)
    #expect(comparison.comparison.baseCalls == 120)
    let output = try #require(comparison.metric("output_tokens"))
    #expect(abs((output.deltaPercent ?? 0) - 35) < 0.1)
    #expect(try #require(output.intervalLow) > 30)
    #expect(output.isSignificant)
    #expect(comparison.warnings.isEmpty)
  }

  @Test func ragQAIsNoiseNotARegression() throws {
    let comparison = try Self.compare("rag-qa")
    let output = try #require(comparison.metric("output_tokens"))
    #expect(abs((output.deltaPercent ?? 0) - 8) < 0.1)
    #expect(try #require(output.intervalLow) < 0)
    #expect(try #require(output.intervalHigh) > 8)
    #expect(!output.isSignificant)
  }

  @Test func releaseNotesCacheHitRateCollapses() throws {
    let comparison = try Self.compare("release-notes-agent")
    let base = try #require(comparison.base?.cacheHitRate)
    let head = try #require(comparison.head?.cacheHitRate)
    #expect(base > 0.7)
    #expect(head < 0.1)
    let rate = try #require(comparison.metric("cache_hit_rate"))
    #expect(rate.isSignificant)
    #expect(try #require(rate.intervalHigh) < -80)
    #expect(try #require(comparison.metric("output_tokens")).isSignificant == false)
    // Fewer cached tokens, same tokens: the cost per call rises.
    #expect(try #require(comparison.metric("cost_per_call_usd")?.deltaPercent) > 50)
  }
}
