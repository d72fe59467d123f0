/// The per-call token quantities the statistics track.
public enum TraceQuantity: String, Sendable, CaseIterable, Comparable {
  /// All input tokens, cached ones included.
  case inputTokens = "input_tokens"
  case uncachedInputTokens = "uncached_input_tokens"
  case cacheReadTokens = "cache_read_tokens"
  case cacheWriteTokens = "cache_write_tokens"
  /// Output as billed, reasoning included.
  case outputTokens = "output_tokens"
  case reasoningTokens = "reasoning_tokens"

  /// `allCases`, built once (the synthesized property makes a new array on every call).
  static let ordered = allCases

  func value(of usage: TokenUsage) -> Int {
    switch self {
    case .inputTokens: return usage.totalInput
    case .uncachedInputTokens: return usage.uncachedInput
    case .cacheReadTokens: return usage.cacheRead
    case .cacheWriteTokens: return usage.cacheWrite
    case .outputTokens: return usage.output
    case .reasoningTokens: return usage.reasoning
    }
  }

  public static func < (lhs: TraceQuantity, rhs: TraceQuantity) -> Bool {
    allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
  }
}

/// Count, sum and sum of squares of one quantity: enough for mean and variance, and they add.
public struct Moments: Sendable, Equatable {
  public var sum: Int = 0
  /// Kept as `Double`: squares of token counts overflow `Int` over billions of calls.
  public var sumOfSquares: Double = 0

  public init(sum: Int = 0, sumOfSquares: Double = 0) {
    self.sum = sum
    self.sumOfSquares = sumOfSquares
  }

  mutating func add(_ value: Int) {
    sum += value
    sumOfSquares += Double(value) * Double(value)
  }

  mutating func merge(_ other: Moments) {
    sum += other.sum
    sumOfSquares += other.sumOfSquares
  }
}
