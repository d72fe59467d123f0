/// Base-vs-head statistics from canary traces for one feature (docs/traces.md).
public struct TraceComparison: Sendable, Equatable {
  /// True when calls were matched by case id.
  public var paired: Bool
  public var baseCalls: Int
  public var headCalls: Int
  public var metrics: [TraceMetric]

  public init(paired: Bool, baseCalls: Int, headCalls: Int, metrics: [TraceMetric]) {
    self.paired = paired
    self.baseCalls = baseCalls
    self.headCalls = headCalls
    self.metrics = metrics
  }
}
