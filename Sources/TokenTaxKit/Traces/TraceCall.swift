/// One recorded LLM call, normalised from any trace format (docs/traces.md).
///
/// Token counts are in disjoint buckets (`TokenUsage`), so cost is one dot product with a
/// price row and cached or reasoning tokens are never counted twice.
public struct TraceCall: Sendable, Equatable {
  /// The feature id the call is attributed to; `unattributed` when nothing matched.
  public var feature: String
  /// The model as recorded (a dated snapshot is fine; the price table resolves aliases).
  /// `unknown` when the record names none.
  public var model: String
  /// The eval case or replayed input, used to pair base and head calls.
  public var caseID: String?
  /// The call's time as recorded (ISO 8601 text), when known.
  public var timestamp: String?
  /// Whether the call went through a provider's batch API (50 % off where offered).
  public var batch: Bool
  public var usage: TokenUsage
  /// Server-side passes billed with the call but possibly on another model (Anthropic
  /// `usage.iterations` of type `compaction` or `advisor_message`). They add tokens and cost to
  /// this call without counting as calls of their own.
  public var passes: [ModelUsage]

  public static let unattributed = "unattributed"
  public static let unknownModel = "unknown"

  public init(
    feature: String = TraceCall.unattributed, model: String = TraceCall.unknownModel, caseID: String? = nil,
    timestamp: String? = nil, batch: Bool = false, usage: TokenUsage, passes: [ModelUsage] = []
  ) {
    self.feature = feature
    self.model = model
    self.caseID = caseID
    self.timestamp = timestamp
    self.batch = batch
    self.usage = usage
    self.passes = passes
  }

  /// The call's tokens including its server-side passes.
  public var totalUsage: TokenUsage { passes.reduce(usage) { $0 + $1.usage } }
}

/// Tokens billed on one model.
public struct ModelUsage: Sendable, Equatable, Hashable {
  public var model: String
  public var usage: TokenUsage

  public init(model: String, usage: TokenUsage) {
    self.model = model
    self.usage = usage
  }
}
