import Foundation

/// The result of one `tokentax check`: everything every reporter renders, and nothing else.
///
/// Assembled once from a `Comparison` and its `Verdict` (`Report+Assembly`), or decoded from a
/// JSON report; reporters are pure functions of it (docs/design.md, "The pipeline").
public struct Report: Sendable, Equatable {
  public var toolVersion: String
  public var base: Revision
  public var head: Revision
  public var status: Status
  public var exitCode: Int32
  /// Why a failing check was approved (commit trailer or `--approve`), when it was.
  public var approval: String?
  public var features: [FeatureResult]
  /// Violations of the whole change (the total monthly budget), beside the per-feature ones.
  public var totalViolations: [Violation] = []
  /// Non-fatal problems worth a line: unknown placeholders, features without calls_per_day,
  /// skipped trace lines. Never prompt text.
  public var warnings: [String]
  /// The date of the newest price row used, e.g. `2026-11-20`.
  public var pricesAsOf: String
  /// How the numbers were made where a reader could assume otherwise: the config that judged
  /// a base without one, the cache hit rate assumed, a glob that matched nothing at a side.
  public var notes: [String] = []

  public init(
    toolVersion: String = TokenTax.version, base: Revision, head: Revision, status: Status, exitCode: Int32,
    approval: String? = nil, features: [FeatureResult], warnings: [String] = [], pricesAsOf: String
  ) {
    self.toolVersion = toolVersion
    self.base = base
    self.head = head
    self.status = status
    self.exitCode = exitCode
    self.approval = approval
    self.features = features
    self.warnings = warnings
    self.pricesAsOf = pricesAsOf
  }

  /// The overall verdict, as the policy decided it.
  public typealias Status = Verdict.Status

  /// A side of the comparison: a full commit sha, or `index` / `worktree`.
  public struct Revision: Sendable, Equatable {
    public var rev: String
    /// What the user typed (`origin/main`), for display.
    public var label: String?
    public init(rev: String, label: String? = nil) {
      self.rev = rev
      self.label = label
    }
  }

  /// Sum of the features' monthly cost at base; nil when no feature has a monthly figure.
  public var baseMonthlyUSD: Decimal? { Comparison.sum(features.map { $0.base?.monthlyUSD }) }
  public var headMonthlyUSD: Decimal? { Comparison.sum(features.map { $0.head?.monthlyUSD }) }
  public var deltaMonthlyUSD: Decimal? {
    guard baseMonthlyUSD != nil || headMonthlyUSD != nil else { return nil }
    return (headMonthlyUSD ?? 0) - (baseMonthlyUSD ?? 0)
  }
  public var deltaMonthlyPercent: Double? {
    guard let base = baseMonthlyUSD else { return nil }
    return Money.percentChange(base, headMonthlyUSD ?? 0)
  }
}
