import Foundation

/// Head less base of one feature's call estimate. A side that does not exist counts as zero,
/// so an added feature's delta is its head and a removed one's the negated base.
public struct CostDelta: Sendable, Equatable {
  public var base: CallEstimate?
  public var head: CallEstimate?

  public init(base: CallEstimate?, head: CallEstimate?) {
    self.base = base
    self.head = head
  }

  public var inputTokens: Int { (head?.inputTokens ?? 0) - (base?.inputTokens ?? 0) }
  public var cachedInputTokens: Int { (head?.cachedInputTokens ?? 0) - (base?.cachedInputTokens ?? 0) }
  public var outputTokens: Int { (head?.outputTokens ?? 0) - (base?.outputTokens ?? 0) }
  public var costPerCallUSD: Decimal { (head?.costPerCallUSD ?? 0) - (base?.costPerCallUSD ?? 0) }
  /// Nil when either side's monthly figure is unknown (no calls_per_day).
  public var monthlyUSD: Decimal? {
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
  public var inputTokensPercent: Double? {
    guard let base, let head else { return nil }
    return Money.percentChange(base.inputTokens, head.inputTokens)
  }
  /// Nil when the base cost is zero or absent.
  public var costPerCallPercent: Double? {
    guard let base, let head else { return nil }
    return Money.percentChange(base.costPerCallUSD, head.costPerCallUSD)
  }
}
