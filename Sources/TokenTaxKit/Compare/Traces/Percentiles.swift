/// The median and 95th percentile of one metric over a side's calls.
public struct Percentiles: Sendable, Equatable {
  public var p50: Double
  public var p95: Double
  public init(p50: Double, p95: Double) {
    self.p50 = p50
    self.p95 = p95
  }
}
