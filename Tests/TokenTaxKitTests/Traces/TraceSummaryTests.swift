import Foundation
import JSON
import Testing

@testable import TokenTaxKit

@Suite struct TraceSummaryTests {
  /// Deterministic synthetic calls for one feature.
  static func calls(_ count: Int, feature: String = "f", seed: UInt64 = 1, cases: Bool = true) -> [TraceCall] {
    var generator = SplitMix64(seed: seed)
    return (0..<count).map { index in
      let output = 100 + generator.index(below: 900)
      let read = generator.index(below: 2) == 0 ? 0 : 1024
      return TraceCall(
        feature: feature, model: "gpt-5", caseID: cases ? "c-\(index)" : nil,
        usage: TokenUsage(
          uncachedInput: 500 + generator.index(below: 100), cacheRead: read, output: output, reasoning: output / 4))
    }
  }

  static func summary(_ calls: [TraceCall], capacity: Int = CallReservoir.defaultCapacity) -> TraceSummary {
    var builder = TraceSummaryBuilder(prices: TraceTestSupport.prices, sampleCapacity: capacity)
    for call in calls { builder.add(call) }
    return builder.finish()
  }

  @Test func jsonRoundTripsAndMerges() throws {
    let original = Self.summary(Self.calls(300))
    let text = JSONWriter.compactLeaves(TraceSummaryJSON.encode(original))
    let file = try TraceTestSupport.temporaryFile("summary.json", text)
    let reread = try TraceLoader.summarize([file], prices: TraceTestSupport.prices)
    #expect(JSONWriter.compactLeaves(TraceSummaryJSON.encode(reread)) == text)
    // Two copies merge into one summary with twice the counts and sums.
    let doubled = try TraceLoader.summarize([file, file], prices: TraceTestSupport.prices)
    let stats = try #require(doubled.features["f"])
    #expect(stats.calls == 600)
    #expect(stats.moments(.outputTokens).sum == 2 * (original.features["f"]?.moments(.outputTokens).sum ?? 0))
    #expect(stats.costUSD == (original.features["f"]?.costUSD).map { $0 * 2 })
  }

  /// Merging per-shard summaries gives the same summary as one pass, whatever the order.
  @Test func shardsMergeToTheWhole() {
    let calls = Self.calls(5000)
    let whole = Self.summary(calls, capacity: 256)
    var forward = TraceSummaryBuilder(prices: TraceTestSupport.prices, sampleCapacity: 256)
    var backward = TraceSummaryBuilder(prices: TraceTestSupport.prices, sampleCapacity: 256)
    let shards = stride(from: 0, to: calls.count, by: 1000).map {
      Self.summary(Array(calls[$0..<min($0 + 1000, calls.count)]), capacity: 256)
    }
    for shard in shards { forward.merge(shard) }
    for shard in shards.reversed() { backward.merge(shard) }
    // Compared as JSON text so a failure prints a readable difference.
    let expected = JSONWriter.compactLeaves(TraceSummaryJSON.encode(whole))
    #expect(JSONWriter.compactLeaves(TraceSummaryJSON.encode(forward.finish())) == expected)
    #expect(JSONWriter.compactLeaves(TraceSummaryJSON.encode(backward.finish())) == expected)
    #expect(forward.finish() == whole)
  }

  /// BigQuery's JSON export quotes 64-bit integers; the sample's `case` may be null.
  @Test func quotedNumbersAndBooleansReadLikeTypedOnes() throws {
    func summary(_ quote: String) -> String {
      let q = quote
      return """
        {"schema_version": \(q)1\(q), "skipped_lines": \(q)0\(q), "features": [{"id": "f", "models": [
          {"model": "gpt-5", "batch": \(q)true\(q), "calls": \(q)2\(q), "uncached_input_tokens": \(q)900\(q),
           "cache_read_tokens": \(q)100\(q), "cache_write_tokens": \(q)0\(q), "output_tokens": \(q)50\(q), "reasoning_tokens": \(q)0\(q)}],
          "stats": {"calls": \(q)2\(q), "quantities": {"output_tokens": {"sum": \(q)50\(q), "sum_of_squares": 1300,
            "sketch": {"zero": \(q)0\(q), "offset": \(q)137\(q), "bins": [\(q)1\(q), \(q)0\(q), \(q)1\(q)]}}},
           "sample": {"capacity": \(q)4096\(q), "seen": \(q)2\(q), "calls": [
             {"model": "gpt-5", "case": null, "batch": \(q)true\(q), "uncached_input_tokens": \(q)450\(q), "output_tokens": \(q)20\(q)},
             {"model": "gpt-5", "case": "c-1", "batch": \(q)true\(q), "uncached_input_tokens": \(q)450\(q), "output_tokens": \(q)30\(q)}]}}}]}
        """
    }
    let typed = try TraceLoader.summarize(
      [try TraceTestSupport.temporaryFile("typed.json", summary(""))], prices: TraceTestSupport.prices)
    let quoted = try TraceLoader.summarize(
      [try TraceTestSupport.temporaryFile("quoted.json", summary("\""))], prices: TraceTestSupport.prices)
    #expect(quoted == typed)
    let stats = try #require(quoted.features["f"])
    #expect(stats.models.keys.map(\.batch) == [true])
    #expect(stats.sample.calls.map(\.batch) == [true, true])
    #expect(stats.sketch(.outputTokens).count == 2)
  }

