/// The trace comparison of one feature: the report's `TraceComparison`, both sides' numbers,
/// and warnings (too few calls, one side missing, unknown prices).
public struct FeatureTraceComparison: Sendable, Equatable {
  public var feature: String
  public var comparison: TraceComparison
  public var base: TraceSide?
  public var head: TraceSide?
  /// Cases present on both sides (0 when unpaired).
  public var sharedCases: Int
  public var warnings: [String]

  /// The metric named `name` (`output_tokens`, `cache_hit_rate`, `cost_per_call_usd` …).
  public func metric(_ name: String) -> TraceMetric? { comparison.metrics.first { $0.name == name } }
}
