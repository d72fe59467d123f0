import Foundation

/// Collects per-feature comparisons and judges them into one `Report`.
struct ReportBuilder {
  let config: Config
  let baseConfig: Config?
  let prices: PriceTable
  private(set) var features: [FeatureResult] = []
  private(set) var warnings: [String] = []
  /// Statements about how the check was made (which config judged the base), in every format.
  var notes: [String] = []
  /// Features whose cache hits are the configured default's guess, not measured.
  private var assumedCacheHits: [String] = []

  init(config: Config, baseConfig: Config?, prices: PriceTable) {
    self.config = config
    self.baseConfig = baseConfig
    self.prices = prices
  }

  /// Estimates both sides of feature `id` (with its canary traces, when configured) and judges
  /// the change, unless it is not `judged` (a commit that does not touch it).
  mutating func add(
    id: String, base: FeatureSnapshot?, baseSource: any FileSource, head: FeatureSnapshot?, headSource: any FileSource,
    renamedFrom: String? = nil, judged: Bool = true
  ) throws {
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
    if [headEstimate, baseEstimate].contains(where: { $0?.sources["cache_hit_rate"] == "default" }) {
      assumedCacheHits.append(id)
    }
    // Warnings describe the head: the base's problems are history.
    warnings += headEstimate?.warnings ?? []
    warnings += traces?.warnings ?? []
    let status: FeatureResult.Status = head == nil ? .removed : base == nil ? .added : .pass
    var result = FeatureResult(
      id: id, status: status,
      model: Pair(base: baseEstimate?.model, head: headEstimate?.model),
      encoding: (headEstimate ?? baseEstimate)?.encoding ?? EncodingInfo(name: "o200k_base", exact: false),
      base: baseEstimate?.callEstimate, head: headEstimate?.callEstimate,
      topChanges: TopChanges.compute(base: baseEstimate, head: headEstimate).map {
        PromptChange.inSource(
          $0, files: (headEstimate?.promptFiles ?? [:]).merging(baseEstimate?.promptFiles ?? [:]) { head, _ in head })
      },
      traces: traces.flatMap { $0.comparison.metrics.isEmpty ? nil : $0.comparison })
    result.renamedFrom = renamedFrom
    let featureConfig = head?.feature ?? base?.feature
    let evaluator = PolicyEvaluator(
      thresholds: config.thresholds.overridden(by: featureConfig?.thresholds ?? Thresholds()),
      budgetMonthlyUSD: head?.feature.budgetMonthlyUSD, warnAtPercent: config.budgets.warnAtPercent)
    if head != nil, judged {
      let judged = evaluator.evaluate(result, basePrice: baseEstimate?.price, headPrice: headEstimate?.price)
      result.violations = judged.violations
      warnings += judged.warnings
      if judged.violations.contains(where: { $0.level == .fail }) {
        result.status = .fail
      } else if !judged.violations.isEmpty, result.status == .pass {
        result.status = .warn
      }
    }
    features.append(result)
  }

  /// The report; `approval` is asked only when a fail threshold or budget was passed.
  func finish(base: Report.Revision, head: Report.Revision, approval: () -> String?) -> Report {
    var report = Report(
      base: base, head: head, status: .pass, exitCode: 0, features: features,
      warnings: Array(Set(warnings)).sorted(), pricesAsOf: prices.asOf ?? "unknown")
    report.notes = notes.uniqued()
    if !assumedCacheHits.isEmpty {
      let rate = Money.absPercent(config.defaults.cacheHitRate * 100)
      report.notes.append(
        "cache hits assumed on \(rate) of calls where no traces measure them (defaults.cache_hit_rate): "
          + assumedCacheHits.joined(separator: ", "))
    }
    if let budget = config.budgets.monthlyUSD, let total = report.headMonthlyUSD,
      let violation = PolicyEvaluator.budget(
        total, base: report.baseMonthlyUSD, budget: budget, warnAt: config.budgets.warnAtPercent, what: "total forecast"
      )
    {
      report.totalViolations.append(violation)
    }
    let all = features.flatMap(\.violations) + report.totalViolations
    if all.contains(where: { $0.level == .fail }) {
      if let approval = approval() {
        report.status = .approved
        report.approval = approval
      } else {
        report.status = .fail
        report.exitCode = ExitCode.regression.rawValue
      }
    } else if !all.isEmpty {
      report.status = .warn
    }
    return report
  }
}
