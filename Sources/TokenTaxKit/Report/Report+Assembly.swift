import Foundation

extension Report {
  /// The report of a check: the comparison's facts with the policy's verdict, assembled once.
  /// `exitCode` is the status as `Commands/` maps it: the report states it, it does not decide it.
  public init(
    comparison: Comparison, verdict: Verdict, base: Revision, head: Revision, pricesAsOf: String, exitCode: Int32
  ) {
    self.init(
      base: base, head: head, status: verdict.status, exitCode: exitCode, approval: verdict.approval,
      features: comparison.features.map { FeatureResult($0, violations: verdict.violations[$0.id] ?? []) },
      warnings: Array(Set(comparison.warnings + verdict.warnings)).sorted(), pricesAsOf: pricesAsOf)
    totalViolations = verdict.totalViolations
    notes = comparison.notes
  }
}

extension FeatureResult {
  /// A compared feature with the violations the policy found in it. A failing feature fails
  /// even when it is new; a warning does not hide that a feature was added.
  init(_ comparison: FeatureComparison, violations: [Violation]) {
    var status: Status =
      switch comparison.change {
      case .added: .added
      case .removed: .removed
      case .changed: .pass
      }
    if violations.contains(where: { $0.level == .fail }) {
      status = .fail
    } else if !violations.isEmpty, status == .pass {
      status = .warn
    }
    self.init(
      id: comparison.id, status: status, model: comparison.model, encoding: comparison.encoding,
      base: comparison.base, head: comparison.head, violations: violations, topChanges: comparison.topChanges,
      traces: comparison.traces)
    renamedFrom = comparison.renamedFrom
  }
}
