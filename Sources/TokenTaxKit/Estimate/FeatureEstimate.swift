import Foundation

/// What one call of a feature costs at one revision, and the evidence behind the numbers.
public struct FeatureEstimate: Sendable {
  public var model: String
  public var usage: TokenUsage
  /// The share of calls assumed (or, from traces, measured) to hit the cache; nil when the
  /// feature has nothing cacheable.
  public var cacheHitRate: Double?
  public var costPerCallUSD: Decimal
  public var monthlyUSD: Decimal?
  public var sources: EstimateSources
  public var encoding: EncodingInfo
  /// The price row used (for tier comparisons).
  public var price: ModelPrice
  /// The text of each prompt file, for attributing a change to lines.
  public var promptTexts: [String: String]
  /// The prompt file behind each key of `promptTexts`, to point a changed line of a value read
  /// out of code or config at its line in the source file.
  public var promptFiles: [String: FeatureSnapshot.PromptFile] = [:]
  /// The counter the estimate used, to count changed lines the same way.
  public var counter: TokenCounter
  /// How each prompt file was counted, to count edited versions of it the same way.
  var recounts: [String: PartRecount] = [:]
  public var warnings: [String]

  public var inputTokens: Int { usage.totalInput }
  public var cachedInputTokens: Int { usage.cacheRead }

  /// The report's view of this estimate.
  public var callEstimate: CallEstimate {
    CallEstimate(
      inputTokens: inputTokens, cachedInputTokens: cachedInputTokens, outputTokens: usage.output,
      costPerCallUSD: costPerCallUSD, monthlyUSD: monthlyUSD, sources: sources, cacheHitRate: cacheHitRate)
  }
}
