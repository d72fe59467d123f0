/// One metric of a trace comparison, e.g. mean output tokens per call.
public struct TraceMetric: Sendable, Equatable {
  /// `output_tokens`, `input_tokens`, `cache_hit_rate`, `cost_per_call_usd` …
  public var name: String
  public var baseMean: Double
  public var headMean: Double
  public var basePercentiles: Percentiles
  public var headPercentiles: Percentiles
  /// Delta % of the mean; nil when the base mean is 0.
  public var deltaPercent: Double?
  /// 95 % bootstrap interval of the delta %.
  public var intervalLow: Double?
  public var intervalHigh: Double?

  public init(
    name: String, baseMean: Double, headMean: Double, basePercentiles: Percentiles, headPercentiles: Percentiles,
    deltaPercent: Double?, intervalLow: Double?, intervalHigh: Double?
  ) {
    self.name = name
    self.baseMean = baseMean
    self.headMean = headMean
    self.basePercentiles = basePercentiles
    self.headPercentiles = headPercentiles
    self.deltaPercent = deltaPercent
    self.intervalLow = intervalLow
    self.intervalHigh = intervalHigh
  }

  /// The interval excludes zero: the change is not noise.
  public var isSignificant: Bool {
    guard let low = intervalLow, let high = intervalHigh else { return false }
    return low > 0 || high < 0
  }
}
