import Foundation

/// The whole change compared, feature by feature, with what a reader must know about how the
/// numbers were made. The input of `Policy.evaluate` and, with its verdict, of `Report`.
public struct Comparison: Sendable, Equatable {
  /// Sorted by id.
  public var features: [FeatureComparison]
  /// Non-fatal problems of the head side (placeholders without a size, skipped trace lines).
  public var warnings: [String]
  /// Statements about the method: which config judged the base, assumed cache hits, globs that
  /// matched nothing at a side.
  public var notes: [String]

  public init(features: [FeatureComparison], warnings: [String] = [], notes: [String] = []) {
    self.features = features
    self.warnings = warnings
    self.notes = notes
  }

  /// Sum of the features' monthly cost at base; nil when no feature has a monthly figure.
  public var baseMonthlyUSD: Decimal? { Self.sum(features.map { $0.base?.monthlyUSD }) }
  public var headMonthlyUSD: Decimal? { Self.sum(features.map { $0.head?.monthlyUSD }) }

  static func sum(_ values: [Decimal?]) -> Decimal? {
    let known = values.compactMap { $0 }
    return known.isEmpty ? nil : known.reduce(0, +)
  }
}
