import Foundation

/// One feature compared between base and head: both sides' estimates, the delta, the trace
/// intervals, the prompt lines that moved the count and the rename, if any. Facts only: the
/// policy stage judges them (`Policy.evaluate`), the report stage displays them.
public struct FeatureComparison: Sendable, Equatable {
  /// The feature's id at head (at base when it was removed).
  public var id: String
  /// The feature's id at base when it was renamed (same prompt files, new id).
  public var renamedFrom: String?
  public var model: Pair<String?>
  public var encoding: EncodingInfo
  /// Nil when the feature does not exist at that side (added / removed).
  public var base: CallEstimate?
  public var head: CallEstimate?
  /// The price rows used, for the model-tier rule.
  public var prices: Pair<ModelPrice?>
  /// The prompt lines that added or removed the most tokens, largest first.
  public var topChanges: [PromptChange]
  /// Canary-trace statistics when both sides had traces.
  public var traces: TraceComparison?
  /// False when the change does not touch the feature (`check --staged` of an unrelated
  /// commit): it is shown, but not judged.
  public var judged: Bool

  public init(
    id: String, renamedFrom: String? = nil, model: Pair<String?>, encoding: EncodingInfo, base: CallEstimate?,
    head: CallEstimate?, prices: Pair<ModelPrice?> = Pair(base: nil, head: nil), topChanges: [PromptChange] = [],
    traces: TraceComparison? = nil, judged: Bool = true
  ) {
    self.id = id
    self.renamedFrom = renamedFrom
    self.model = model
    self.encoding = encoding
    self.base = base
    self.head = head
    self.prices = prices
    self.topChanges = topChanges
    self.traces = traces
    self.judged = judged
  }

  /// Whether the feature exists at both sides.
  public enum Change: Sendable, Equatable { case added, removed, changed }

  public var change: Change { head == nil ? .removed : base == nil ? .added : .changed }
  public var delta: CostDelta { CostDelta(base: base, head: head) }
}
