import Foundation

@testable import TokenTaxKit

/// The one canonical report every reporter's golden test renders (SwiftLint's shared input).
///
/// It has every status, a model switch, added and removed features, a feature without
/// `calls_per_day`, traces, warnings, and names built to break markdown, HTML and mentions.
enum SampleReport {
  static func usd(_ text: String) -> Decimal { Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) ?? 0 }

  static func estimate(
    _ input: Int, cached: Int = 0, output: Int, cost: String, monthly: String?, outputSource: EstimateSource = .config
  ) -> CallEstimate {
    let sources = EstimateSources(outputTokens: outputSource, cacheHitRate: cached > 0 ? .default : nil)
    return CallEstimate(
      inputTokens: input, cachedInputTokens: cached, outputTokens: output, costPerCallUSD: usd(cost),
      monthlyUSD: monthly.map(usd), sources: sources, cacheHitRate: cached > 0 ? 0.5 : nil)
  }

  static let claude = EncodingInfo(name: "o200k_base", exact: false, method: "o200k_base × 1.15 (claude)")
  static let openAI = EncodingInfo(name: "o200k_base", exact: true)

  static var features: [FeatureResult] {
    [
      FeatureResult(
        id: "support-bot", status: .fail, model: Pair(base: "claude-sonnet-4-6", head: "claude-sonnet-4-6"),
        encoding: claude,
        base: estimate(1840, cached: 1536, output: 400, cost: "0.0081", monthly: "2916", outputSource: .traces),
        head: estimate(2680, cached: 1536, output: 412, cost: "0.01071", monthly: "3855.6", outputSource: .traces),
        violations: [
          Violation(
            rule: "cost_per_call_percent", level: .fail, limit: 20, actual: usd("32.22"),
            message: "cost per call +32.2 % (limit 20 %)")
        ],
        topChanges: [
          PromptChange(file: "prompts/support/system.md", line: 12, tokens: 840),
          PromptChange(file: "prompts/support/user.hbs", line: 3, tokens: -20),
        ],
        traces: TraceComparison(
          paired: true, baseCalls: 120, headCalls: 118,
          metrics: [
            TraceMetric(
              name: "output_tokens", baseMean: 400, headMean: 412.25, basePercentiles: Percentiles(p50: 380, p95: 790),
              headPercentiles: Percentiles(p50: 391, p95: 805.5), deltaPercent: 3.06, intervalLow: 1.25,
              intervalHigh: 4.9)
          ])),
      FeatureResult(
        id: "rag-qa", status: .warn, model: Pair(base: "gpt-5-mini", head: "gpt-5"), encoding: openAI,
        base: estimate(3200, output: 600, cost: "0.0020", monthly: "300"),
        head: estimate(3350, output: 600, cost: "0.010188", monthly: "1528.2"),
        violations: [
          Violation(
            rule: "model_tier", level: .warn, limit: 0, actual: 1,
            message: "model switched to a pricier tier: gpt-5-mini → gpt-5 **[click](http://x)**")
        ]),
      renamed(
        FeatureResult(
          id: "summarizer", status: .pass, model: Pair(base: "gpt-5-mini", head: "gpt-5-mini"), encoding: openAI,
          base: estimate(900, output: 150, cost: "0.000525", monthly: "15.75"),
          head: estimate(880, output: 150, cost: "0.00052", monthly: "15.6"),
          topChanges: [PromptChange(file: "prompts/summarize.j2", line: 7, tokens: -20)]),
        from: "summarize"),
      FeatureResult(
        id: "classifier", status: .pass, model: Pair(base: "gpt-4.1-nano", head: "gpt-4.1-nano"), encoding: openAI,
        base: estimate(300, output: 5, cost: "0.000032", monthly: "1.92"),
        head: estimate(300, output: 5, cost: "0.000032", monthly: "1.92")),
      FeatureResult(
        id: "<img src=x onerror=alert(1)>", status: .added, model: Pair(base: nil, head: "gpt-5"), encoding: openAI,
        base: nil, head: estimate(1200, output: 300, cost: "0.0045", monthly: "135"),
        topChanges: [PromptChange(file: "prompts/a|b <script>.md", line: 1, tokens: 1200)]),
      FeatureResult(
        id: "@octocat", status: .removed, model: Pair(base: "gpt-4o|`mini`", head: nil), encoding: openAI,
        base: estimate(700, output: 100, cost: "0.000165", monthly: "4.95"), head: nil),
      FeatureResult(
        id: "a|b `draft`", status: .pass, model: Pair(base: "claude-haiku-4-5", head: "claude-haiku-4-5"),
        encoding: claude,
        base: estimate(500, output: 80, cost: "0.0009", monthly: nil),
        head: estimate(560, output: 80, cost: "0.00096", monthly: nil),
        topChanges: [PromptChange(file: "prompts/``tick``.md", line: 2, tokens: 60)]),
    ]
  }

  static func renamed(_ feature: FeatureResult, from old: String) -> FeatureResult {
    var copy = feature
    copy.renamedFrom = old
    return copy
  }

  static var report: Report {
    var report = Report(
      toolVersion: "0.1.0",
      base: Report.Revision(rev: "3f2a9c1e5b7d4a6f8e0c2b4d6f8a0c2e4b6d8f0a", label: "origin/main"),
      head: Report.Revision(rev: "worktree"), status: .fail, exitCode: 1, features: features,
      warnings: [
        "unknown placeholder {{ user_name }} in prompts/<script>.hbs:3, sized at 50 tokens (@team #12)",
        "feature 'a|b `draft`' has no calls_per_day: monthly thresholds skipped",
      ],
      pricesAsOf: "2026-11-20")
    report.notes = [
      "the base (commit 3f2a9c1e5b7d (origin/main)) has no tokentax.json: the head's config is applied to both sides"
    ]
    report.totalViolations = [
      Violation(
        rule: "budget", level: .warn, limit: 6000, actual: 5536.4,
        message: "total forecast $5,536/month uses 92.3 % of the $6,000 budget")
    ]
    return report
  }

  /// The same change, approved by a commit trailer.
  static var approved: Report {
    var report = report
    report.status = .approved
    report.exitCode = 0
    report.approval = "Cost-Approved: launch of ticket triage, budget raised (@finance <b>ok</b>)"
    return report
  }
}
