import Foundation

/// Prices that replace the base prices when a request's input tokens exceed `threshold`.
///
/// Providers reprice every token of such a request, not only the excess (Anthropic and
/// Gemini count cached tokens toward the threshold). A nil cache price scales the base one.
public struct LongContextTier: Sendable, Equatable {
  /// Input tokens (cached included) above which the tier applies, strictly greater.
  public var threshold: Int
  public var input: Decimal
  public var output: Decimal
  public var cacheRead: Decimal?
  public var cacheWrite: Decimal?
  public var cacheWrite1h: Decimal?

  public init(
    threshold: Int, input: Decimal, output: Decimal, cacheRead: Decimal? = nil, cacheWrite: Decimal? = nil,
    cacheWrite1h: Decimal? = nil
  ) {
    self.threshold = threshold
    self.input = input
    self.output = output
    self.cacheRead = cacheRead
    self.cacheWrite = cacheWrite
    self.cacheWrite1h = cacheWrite1h
  }
}
