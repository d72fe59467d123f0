/// What the policy decided about a `Comparison`: the violations per feature and of the total,
/// and the overall status. Exit codes are not its business: `Commands/` maps the status.
public struct Verdict: Sendable, Equatable {
  /// The overall verdict.
  public enum Status: String, Sendable, CaseIterable {
    case pass, warn, fail, approved
  }

  public var status: Status
  /// Why a failing change was approved (commit trailer or `--approve`), when it was.
  public var approval: String?
  /// Violations by feature id, fail before warn; a feature without any is absent.
  public var violations: [String: [Violation]]
  /// Violations of the whole change (the total monthly budget).
  public var totalViolations: [Violation]
  /// Rules that could not be judged (a monthly rule without calls_per_day).
  public var warnings: [String]

  public init(
    status: Status, approval: String? = nil, violations: [String: [Violation]] = [:], totalViolations: [Violation] = [],
    warnings: [String] = []
  ) {
    self.status = status
    self.approval = approval
    self.violations = violations
    self.totalViolations = totalViolations
    self.warnings = warnings
  }

  /// A fail threshold or budget was passed: only approval evidence can turn it into a pass.
  public var passedAFailLimit: Bool {
    (violations.values.joined() + totalViolations).contains { $0.level == .fail }
  }
}
