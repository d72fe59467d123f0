import Foundation

/// Judges a `Comparison` into one `Report`.
struct ReportBuilder {
  let config: Config

  /// The report; `approval` is asked only when a fail threshold or budget was passed.
  func finish(
    _ comparison: Comparison, base: Report.Revision, head: Report.Revision, pricesAsOf: String,
    approval: () -> String?
  ) -> Report {
    var warnings = comparison.warnings
    var features: [FeatureResult] = []
    for compared in comparison.features {
      var result = FeatureResult(
        id: compared.id, status: compared.change == .removed ? .removed : compared.change == .added ? .added : .pass,
        model: compared.model, encoding: compared.encoding, base: compared.base, head: compared.head,
        topChanges: compared.topChanges, traces: compared.traces)
      result.renamedFrom = compared.renamedFrom
      let evaluator = PolicyEvaluator(
        thresholds: config.thresholds.overridden(
          by: config.features.first { $0.id == compared.id }?.thresholds ?? Thresholds()),
        budgetMonthlyUSD: config.features.first { $0.id == compared.id }?.budgetMonthlyUSD,
        warnAtPercent: config.budgets.warnAtPercent)
      if compared.head != nil, compared.judged {
        let judged = evaluator.evaluate(compared)
        result.violations = judged.violations
        warnings += judged.warnings
        if judged.violations.contains(where: { $0.level == .fail }) {
          result.status = .fail
        } else if !judged.violations.isEmpty, result.status == .pass {
          result.status = .warn
        }
      }
      features.append(result)
    }
    var report = Report(
      base: base, head: head, status: .pass, exitCode: 0, features: features,
      warnings: Array(Set(warnings)).sorted(), pricesAsOf: pricesAsOf)
    report.notes = comparison.notes
    if let budget = config.budgets.monthlyUSD, let total = report.headMonthlyUSD,
      let violation = PolicyEvaluator.budget(
        total, base: report.baseMonthlyUSD, budget: budget, warnAt: config.budgets.warnAtPercent, what: "total forecast"
      )
    {
      report.totalViolations.append(violation)
    }
    let all = features.flatMap(\.violations) + report.totalViolations
    if all.contains(where: { $0.level == .fail }) {
      if let approval = approval() {
        report.status = .approved
        report.approval = approval
      } else {
        report.status = .fail
        report.exitCode = ExitCode.regression.rawValue
      }
    } else if !all.isEmpty {
      report.status = .warn
    }
    return report
  }
}
