import Foundation

/// Facts every human-facing reporter shows the same way.
extension Report.Revision {
  /// A commit as its 7-character short sha (`index` / `worktree` as is), with the typed label.
  public var display: String {
    let isSHA = rev.count >= 40 && rev.allSatisfy(\.isHexDigit)
    let short = isSHA ? String(rev.prefix(7)) : rev
    guard let label, label != rev, label != short else { return short }
    return "\(short) (\(label))"
  }
}

extension Report {
  /// Features without a monthly figure at a side that exists (no `calls_per_day`).
  public var featuresWithoutMonthly: [FeatureResult] {
    features.filter { $0.hasUnknownMonthly }
  }

  /// `1 fail, 2 warn, 1 added` in status order, empty statuses left out.
  var statusCounts: String {
    FeatureResult.Status.allCases.compactMap { status in
      let count = features.filter { $0.status == status }.count
      return count == 0 ? nil : "\(count) \(status.rawValue)"
    }.joined(separator: ", ")
  }
}

extension FeatureResult {
  /// The model at head, or at base for a removed feature.
  public var currentModel: String? { model.head ?? model.base }

  /// `gpt-5`, or `gpt-5 → gpt-5-pro` when the change switched it.
  func modelDisplay(_ name: (String) -> String) -> String {
    switch (model.base, model.head) {
    case (let base?, let head?) where base != head: return "\(name(base)) → \(name(head))"
    default: return currentModel.map(name) ?? "—"
    }
  }

  /// Input plus output tokens of one call, `—` for a side the feature does not exist at.
  static func totalTokens(_ side: CallEstimate?) -> String {
    side.map { Money.tokens($0.inputTokens + $0.outputTokens) } ?? "—"
  }

  var hasUnknownMonthly: Bool {
    [base, head].contains { side in side.map { $0.monthlyUSD == nil } ?? false }
  }

  /// Δ cost per call as a percentage, spelled for added and removed features.
  var costPerCallChange: String {
    switch status {
    case .added: return "new"
    case .removed: return "removed"
    default: return Money.percent(deltaCostPerCallPercent)
    }
  }

  /// Anything a reviewer should see: a verdict, a new or removed feature, a model switch or any delta.
  public var hasChange: Bool {
    status != .pass || !violations.isEmpty || model.base != model.head || deltaInputTokens != 0
      || deltaCachedInputTokens != 0 || deltaOutputTokens != 0 || deltaCostPerCallUSD != 0
  }

  /// The output-token count came from the config's estimate, not from traces.
  var outputIsEstimated: Bool {
    [base, head].contains { $0?.sources.outputTokens == .config }
  }

  /// The prompt line that added the most tokens.
  var largestAddition: PromptChange? {
    topChanges.filter { $0.tokens > 0 }.max { $0.tokens < $1.tokens }
  }

  /// Where an annotation about this feature belongs: the line that added the most tokens, else
  /// the largest change of any sign (a model switch in front matter saves a token or two).
  var annotationLine: PromptChange? {
    largestAddition ?? topChanges.max { abs($0.tokens) < abs($1.tokens) }
  }

  /// The worst violation level, nil without violations.
  var worstLevel: Violation.Level? {
    violations.contains { $0.level == .fail } ? .fail : violations.isEmpty ? nil : .warn
  }
}

extension FeatureResult {
  /// The id, with the base's id when the feature was renamed: `summarizer (was summarize)`.
  var displayID: String { renamedFrom.map { "\(id) (was \($0))" } ?? id }
}

extension TraceMetric {
  /// A value of metric `name` as a person reads it, in every report and in `traces diff`:
  /// tokens with one decimal, the hit rate as a percentage, cost as money.
  static func display(_ name: String, _ value: Double) -> String {
    switch name {
    case TraceMetricKind.cacheHitRate.name: return Money.oneDecimal(value * 100) + " %"
    case TraceMetricKind.costPerCallUSD.name: return Money.usd(Money.decimal(value) ?? 0)
    default: return Money.oneDecimal(value)
    }
  }

  func display(_ value: Double) -> String { Self.display(name, value) }
}

extension TraceComparison {
  /// The metrics a person reviews, in this order; buckets that are zero on both sides (a model
  /// without caching or reasoning) say nothing and are left out. The JSON keeps every metric.
  var reviewedMetrics: [TraceMetric] {
    let order = ["output_tokens", "reasoning_tokens", "input_tokens", "cache_hit_rate", "cost_per_call_usd"]
    return order.compactMap { name in metrics.first { $0.name == name } }.filter {
      $0.baseMean != 0 || $0.headMean != 0
    }
  }
}
