/// How traces are compared (docs/traces.md).
public struct TraceComparisonOptions: Sendable, Equatable {
  /// Bootstrap resamples (at least 2,000).
  public var resamples: Int
  public var confidence: Double
  /// Fewer calls than this on a side is a warning, not a pass.
  public var minSamples: Int
  /// The bootstrap seed; each feature mixes in its id, so results do not depend on order.
  public var seed: UInt64

  public static let defaultSeed: UInt64 = 0x746F_6B65_6E74_6178  // "tokentax"

  public init(
    resamples: Int = 2000, confidence: Double = 0.95, minSamples: Int = 20,
    seed: UInt64 = TraceComparisonOptions.defaultSeed
  ) {
    self.resamples = max(resamples, 2000)
    self.confidence = confidence
    self.minSamples = minSamples
    self.seed = seed
  }
}
