/// The metrics a trace comparison reports per feature, in report order.
enum TraceMetricKind: String, CaseIterable {
  case inputTokens = "input_tokens"
  case uncachedInputTokens = "uncached_input_tokens"
  case cacheReadTokens = "cache_read_tokens"
  case cacheWriteTokens = "cache_write_tokens"
  case outputTokens = "output_tokens"
  case reasoningTokens = "reasoning_tokens"
  /// Cache-read tokens over all input tokens (0…1), a ratio of sums.
  case cacheHitRate = "cache_hit_rate"
  case costPerCallUSD = "cost_per_call_usd"

  /// The per-call quantity behind a token metric.
  var quantity: TraceQuantity? {
    switch self {
    case .inputTokens: return .inputTokens
    case .uncachedInputTokens: return .uncachedInputTokens
    case .cacheReadTokens: return .cacheReadTokens
    case .cacheWriteTokens: return .cacheWriteTokens
    case .outputTokens: return .outputTokens
    case .reasoningTokens: return .reasoningTokens
    case .cacheHitRate, .costPerCallUSD: return nil
    }
  }
}

/// Sums over a group of calls, the unit the bootstrap resamples: lane 0 counts calls, lanes
/// 1–6 sum the token quantities (in `TraceQuantity` order), lane 7 sums the cost.
typealias CallSums = SIMD8<Double>

extension CallSums {
  static let callsLane = 0
  static let costLane = 7

  static func lane(_ quantity: TraceQuantity) -> Int { FeatureTraceStats.index(quantity) + 1 }

  init(call usage: TokenUsage, cost: Double) {
    self.init(repeating: 0)
    self[Self.callsLane] = 1
    for quantity in TraceQuantity.allCases { self[Self.lane(quantity)] = Double(quantity.value(of: usage)) }
    self[Self.costLane] = cost
  }

  /// The metric over the calls these sums cover; nil when undefined (no calls, no input).
  func metric(_ kind: TraceMetricKind) -> Double? {
    let calls = self[Self.callsLane]
    guard calls > 0 else { return nil }
    switch kind {
    case .cacheHitRate:
      let input = self[Self.lane(.inputTokens)]
      return input > 0 ? self[Self.lane(.cacheReadTokens)] / input : nil
    case .costPerCallUSD:
      return self[Self.costLane] / calls
    default:
      guard let quantity = kind.quantity else { return nil }
      return self[Self.lane(quantity)] / calls
    }
  }
}
