/// Quantiles of exact values (linear interpolation between order statistics, as numpy's
/// default and R's type 7).
enum Quantiles {
  /// The `q` quantile of already sorted values; nil when empty.
  static func sorted(_ values: [Double], _ q: Double) -> Double? {
    guard let first = values.first else { return nil }
    guard values.count > 1 else { return first }
    let position = q * Double(values.count - 1)
    let lower = Int(position.rounded(.down))
    let upper = min(lower + 1, values.count - 1)
    return values[lower] + (position - Double(lower)) * (values[upper] - values[lower])
  }
}