  @Test func summaryWithoutStatsStillGivesMeans() throws {
    let text = """
      {"schema_version": 1, "skipped_lines": 0, "features": [{"id": "rag-qa", "models": [
        {"model": "gpt-5", "calls": 4, "uncached_input_tokens": 4000, "cache_read_tokens": 1000, "cache_write_tokens": 0,
         "output_tokens": 800, "reasoning_tokens": 100, "cost_usd": null}]}]}
      """
    let summary = try TraceLoader.summarize(
      [try TraceTestSupport.temporaryFile("warehouse.json", text)], prices: TraceTestSupport.prices)
    let stats = try #require(summary.features["rag-qa"])
    #expect(stats.calls == 4)
    #expect(stats.mean(.outputTokens) == 200)
    #expect(stats.cacheHitRate == 0.2)
    // Priced from the sums: (4000 × 1.25 + 1000 × 0.125 + 800 × 10) / 1e6.
    #expect(stats.costUSD == Decimal(string: "0.013125"))
  }

  @Test func sketchQuantilesAreWithinOnePercent() {
    var sketch = QuantileSketch()
    let values = (1...10_000).map(Double.init)
    for value in values { sketch.add(value) }
    sketch.add(0)
    for q in [0.5, 0.95, 0.99] {
      let exact = values[Int(q * Double(values.count - 1))]
      let estimate = sketch.quantile(q) ?? 0
      #expect(abs(estimate - exact) / exact < 0.011, "q\(q): \(estimate) vs \(exact)")
    }
    #expect(sketch.quantile(0) == 0)
  }

  /// The sample keeps the same cases on both sides, so pairing survives sampling.
  @Test func samplesOfTwoSidesKeepTheSameCases() {
    var base = CallReservoir(capacity: 50)
    var head = CallReservoir(capacity: 50)
    for call in Self.calls(1000, seed: 1) { base.add(call) }
    for call in Self.calls(1000, seed: 2) { head.add(call) }
    #expect(base.calls.count == 50)
    #expect(Set(base.calls.compactMap(\.caseID)) == Set(head.calls.compactMap(\.caseID)))
    #expect(!base.isComplete)
  }

  /// A warehouse summary may carry a smaller sample than this run keeps: merged, it still
  /// stands for more calls than it holds, so percentiles come from the sketch.
  @Test func aSmallerSampleMergedIntoALargerOneStaysIncomplete() {
    var small = CallReservoir(capacity: 10)
    for call in Self.calls(30) { small.add(call) }
    var merged = CallReservoir()
    merged.merge(small)
    #expect(merged.calls.count == 10)
    #expect(merged.seen == 30)
    #expect(!merged.isComplete)
    var whole = CallReservoir()
    for call in Self.calls(30) { whole.add(call) }
    #expect(whole.isComplete)
  }

  @Test func longContextRequestsArePricedOneByOne() throws {
    let price = ModelPrice(
      model: "big", provider: "x", input: 1, output: 2,
      longContext: LongContextTier(threshold: 1000, input: 10, output: 20),
      tokenizer: "o200k_base", source: "test", date: "2026-11-20")
    var builder = TraceSummaryBuilder(prices: PriceTable(rows: [price]))
    for _ in 0..<10 { builder.add(TraceCall(model: "big", usage: TokenUsage(uncachedInput: 500, output: 10))) }
    let row = try #require(
      builder.finish().features[TraceCall.unattributed]?.models[ModelKey(model: "big", batch: false)])
    // Ten small requests: 5000 × 1 + 100 × 2, never the tier, though their sum passes 1000 input tokens.
    #expect(row.costUSD == Decimal(string: "0.0052"))
  }
}
