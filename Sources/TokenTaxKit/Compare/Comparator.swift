import Foundation

/// Compares every feature of two revisions: estimates both sides (with canary traces, when
/// configured), attributes the change to prompt lines and pairs renamed features.
struct Comparator {
  /// The head's config: its defaults estimate the head, and the base when it has none.
  let config: Config
  let baseConfig: Config?
  let prices: PriceTable

  /// One revision's features and where their files are read.
  struct Side {
    var snapshots: [String: FeatureSnapshot]
    var source: any FileSource
  }

  /// The comparison of `base` and `head`. `touches` says whether the change touches a feature
  /// (base and head snapshot); one it does not is compared but not judged. `notes` are the
  /// loading stages' statements, kept in order.
  func compare(
    base: Side, head: Side, notes: [String], touches: (FeatureSnapshot?, FeatureSnapshot?) throws -> Bool
  ) throws -> Comparison {
    let renames = Renames.find(base: base.snapshots, head: head.snapshots)
    let ids = Set(head.snapshots.keys).union(base.snapshots.keys).subtracting(renames.values).sorted()
    var features: [FeatureComparison] = []
    var warnings: [String] = []
    // Features whose cache hits are the configured default's guess, not measured.
    var assumedCacheHits: [String] = []
    for id in ids {
      let baseSnapshot = base.snapshots[renames[id] ?? id]
      let headSnapshot = head.snapshots[id]
      let compared = try compare(
        id: id, base: baseSnapshot, baseSource: base.source, head: headSnapshot, headSource: head.source)
      var feature = compared.feature
      feature.renamedFrom = renames[id]
      feature.judged = try touches(baseSnapshot, headSnapshot)
      features.append(feature)
      warnings += compared.warnings
      if compared.assumedCacheHits { assumedCacheHits.append(id) }
    }
    var allNotes = notes.uniqued()
    if !assumedCacheHits.isEmpty {
      let rate = Money.absPercent(config.defaults.cacheHitRate * 100)
      allNotes.append(
        "cache hits assumed on \(rate) of calls where no traces measure them (defaults.cache_hit_rate): "
          + assumedCacheHits.joined(separator: ", "))
    }
    return Comparison(features: features, warnings: warnings, notes: allNotes)
  }

  private func compare(
    id: String, base: FeatureSnapshot?, baseSource: any FileSource, head: FeatureSnapshot?, headSource: any FileSource
  ) throws -> (feature: FeatureComparison, warnings: [String], assumedCacheHits: Bool) {
    let evidence = TraceEvidence(prices: prices, rules: config.traceRules, minSamples: config.minSamples)
    let traces = try evidence.compare(
      feature: id, head: head.map { ($0.feature, headSource) }, base: base.map { ($0.feature, baseSource) })
    // Traces are the truth for output tokens and cache hit rates: they replace the config's guesses.
    let headEstimate = try head.map {
      try Estimator(defaults: config.defaults, prices: prices).estimate(
        $0, observedOutput: traces?.head.map { Int($0.meanOutputTokens.rounded()) },
        observedCacheHitRate: traces?.head?.cacheHitRate)
    }
    let baseEstimate = try base.map {
      try Estimator(defaults: baseConfig?.defaults ?? config.defaults, prices: prices).estimate(
        $0, observedOutput: traces?.base.map { Int($0.meanOutputTokens.rounded()) },
        observedCacheHitRate: traces?.base?.cacheHitRate)
    }
    let assumed = [headEstimate, baseEstimate].contains { $0?.sources.cacheHitRate == .default }
    let files = (headEstimate?.promptFiles ?? [:]).merging(baseEstimate?.promptFiles ?? [:]) { head, _ in head }
    let feature = FeatureComparison(
      id: id, model: Pair(base: baseEstimate?.model, head: headEstimate?.model),
      encoding: (headEstimate ?? baseEstimate)?.encoding ?? EncodingInfo(name: "o200k_base", exact: false),
      base: baseEstimate?.callEstimate, head: headEstimate?.callEstimate,
      prices: Pair(base: baseEstimate?.price, head: headEstimate?.price),
      topChanges: TopChanges.compute(base: baseEstimate, head: headEstimate).map {
        PromptChange.inSource($0, files: files)
      },
      traces: traces.flatMap { $0.comparison.metrics.isEmpty ? nil : $0.comparison })
    // Warnings describe the head: the base's problems are history.
    return (feature, (headEstimate?.warnings ?? []) + (traces?.warnings ?? []), assumed)
  }
}
