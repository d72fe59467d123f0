import Foundation

/// Limits on the *change* between base and head, at two levels.
public struct Thresholds: Sendable, Equatable {
  public var warn: ThresholdSet
  public var fail: ThresholdSet
  public init(warn: ThresholdSet = ThresholdSet(), fail: ThresholdSet = ThresholdSet()) {
    self.warn = warn
    self.fail = fail
  }

  /// Feature-level values win over global ones, key by key.
  public func overridden(by feature: Thresholds) -> Thresholds {
    Thresholds(warn: warn.overridden(by: feature.warn), fail: fail.overridden(by: feature.fail))
  }
}

/// One level's limits; nil means "no limit".
public struct ThresholdSet: Sendable, Equatable {
  /// Percent change of cost (per month when known, else per call).
  public var costPercent: Decimal?
  public var costPerCallPercent: Decimal?
  /// Increase of monthly cost in USD.
  public var monthlyUSD: Decimal?
  public var outputTokensPercent: Decimal?
  /// Percent change of all input tokens per call, cached ones included: a prompt that grows
  /// is a regression whatever the cache hides of its price.
  public var inputTokensPercent: Decimal?
  /// Increase of all input tokens per call.
  public var inputTokens: Int?
  /// The head's input tokens per call (a level, not a change).
  public var inputTokensPerCall: Int?
  /// Switching to a model with higher list prices.
  public var pricierModel: Bool?

  public static let keys = [
    "cost_percent", "cost_per_call_percent", "monthly_usd", "output_tokens_percent", "input_tokens_percent",
    "input_tokens",
    "input_tokens_per_call", "pricier_model",
  ]

  public init(
    costPercent: Decimal? = nil, costPerCallPercent: Decimal? = nil, monthlyUSD: Decimal? = nil,
    outputTokensPercent: Decimal? = nil, inputTokensPercent: Decimal? = nil, inputTokens: Int? = nil,
    inputTokensPerCall: Int? = nil, pricierModel: Bool? = nil
  ) {
    self.costPercent = costPercent
    self.costPerCallPercent = costPerCallPercent
    self.monthlyUSD = monthlyUSD
    self.outputTokensPercent = outputTokensPercent
    self.inputTokensPercent = inputTokensPercent
    self.inputTokens = inputTokens
    self.inputTokensPerCall = inputTokensPerCall
    self.pricierModel = pricierModel
  }

  func overridden(by other: ThresholdSet) -> ThresholdSet {
    ThresholdSet(
      costPercent: other.costPercent ?? costPercent, costPerCallPercent: other.costPerCallPercent ?? costPerCallPercent,
      monthlyUSD: other.monthlyUSD ?? monthlyUSD, outputTokensPercent: other.outputTokensPercent ?? outputTokensPercent,
      inputTokensPercent: other.inputTokensPercent ?? inputTokensPercent, inputTokens: other.inputTokens ?? inputTokens,
      inputTokensPerCall: other.inputTokensPerCall ?? inputTokensPerCall,
      pricierModel: other.pricierModel ?? pricierModel)
  }
}

/// Limits on the *level* at head: forecast monthly cost against a budget.
public struct Budgets: Sendable, Equatable {
  /// The total monthly budget of all features.
  public var monthlyUSD: Decimal?
  public var warnAtPercent: Decimal = 80
  public init(monthlyUSD: Decimal? = nil, warnAtPercent: Decimal = 80) {
    self.monthlyUSD = monthlyUSD
    self.warnAtPercent = warnAtPercent
  }
}
