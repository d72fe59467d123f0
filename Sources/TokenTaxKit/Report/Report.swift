import Foundation

/// The result of one `tokentax check`: everything every reporter renders, and nothing else.
///
/// Built once by the check pipeline; reporters are pure functions of it (SPEC §11).
public struct Report: Sendable, Equatable {
  public var toolVersion: String
  public var base: Revision
  public var head: Revision
  public var status: Status
  public var exitCode: Int32
  /// Why a failing check was approved (commit trailer or `--approve`), when it was.
  public var approval: String?
  public var features: [FeatureResult]
  /// Violations of the whole change (the total monthly budget), beside the per-feature ones.
  public var totalViolations: [Violation] = []
  /// Non-fatal problems worth a line: unknown placeholders, features without calls_per_day,
  /// skipped trace lines. Never prompt text.
  public var warnings: [String]
  /// The date of the newest price row used, e.g. `2026-11-20`.
  public var pricesAsOf: String
  /// How the numbers were made where a reader could assume otherwise: the config that judged
  /// a base without one, the cache hit rate assumed, a glob that matched nothing at a side.
  public var notes: [String] = []

  public init(
    toolVersion: String = TokenTax.version, base: Revision, head: Revision, status: Status, exitCode: Int32,
    approval: String? = nil, features: [FeatureResult], warnings: [String] = [], pricesAsOf: String
  ) {
    self.toolVersion = toolVersion
    self.base = base
    self.head = head
    self.status = status
    self.exitCode = exitCode
    self.approval = approval
    self.features = features
    self.warnings = warnings
    self.pricesAsOf = pricesAsOf
  }

  /// The overall verdict.
  public enum Status: String, Sendable, CaseIterable {
    case pass, warn, fail, approved
  }

  /// A side of the comparison: a full commit sha, or `index` / `worktree`.
  public struct Revision: Sendable, Equatable {
    public var rev: String
    /// What the user typed (`origin/main`), for display.
    public var label: String?
    public init(rev: String, label: String? = nil) {
      self.rev = rev
      self.label = label
    }
  }

  /// Sum of the features' monthly cost at base; nil when no feature has a monthly figure.
  public var baseMonthlyUSD: Decimal? { sum(features.map { $0.base?.monthlyUSD }) }
  public var headMonthlyUSD: Decimal? { sum(features.map { $0.head?.monthlyUSD }) }
  public var deltaMonthlyUSD: Decimal? {
    guard baseMonthlyUSD != nil || headMonthlyUSD != nil else { return nil }
    return (headMonthlyUSD ?? 0) - (baseMonthlyUSD ?? 0)
  }
  public var deltaMonthlyPercent: Double? {
    guard let base = baseMonthlyUSD else { return nil }
    return Money.percentChange(base, headMonthlyUSD ?? 0)
  }

  private func sum(_ values: [Decimal?]) -> Decimal? {
    let known = values.compactMap { $0 }
    return known.isEmpty ? nil : known.reduce(0, +)
  }
}

/// One feature's base, head, delta, verdict and evidence.
public struct FeatureResult: Sendable, Equatable {
  public var id: String
  public var status: Status
  public var model: Pair<String?>
  public var encoding: EncodingInfo
  /// Nil when the feature does not exist at that side (added / removed).
  public var base: CallEstimate?
  public var head: CallEstimate?
  public var violations: [Violation]
  /// The prompt lines that added or removed the most tokens, largest first.
  public var topChanges: [PromptChange]
  /// Canary-trace statistics when both sides had traces.
  public var traces: TraceComparison?
  /// The feature's id at base when it was renamed (same prompt files, new id).
  public var renamedFrom: String?

  public init(
    id: String, status: Status, model: Pair<String?>, encoding: EncodingInfo, base: CallEstimate?,
    head: CallEstimate?, violations: [Violation] = [], topChanges: [PromptChange] = [], traces: TraceComparison? = nil
  ) {
    self.id = id
    self.status = status
    self.model = model
    self.encoding = encoding
    self.base = base
    self.head = head
    self.violations = violations
    self.topChanges = topChanges
    self.traces = traces
  }

  public enum Status: String, Sendable, CaseIterable {
    case pass, warn, fail, added, removed
  }

  public var deltaInputTokens: Int { (head?.inputTokens ?? 0) - (base?.inputTokens ?? 0) }
  public var deltaCachedInputTokens: Int { (head?.cachedInputTokens ?? 0) - (base?.cachedInputTokens ?? 0) }
  public var deltaOutputTokens: Int { (head?.outputTokens ?? 0) - (base?.outputTokens ?? 0) }
  public var deltaCostPerCallUSD: Decimal { (head?.costPerCallUSD ?? 0) - (base?.costPerCallUSD ?? 0) }
  /// Nil when either side's monthly figure is unknown (no calls_per_day).
  public var deltaMonthlyUSD: Decimal? {
    switch (base, head) {
    case (nil, nil): return nil
    case (let base?, nil): return base.monthlyUSD.map { -$0 }
    case (nil, let head?): return head.monthlyUSD
    case (let base?, let head?):
      guard let b = base.monthlyUSD, let h = head.monthlyUSD else { return nil }
      return h - b
    }
  }
  /// Percent change of all input tokens per call; nil when the base has none or is absent.
  public var deltaInputTokensPercent: Double? {
    guard let base, let head else { return nil }
    return Money.percentChange(base.inputTokens, head.inputTokens)
  }
  /// Nil when the base cost is zero or absent.
  public var deltaCostPerCallPercent: Double? {
    guard let base, let head else { return nil }
    return Money.percentChange(base.costPerCallUSD, head.costPerCallUSD)
  }
}

