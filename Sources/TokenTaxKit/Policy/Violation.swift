import Foundation

/// A threshold or budget the change passed.
public struct Violation: Sendable, Equatable {
  public enum Level: String, Sendable, CaseIterable { case warn, fail }
  /// The config key: `cost_percent`, `monthly_usd`, `budget`, `model_tier` …
  public var rule: String
  public var level: Level
  public var limit: Decimal
  public var actual: Decimal
  /// One human sentence, e.g. `cost per call +23.4 % (limit 15 %)`.
  public var message: String

  public init(rule: String, level: Level, limit: Decimal, actual: Decimal, message: String) {
    self.rule = rule
    self.level = level
    self.limit = limit
    self.actual = actual
    self.message = message
  }
}
