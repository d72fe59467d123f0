/// The metrics a trace comparison reports per feature, in report order: the mean of each
/// token quantity, the cache hit rate and the cost per call.
enum TraceMetricKind: Hashable, CaseIterable {
  case tokens(TraceQuantity)
  /// Cache-read tokens over all input tokens (0…1), a ratio of sums.
  case cacheHitRate
  case costPerCallUSD

  static let allCases: [TraceMetricKind] = TraceQuantity.ordered.map(tokens) + [.cacheHitRate, .costPerCallUSD]

  /// The name in reports: the quantity's (`output_tokens`), `cache_hit_rate`, `cost_per_call_usd`.
  var name: String {
    switch self {
    case .tokens(let quantity): return quantity.rawValue
    case .cacheHitRate: return "cache_hit_rate"
    case .costPerCallUSD: return "cost_per_call_usd"
    }
  }

  /// The per-call quantity behind a token metric.
  var quantity: TraceQuantity? {
    if case .tokens(let quantity) = self { return quantity }
    return nil
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
    for quantity in TraceQuantity.ordered { self[Self.lane(quantity)] = Double(quantity.value(of: usage)) }
    self[Self.costLane] = cost
  }

  /// The metric over the calls these sums cover; nil when undefined (no calls, no input).
  func metric(_ kind: TraceMetricKind) -> Double? {
    let calls = self[Self.callsLane]
    guard calls > 0 else { return nil }
    switch kind {
    case .tokens(let quantity):
      return self[Self.lane(quantity)] / calls
    case .cacheHitRate:
      let input = self[Self.lane(.inputTokens)]
      return input > 0 ? self[Self.lane(.cacheReadTokens)] / input : nil
    case .costPerCallUSD:
      return self[Self.costLane] / calls
    }
  }
}
