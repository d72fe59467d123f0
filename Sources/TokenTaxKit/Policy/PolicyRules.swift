import Foundation

/// The thresholds that judge each feature's delta: the config's, overridden key by key by the
/// feature's own.
public struct ThresholdRules: Sendable, Equatable {
  public var global: Thresholds
  /// By feature id.
  public var features: [String: Thresholds]

  public init(global: Thresholds, features: [String: Thresholds] = [:]) {
    self.global = global
    self.features = features
  }

  /// The rules of `config` (the head's: it judges the change).
  public init(_ config: Config) {
    self.init(
      global: config.thresholds,
      features: Dictionary(config.features.map { ($0.id, $0.thresholds) }) { first, _ in first })
  }

  public func thresholds(for id: String) -> Thresholds {
    global.overridden(by: features[id] ?? Thresholds())
  }
}

/// The budgets that judge monthly levels: the total's, and each feature's.
public struct BudgetRules: Sendable, Equatable {
  public var totalMonthlyUSD: Decimal?
  public var warnAtPercent: Decimal
  /// By feature id.
  public var features: [String: Decimal]

  public init(totalMonthlyUSD: Decimal?, warnAtPercent: Decimal, features: [String: Decimal] = [:]) {
    self.totalMonthlyUSD = totalMonthlyUSD
    self.warnAtPercent = warnAtPercent
    self.features = features
  }

  /// The budgets of `config` (the head's).
  public init(_ config: Config) {
    self.init(
      totalMonthlyUSD: config.budgets.monthlyUSD, warnAtPercent: config.budgets.warnAtPercent,
      features: Dictionary(config.features.compactMap { f in f.budgetMonthlyUSD.map { (f.id, $0) } }) { first, _ in
        first
      })
  }
}
