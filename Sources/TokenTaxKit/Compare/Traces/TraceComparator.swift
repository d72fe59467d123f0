import Foundation

/// Compares base and head trace statistics per feature (docs/traces.md): mean per bucket and cost per
/// call, p50/p95, delta % with a seeded bootstrap interval, paired by case id when the sides
/// share cases.
public enum TraceComparator {
  /// Every feature of either side, sorted by id.
  public static func compare(
    base: TraceSummary, head: TraceSummary, prices: PriceTable,
    options: TraceComparisonOptions = TraceComparisonOptions()
  ) -> [FeatureTraceComparison] {
    Set(base.features.keys).union(head.features.keys).sorted().map { id in
      compare(feature: id, base: base.features[id], head: head.features[id], prices: prices, options: options)
    }
  }

  /// One feature. `check` calls this with the feature's base and head statistics.
  public static func compare(
    feature: String, base: FeatureTraceStats?, head: FeatureTraceStats?, prices: PriceTable,
    options: TraceComparisonOptions = TraceComparisonOptions()
  ) -> FeatureTraceComparison {
    var pricer = TracePricer(table: prices)
    let baseSide = base.flatMap { side($0) }
    let headSide = head.flatMap { side($0) }
    var warnings: [String] = []
    for (name, side) in [("base", baseSide), ("head", headSide)] {
      guard let side else {
        warnings.append("\(feature): no \(name) traces; nothing to compare")
        continue
      }
      if side.calls < options.minSamples {
        warnings.append(
          "\(feature): only \(side.calls) \(name) call(s), fewer than min_samples \(options.minSamples); the interval is not reliable"
        )
      }
    }
    guard let base, let head, let baseSide, let headSide else {
      return FeatureTraceComparison(
        feature: feature,
        comparison: TraceComparison(
          paired: false, baseCalls: baseSide?.calls ?? 0, headCalls: headSide?.calls ?? 0, metrics: []),
        base: baseSide, head: headSide, sharedCases: 0, warnings: warnings)
    }

    let baseCalls = sampledCalls(base, &pricer)
    let headCalls = sampledCalls(head, &pricer)
    let design = Self.design(base: baseCalls, head: headCalls)
    let costKnown =
      baseSide.costPerCallUSD != nil && headSide.costPerCallUSD != nil
      && baseCalls.allSatisfy { $0.cost != nil } && headCalls.allSatisfy { $0.cost != nil }
    let kinds = TraceMetricKind.allCases.filter { $0 != .costPerCallUSD || costKnown }
    let seed = options.seed ^ StableHash(feature).value
    let intervals = design.bootstrap.intervals(
      kinds, resamples: options.resamples, confidence: options.confidence, seed: seed)
    let sampleTotals = design.bootstrap.totals
    // With a sample smaller than the population the bootstrap spread is that of the sample;
    // the spread of a mean shrinks with √n, so scale it to the population.
    let sampled = Double(baseCalls.count + headCalls.count)
    let population = Double(base.calls + head.calls)
    let shrink = population > sampled ? (sampled / population).squareRoot() : 1

    var metrics: [TraceMetric] = []
    for kind in kinds {
      guard let baseMean = value(kind, baseSide), let headMean = value(kind, headSide) else { continue }
      let delta = baseMean != 0 ? (headMean - baseMean) / baseMean * 100 : nil
      var low: Double?
      var high: Double?
      if let delta, let interval = intervals[kind],
        let center = Bootstrap.delta(kind, base: sampleTotals.base, head: sampleTotals.head)
      {
        low = delta + (interval.low - center) * shrink
        high = delta + (interval.high - center) * shrink
      }
      metrics.append(
        TraceMetric(
          name: kind.name, baseMean: baseMean, headMean: headMean,
          basePercentiles: percentiles(kind, base, baseCalls), headPercentiles: percentiles(kind, head, headCalls),
          deltaPercent: delta, intervalLow: low, intervalHigh: high))
    }
    if !design.paired, design.sharedCases > 0 {
      warnings.append("\(feature): only \(design.sharedCases) case id(s) appear on both sides; compared unpaired")
    }
    return FeatureTraceComparison(
      feature: feature,
      comparison: TraceComparison(
        paired: design.paired, baseCalls: base.calls, headCalls: head.calls, metrics: metrics),
      base: baseSide, head: headSide, sharedCases: design.paired ? design.sharedCases : 0, warnings: warnings)
  }

  // MARK: - Sides

