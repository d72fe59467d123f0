import Foundation
import Testing

@testable import TokenTaxKit

@Suite struct TraceComparatorTests {
  /// Calls whose output tokens are drawn around `mean` (a case effect shared by both sides,
  /// when `caseEffects` is given, plus per-call noise).
  static func stats(
    _ count: Int, mean: Double, noise: Double, caseEffects: [Double]? = nil, seed: UInt64,
    capacity: Int = CallReservoir.defaultCapacity
  ) -> FeatureTraceStats {
    var generator = SplitMix64(seed: seed)
    var builder = TraceSummaryBuilder(prices: TraceTestSupport.prices, sampleCapacity: capacity)
    for index in 0..<count {
      let effect = caseEffects.map { $0[index] } ?? 0
      let output = max(1, Int(TraceTestSupport.normal(&generator, mean: mean + effect, sd: noise).rounded()))
      builder.add(
        TraceCall(
          feature: "f", model: "gpt-5", caseID: "c-\(index)",
          usage: TokenUsage(uncachedInput: 1000, cacheRead: 500, output: output)))
    }
    return builder.finish().features["f"] ?? FeatureTraceStats()
  }

  static func outputMetric(_ comparison: FeatureTraceComparison) throws -> TraceMetric {
    try #require(comparison.metric("output_tokens"))
  }

  /// Over many synthetic datasets with a known +10 % effect, the 95 % interval covers the true
  /// delta about 95 % of the time (at least 26 of 30 here), and rejects 0 most of the time.
  @Test func intervalCoversTheTrueDelta() throws {
    var covered = 0
    var significant = 0
    for run in 0..<30 {
      let base = Self.stats(60, mean: 400, noise: 40, seed: UInt64(2 * run + 1))
      let head = Self.stats(60, mean: 440, noise: 40, seed: UInt64(2 * run + 2))
      let metric = try Self.outputMetric(
        TraceComparator.compare(feature: "f\(run)", base: base, head: head, prices: TraceTestSupport.prices))
      let low = try #require(metric.intervalLow)
      let high = try #require(metric.intervalHigh)
      if low <= 10, 10 <= high { covered += 1 }
      if metric.isSignificant { significant += 1 }
    }
    #expect(covered >= 26, "covered \(covered) of 30")
    #expect(significant >= 25, "significant \(significant) of 30")
  }

  /// No effect: the interval spans 0.
  @Test func noEffectIsNotSignificant() throws {
    let base = Self.stats(200, mean: 400, noise: 120, seed: 11)
    let head = Self.stats(200, mean: 400, noise: 120, seed: 12)
    let metric = try Self.outputMetric(
      TraceComparator.compare(feature: "f", base: base, head: head, prices: TraceTestSupport.prices))
    #expect(!metric.isSignificant)
  }

  /// With a large per-case effect shared by both sides, pairing by case id removes it from
  /// the noise: a narrower interval than the same data compared unpaired.
  @Test func pairingNarrowsTheInterval() throws {
    var generator = SplitMix64(seed: 99)
    let effects = (0..<100).map { _ in TraceTestSupport.normal(&generator, mean: 0, sd: 150) }
    let base = Self.stats(100, mean: 400, noise: 20, caseEffects: effects, seed: 21)
    let head = Self.stats(100, mean: 420, noise: 20, caseEffects: effects, seed: 22)
    let paired = TraceComparator.compare(feature: "f", base: base, head: head, prices: TraceTestSupport.prices)
    #expect(paired.comparison.paired)
    #expect(paired.sharedCases == 100)
    let shuffled = Self.stats(100, mean: 420, noise: 20, caseEffects: effects.reversed(), seed: 22)
    var renamed = TraceSummaryBuilder(prices: TraceTestSupport.prices)
    for call in shuffled.sample.calls {
      var copy = call
      copy.caseID = "other-\(call.caseID ?? "")"
      renamed.add(copy)
    }
    let unpaired = TraceComparator.compare(
      feature: "f", base: base, head: renamed.finish().features["f"], prices: TraceTestSupport.prices)
    #expect(!unpaired.comparison.paired)
    let pairedWidth = try width(Self.outputMetric(paired))
    let unpairedWidth = try width(Self.outputMetric(unpaired))
    #expect(pairedWidth * 3 < unpairedWidth, "paired \(pairedWidth) vs unpaired \(unpairedWidth)")
    #expect(try Self.outputMetric(paired).isSignificant)
  }

  private func width(_ metric: TraceMetric) throws -> Double {
    try #require(metric.intervalHigh) - #require(metric.intervalLow)
  }

  @Test func sameInputSameOutput() {
    let base = Self.stats(80, mean: 400, noise: 90, seed: 5)
    let head = Self.stats(80, mean: 430, noise: 90, seed: 6)
    let first = TraceComparator.compare(feature: "f", base: base, head: head, prices: TraceTestSupport.prices)
    let second = TraceComparator.compare(feature: "f", base: base, head: head, prices: TraceTestSupport.prices)
    #expect(first == second)
    let options = TraceComparisonOptions()
    #expect(TraceDiffRenderer.json([first], options: options) == TraceDiffRenderer.json([second], options: options))
  }

  @Test func fewCallsWarnAndOneSideIsReported() throws {
    let small = Self.stats(5, mean: 400, noise: 10, seed: 1)
    let comparison = TraceComparator.compare(feature: "f", base: small, head: small, prices: TraceTestSupport.prices)
    #expect(
      comparison.warnings == [
        "f: only 5 base call(s), fewer than min_samples 20; the interval is not reliable",
        "f: only 5 head call(s), fewer than min_samples 20; the interval is not reliable",
      ])
    let added = TraceComparator.compare(feature: "f", base: nil, head: small, prices: TraceTestSupport.prices)
    #expect(added.comparison.metrics.isEmpty)
    #expect(added.warnings.first == "f: no base traces; nothing to compare")
    #expect(added.head?.calls == 5)
  }

  /// A side summarised through a small sample gives an interval close to the full data's:
  /// the bootstrap spread is scaled from the sample to the population.
  @Test func sampledSidesScaleTheInterval() throws {
    let fullBase = Self.stats(1200, mean: 400, noise: 100, seed: 31)
    let fullHead = Self.stats(1200, mean: 420, noise: 100, seed: 32)
    let sampledBase = Self.stats(1200, mean: 400, noise: 100, seed: 31, capacity: 200)
    let sampledHead = Self.stats(1200, mean: 420, noise: 100, seed: 32, capacity: 200)
    let full = try width(
      Self.outputMetric(
        TraceComparator.compare(feature: "f", base: fullBase, head: fullHead, prices: TraceTestSupport.prices)))
    let sampled = try width(
      Self.outputMetric(
        TraceComparator.compare(feature: "f", base: sampledBase, head: sampledHead, prices: TraceTestSupport.prices)))
    #expect(abs(sampled - full) / full < 0.3, "sampled \(sampled) vs full \(full)")
  }

  @Test func sideNumbersForCheck() throws {
    let stats = Self.stats(40, mean: 300, noise: 0, seed: 1)
    let side = try #require(TraceComparator.side(stats))
    #expect(side.meanOutputTokens == 300)
    #expect(side.cacheHitRate == 500.0 / 1500.0)
    // (1000 × 1.25 + 500 × 0.125 + 300 × 10) / 1e6 per call.
    #expect(side.costPerCallUSD == Decimal(string: "0.0043125"))
    #expect(side.models == ["gpt-5"])
  }
}
