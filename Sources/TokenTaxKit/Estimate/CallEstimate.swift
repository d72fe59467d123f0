import Foundation

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
  /// Where each number came from (the report writes it as key → source name).
  public var sources: EstimateSources
  /// The share of calls that read the cacheable prefix from the cache (traces, config or the
  /// default); nil when nothing is cacheable.
  public var cacheHitRate: Double?

  public init(
    inputTokens: Int, cachedInputTokens: Int, outputTokens: Int, costPerCallUSD: Decimal, monthlyUSD: Decimal?,
    sources: EstimateSources, cacheHitRate: Double? = nil
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
