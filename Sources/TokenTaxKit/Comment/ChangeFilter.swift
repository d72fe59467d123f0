import Foundation

extension Report {
  /// Whether any feature changed enough to be worth a comment (`--skip-unchanged`).
  ///
  /// Added and removed features, model switches and threshold violations always count; a cost
  /// change counts when it reaches both minimums (`--min-change-usd` on the monthly delta when
  /// known, `--min-change-percent` on the cost per call).
  public func hasChange(minimumUSD: Decimal = 0, minimumPercent: Double = 0) -> Bool {
    features.contains { $0.hasChange(minimumUSD: minimumUSD, minimumPercent: minimumPercent) }
  }
}

extension FeatureResult {
  func hasChange(minimumUSD: Decimal, minimumPercent: Double) -> Bool {
    guard hasChange else { return false }
    if status == .added || status == .removed || !violations.isEmpty || model.base != model.head { return true }
    if let monthly = deltaMonthlyUSD, abs(monthly) < minimumUSD { return false }
    if let percent = deltaCostPerCallPercent, abs(percent) < minimumPercent { return false }
    return true
  }
}