/// A base/head pair of anything.
public struct Pair<Value: Sendable & Equatable>: Sendable, Equatable {
  public var base: Value
  public var head: Value
  public init(base: Value, head: Value) {
    self.base = base
    self.head = head
  }
}

/// Which tokenizer counted, and whether the count is exact for the model.
public struct EncodingInfo: Sendable, Equatable {
  public var name: String
  public var exact: Bool
  /// How a non-exact count was made, e.g. `o200k_base × 1.15 (claude)`.
  public var method: String?
  public init(name: String, exact: Bool, method: String? = nil) {
    self.name = name
    self.exact = exact
    self.method = method
  }
}

/// Tokens and cost of one call of a feature at one revision.
public struct CallEstimate: Sendable, Equatable {
  /// All input tokens, cached ones included.
  public var inputTokens: Int
  /// The part of `inputTokens` billed at the cache-read price.
  public var cachedInputTokens: Int
  public var outputTokens: Int
  public var costPerCallUSD: Decimal
  /// Nil when the feature has no `calls_per_day`: "monthly: unknown", never $0.
  public var monthlyUSD: Decimal?
  /// Where each number came from: key (`input_tokens`, `output_tokens`, `cached_input_tokens`,
  /// `cache_hit_rate`) → `template`, `traces`, `config`, `request` or `default`.
  public var sources: [String: String]
  /// The share of calls that read the cacheable prefix from the cache (traces, config or the
  /// default); nil when nothing is cacheable.
  public var cacheHitRate: Double?

  public init(
    inputTokens: Int, cachedInputTokens: Int, outputTokens: Int, costPerCallUSD: Decimal, monthlyUSD: Decimal?,
    sources: [String: String], cacheHitRate: Double? = nil
  ) {
    self.inputTokens = inputTokens
    self.cachedInputTokens = cachedInputTokens
    self.outputTokens = outputTokens
    self.costPerCallUSD = costPerCallUSD
    self.monthlyUSD = monthlyUSD
    self.sources = sources
    self.cacheHitRate = cacheHitRate
  }

  /// Input tokens billed at the full input price (and cache writes), not read from the cache.
  public var uncachedInputTokens: Int { inputTokens - cachedInputTokens }
}

/// A threshold or budget the change passed.
public struct Violation: Sendable, Equatable {
  public enum Level: String, Sendable, CaseIterable { case warn, fail }
  /// The config key: `cost_percent`, `monthly_usd`, `budget`, `model_tier` …
  public var rule: String
  public var level: Level
  public var limit: Decimal
  public var actual: Decimal
  /// One human sentence, e.g. `cost per call +23.4 % (limit 15 %)`.
  public var message: String

  public init(rule: String, level: Level, limit: Decimal, actual: Decimal, message: String) {
    self.rule = rule
    self.level = level
    self.limit = limit
    self.actual = actual
    self.message = message
  }
}

/// A prompt line whose change added (positive) or removed (negative) tokens.
public struct PromptChange: Sendable, Equatable {
  public var file: String
  public var line: Int
  public var tokens: Int
  public init(file: String, line: Int, tokens: Int) {
    self.file = file
    self.line = line
    self.tokens = tokens
  }
}

/// Base-vs-head statistics from canary traces for one feature (SPEC §7).
public struct TraceComparison: Sendable, Equatable {
  /// True when calls were matched by case id.
  public var paired: Bool
  public var baseCalls: Int
  public var headCalls: Int
  public var metrics: [TraceMetric]

  public init(paired: Bool, baseCalls: Int, headCalls: Int, metrics: [TraceMetric]) {
    self.paired = paired
    self.baseCalls = baseCalls
    self.headCalls = headCalls
    self.metrics = metrics
  }
}

/// One metric of a trace comparison, e.g. mean output tokens per call.
public struct TraceMetric: Sendable, Equatable {
  /// `output_tokens`, `input_tokens`, `cache_hit_rate`, `cost_per_call_usd` …
  public var name: String
  public var baseMean: Double
  public var headMean: Double
  public var basePercentiles: Percentiles
  public var headPercentiles: Percentiles
  /// Delta % of the mean; nil when the base mean is 0.
  public var deltaPercent: Double?
  /// 95 % bootstrap interval of the delta %.
  public var intervalLow: Double?
  public var intervalHigh: Double?

  public init(
    name: String, baseMean: Double, headMean: Double, basePercentiles: Percentiles, headPercentiles: Percentiles,
    deltaPercent: Double?, intervalLow: Double?, intervalHigh: Double?
  ) {
    self.name = name
    self.baseMean = baseMean
    self.headMean = headMean
    self.basePercentiles = basePercentiles
    self.headPercentiles = headPercentiles
    self.deltaPercent = deltaPercent
    self.intervalLow = intervalLow
    self.intervalHigh = intervalHigh
  }

  /// The interval excludes zero: the change is not noise.
  public var isSignificant: Bool {
    guard let low = intervalLow, let high = intervalHigh else { return false }
    return low > 0 || high < 0
  }
}

public struct Percentiles: Sendable, Equatable {
  public var p50: Double
  public var p95: Double
  public init(p50: Double, p95: Double) {
    self.p50 = p50
    self.p95 = p95
  }
}
