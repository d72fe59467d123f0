import Foundation

/// One side's trace numbers in the form `check` uses to replace config estimates.
public struct TraceSide: Sendable, Equatable {
  public var calls: Int
  /// Mean tokens per call of each quantity.
  public var meanTokens: [TraceQuantity: Double]
  /// Cache-read tokens over all input tokens (0…1); nil without input tokens.
  public var cacheHitRate: Double?
  /// Nil when a model's price is unknown.
  public var costPerCallUSD: Decimal?
  /// The models the calls ran on, sorted.
  public var models: [String]

  public var meanOutputTokens: Double { meanTokens[.outputTokens] ?? 0 }
}