  static func side(_ stats: FeatureTraceStats) -> TraceSide? {
    guard stats.calls > 0 else { return nil }
    var means: [TraceQuantity: Double] = [:]
    for quantity in TraceQuantity.allCases { means[quantity] = stats.mean(quantity) }
    return TraceSide(
      calls: stats.calls, meanTokens: means, cacheHitRate: stats.cacheHitRate, costPerCallUSD: stats.costPerCallUSD,
      models: Array(Set(stats.models.keys.map(\.model))).sorted())
  }

  private static func value(_ kind: TraceMetricKind, _ side: TraceSide) -> Double? {
    switch kind {
    case .tokens(let quantity): return side.meanTokens[quantity]
    case .cacheHitRate: return side.cacheHitRate
    case .costPerCallUSD: return side.costPerCallUSD.map { NSDecimalNumber(decimal: $0).doubleValue }
    }
  }

  // MARK: - Sample

  private struct SampledCall {
    var call: TraceCall
    var cost: Double?
    var sums: CallSums
  }

  private static func sampledCalls(_ stats: FeatureTraceStats, _ pricer: inout TracePricer) -> [SampledCall] {
    stats.sample.calls.map { call in
      let cost = pricer.cost(of: call).map { NSDecimalNumber(decimal: $0).doubleValue }
      return SampledCall(call: call, cost: cost, sums: CallSums(call: call.totalUsage, cost: cost ?? 0))
    }
  }

  private struct Design {
    var bootstrap = Bootstrap()
    var paired = false
    var sharedCases = 0
  }

  /// Pairs by case id when at least half of each side's calls belong to cases both sides
  /// have; otherwise every call is its own unit.
  private static func design(base: [SampledCall], head: [SampledCall]) -> Design {
    let baseCases = groupByCase(base)
    let headCases = groupByCase(head)
    let shared = Set(baseCases.keys).intersection(headCases.keys).sorted()
    let baseShared = shared.reduce(0.0) { $0 + (baseCases[$1]?[CallSums.callsLane] ?? 0) }
    let headShared = shared.reduce(0.0) { $0 + (headCases[$1]?[CallSums.callsLane] ?? 0) }
    var design = Design()
    design.sharedCases = shared.count
    design.paired = !shared.isEmpty && baseShared * 2 >= Double(base.count) && headShared * 2 >= Double(head.count)
    guard design.paired else {
      design.bootstrap.baseOnly = base.map(\.sums)
      design.bootstrap.headOnly = head.map(\.sums)
      return design
    }
    let sharedSet = Set(shared)
    for id in shared {
      design.bootstrap.pairedBase.append(baseCases[id] ?? CallSums(repeating: 0))
      design.bootstrap.pairedHead.append(headCases[id] ?? CallSums(repeating: 0))
    }
    design.bootstrap.baseOnly = unpairedUnits(base, cases: baseCases, shared: sharedSet)
    design.bootstrap.headOnly = unpairedUnits(head, cases: headCases, shared: sharedSet)
    return design
  }

  private static func groupByCase(_ calls: [SampledCall]) -> [String: CallSums] {
    var cases: [String: CallSums] = [:]
    for call in calls {
      guard let id = call.call.caseID else { continue }
      cases[id, default: CallSums(repeating: 0)] += call.sums
    }
    return cases
  }

  /// Cases on one side only (one unit each) and calls without a case id (one unit each).
  private static func unpairedUnits(_ calls: [SampledCall], cases: [String: CallSums], shared: Set<String>)
    -> [CallSums]
  {
    let caseless = calls.filter { $0.call.caseID == nil }.map(\.sums)
    let own = cases.keys.filter { !shared.contains($0) }.sorted().compactMap { cases[$0] }
    return own + caseless
  }

  // MARK: - Percentiles

  /// p50 and p95 per call: exact from the sample when it holds every call, else from the
  /// quantity's sketch (token metrics) or the sample (cost, cache hit rate). A summary input
  /// without a sample has seen fewer calls than the feature has.
  private static func percentiles(_ kind: TraceMetricKind, _ stats: FeatureTraceStats, _ calls: [SampledCall])
    -> Percentiles
  {
    if let quantity = kind.quantity, !stats.sample.isComplete || stats.sample.seen < stats.calls {
      let sketch = stats.sketch(quantity)
      return Percentiles(p50: sketch.quantile(0.5) ?? 0, p95: sketch.quantile(0.95) ?? 0)
    }
    let values = calls.compactMap { $0.sums.metric(kind) }.sorted()
    return Percentiles(p50: Quantiles.sorted(values, 0.5) ?? 0, p95: Quantiles.sorted(values, 0.95) ?? 0)
  }
}
