/// The policy stage: a pure function from a comparison and the rules to a verdict. It reads no
/// git, prints nothing and changes nothing; approval evidence is gathered by the caller.
public enum Policy {
  /// Judges every feature the change touches against `thresholds` and `budgets`, and the total
  /// against the total budget. `approval` (a `--approve` reason or a commit trailer) turns a
  /// failing verdict into `approved`; it is ignored when nothing fails.
  public static func evaluate(
    _ comparison: Comparison, thresholds: ThresholdRules, budgets: BudgetRules, approval: String?
  ) -> Verdict {
    var verdict = Verdict(status: .pass)
    for feature in comparison.features where feature.head != nil && feature.judged {
      let evaluator = PolicyEvaluator(
        thresholds: thresholds.thresholds(for: feature.id), budgetMonthlyUSD: budgets.features[feature.id],
        warnAtPercent: budgets.warnAtPercent)
      let judged = evaluator.evaluate(feature)
      if !judged.violations.isEmpty { verdict.violations[feature.id] = judged.violations }
      verdict.warnings += judged.warnings
    }
    if let budget = budgets.totalMonthlyUSD, let total = comparison.headMonthlyUSD,
      let violation = PolicyEvaluator.budget(
        total, base: comparison.baseMonthlyUSD, budget: budget, warnAt: budgets.warnAtPercent, what: "total forecast")
    {
      verdict.totalViolations.append(violation)
    }
    if verdict.passedAFailLimit {
      verdict.status = approval == nil ? .fail : .approved
      verdict.approval = approval
    } else if !verdict.violations.isEmpty || !verdict.totalViolations.isEmpty {
      verdict.status = .warn
    }
    return verdict
  }
}
