/// Token counts of one call (or a sum of calls) in disjoint billing buckets.
///
/// Every trace format and every estimate normalises to this, so cost is one dot product
/// with a `ModelPrice` and cached or reasoning tokens are never counted twice.
public struct TokenUsage: Sendable, Equatable, Hashable {
  /// Input tokens billed at the plain input price (excludes cache reads and writes).
  public var uncachedInput: Int
  /// Input tokens read from the prompt cache.
  public var cacheRead: Int
  /// Input tokens written to the prompt cache (Anthropic-style explicit caching).
  public var cacheWrite: Int
  /// Output tokens as billed, reasoning tokens included.
  public var output: Int
  /// The reasoning part of `output` (a subset, not an extra bucket).
  public var reasoning: Int

  public init(uncachedInput: Int = 0, cacheRead: Int = 0, cacheWrite: Int = 0, output: Int = 0, reasoning: Int = 0) {
    self.uncachedInput = uncachedInput
    self.cacheRead = cacheRead
    self.cacheWrite = cacheWrite
    self.output = output
    self.reasoning = reasoning
  }

  /// All input tokens of the call, cached ones included.
  public var totalInput: Int { uncachedInput + cacheRead + cacheWrite }

  public static func + (lhs: TokenUsage, rhs: TokenUsage) -> TokenUsage {
    TokenUsage(
      uncachedInput: lhs.uncachedInput + rhs.uncachedInput, cacheRead: lhs.cacheRead + rhs.cacheRead,
      cacheWrite: lhs.cacheWrite + rhs.cacheWrite, output: lhs.output + rhs.output,
      reasoning: lhs.reasoning + rhs.reasoning)
  }

  public static func += (lhs: inout TokenUsage, rhs: TokenUsage) { lhs = lhs + rhs }
}
