import Foundation
import Testing

@testable import TokenTaxKit

/// `Policy.evaluate` is a pure function of the comparison and the rules: these tests judge
/// hand-made comparisons, with no repository, config file or git.
@Suite struct PolicyTests {
  static func estimate(cost: Decimal, monthly: Decimal?) -> CallEstimate {
    CallEstimate(
      inputTokens: 1000, cachedInputTokens: 0, outputTokens: 100, costPerCallUSD: cost, monthlyUSD: monthly,
      sources: EstimateSources(outputTokens: .config))
  }

  static func feature(
    _ id: String, base: Decimal?, head: Decimal?, monthly: Bool = true, judged: Bool = true
  ) -> FeatureComparison {
    FeatureComparison(
      id: id, model: Pair(base: "gpt-4o", head: "gpt-4o"), encoding: EncodingInfo(name: "o200k_base", exact: true),
      base: base.map { estimate(cost: $0, monthly: monthly ? $0 * 1000 : nil) },
      head: head.map { estimate(cost: $0, monthly: monthly ? $0 * 1000 : nil) }, judged: judged)
  }

  static let failOver20 = ThresholdRules(global: Thresholds(fail: ThresholdSet(costPercent: 20)))
  static let noBudgets = BudgetRules(totalMonthlyUSD: nil, warnAtPercent: 80)

  @Test func aFailThresholdFailsAndApprovalEvidenceApprovesIt() {
    let comparison = Comparison(features: [Self.feature("bot", base: 1, head: 2)])
    let failed = Policy.evaluate(comparison, thresholds: Self.failOver20, budgets: Self.noBudgets, approval: nil)
    #expect(failed.status == .fail)
    #expect(failed.approval == nil)
    #expect(failed.violations["bot"]?.map(\.rule) == ["cost_percent"])
    #expect(failed.passedAFailLimit)

    let approved = Policy.evaluate(
      comparison, thresholds: Self.failOver20, budgets: Self.noBudgets, approval: "ticket 12")
    #expect(approved.status == .approved)
    #expect(approved.approval == "ticket 12")
    #expect(approved.violations == failed.violations)
  }

  @Test func approvalIsIgnoredWhenNothingFails() {
    let comparison = Comparison(features: [Self.feature("bot", base: 1, head: 1.1)])
    let verdict = Policy.evaluate(comparison, thresholds: Self.failOver20, budgets: Self.noBudgets, approval: "why")
    #expect(verdict == Verdict(status: .pass))
  }

  @Test func unjudgedAndRemovedFeaturesAreNotJudged() {
    let comparison = Comparison(features: [
      Self.feature("untouched", base: 1, head: 5, judged: false), Self.feature("gone", base: 1, head: nil),
    ])
    let verdict = Policy.evaluate(comparison, thresholds: Self.failOver20, budgets: Self.noBudgets, approval: nil)
    #expect(verdict == Verdict(status: .pass))
  }

  @Test func featureThresholdsOverrideTheGlobalOnes() {
    let rules = ThresholdRules(
      global: Thresholds(fail: ThresholdSet(costPercent: 20)),
      features: ["bot": Thresholds(warn: ThresholdSet(costPercent: 5), fail: ThresholdSet(costPercent: 200))])
    let comparison = Comparison(features: [
      Self.feature("bot", base: 1, head: 2), Self.feature("faq", base: 1, head: 2),
    ])
    let verdict = Policy.evaluate(comparison, thresholds: rules, budgets: Self.noBudgets, approval: nil)
    #expect(verdict.violations["bot"]?.map(\.level) == [.warn])
    #expect(verdict.violations["faq"]?.map(\.level) == [.fail])
  }

  @Test func theTotalBudgetIsJudgedOnTheSumAndAMonthlyRuleWithoutCallsPerDayWarns() {
    let budgets = BudgetRules(totalMonthlyUSD: 2500, warnAtPercent: 80, features: ["faq": 10])
    let comparison = Comparison(features: [
      Self.feature("bot", base: 1, head: 2), Self.feature("faq", base: 1, head: 1, monthly: false),
    ])
    let verdict = Policy.evaluate(
      comparison, thresholds: ThresholdRules(global: Thresholds()), budgets: budgets, approval: nil)
    #expect(verdict.status == .warn)
    #expect(verdict.totalViolations.map(\.rule) == ["budget"])
    #expect(verdict.warnings == ["feature 'faq': budget not checked, monthly cost unknown (set calls_per_day)"])
  }

  @Test func theStatusMapsToTheDocumentedExitCodes() {
    #expect(Verdict.Status.allCases.map { CheckExit.code(for: $0).rawValue } == [0, 0, 1, 0])
  }
}
