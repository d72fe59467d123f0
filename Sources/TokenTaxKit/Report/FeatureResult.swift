import Foundation

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

  /// Head less base.
  public var delta: CostDelta { CostDelta(base: base, head: head) }
  public var deltaInputTokens: Int { delta.inputTokens }
  public var deltaCachedInputTokens: Int { delta.cachedInputTokens }
  public var deltaOutputTokens: Int { delta.outputTokens }
  public var deltaCostPerCallUSD: Decimal { delta.costPerCallUSD }
  /// Nil when either side's monthly figure is unknown (no calls_per_day).
  public var deltaMonthlyUSD: Decimal? { delta.monthlyUSD }
  /// Percent change of all input tokens per call; nil when the base has none or is absent.
  public var deltaInputTokensPercent: Double? { delta.inputTokensPercent }
  /// Nil when the base cost is zero or absent.
  public var deltaCostPerCallPercent: Double? { delta.costPerCallPercent }
}
