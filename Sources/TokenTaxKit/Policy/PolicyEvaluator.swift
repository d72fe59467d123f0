import Foundation

/// Judges one feature's change against thresholds (the delta) and budgets (the level).
public struct PolicyEvaluator: Sendable {
  public var thresholds: Thresholds
  public var budgetMonthlyUSD: Decimal?
  public var warnAtPercent: Decimal

  public init(thresholds: Thresholds, budgetMonthlyUSD: Decimal?, warnAtPercent: Decimal) {
    self.thresholds = thresholds
    self.budgetMonthlyUSD = budgetMonthlyUSD
    self.warnAtPercent = warnAtPercent
  }

  /// Violations of `result`, fail before warn; plus warnings for
  /// rules that could not be judged.
  public func evaluate(_ result: FeatureComparison) -> (
    violations: [Violation], warnings: [String]
  ) {
    var violations: [Violation] = []
    var warnings: [String] = []
    let outputInterval = result.traces?.metrics.first { $0.name == "output_tokens" }
    for (level, set) in [(Violation.Level.fail, thresholds.fail), (.warn, thresholds.warn)] {
      let judged = judge(
        result, set: set, level: level, basePrice: result.prices.base, headPrice: result.prices.head,
        outputInterval: outputInterval)
      // A rule that fails is not repeated as a warning.
      violations += judged.violations.filter { candidate in
        level == .fail || !violations.contains { $0.rule == candidate.rule }
      }
      warnings += judged.warnings
    }
    if let budget = budgetMonthlyUSD, let monthly = result.head?.monthlyUSD {
      let base = result.change == .added ? nil : result.base?.monthlyUSD
      if let violation = PolicyEvaluator.budget(
        monthly, base: base, budget: budget, warnAt: warnAtPercent, what: "forecast")
      {
        violations.append(violation)
      }
    } else if budgetMonthlyUSD != nil, result.head != nil {
      warnings.append("feature '\(result.id)': budget not checked, monthly cost unknown (set calls_per_day)")
    }
    return (violations, Array(Set(warnings)).sorted())
  }

  /// A budget violation for a monthly level, or nil when under `warnAt` % of the budget. Over
  /// the budget fails only when the change made it worse (`base` is the level before; nil when
  /// there was none): a feature that was already over it and did not grow warns.
  public static func budget(_ monthly: Decimal, base: Decimal?, budget: Decimal, warnAt: Decimal, what: String)
    -> Violation?
  {
    guard budget > 0 else { return nil }
    let used = monthly / budget * 100
    let usedText = Money.absPercent(NSDecimalNumber(decimal: used).doubleValue)
    if monthly > budget {
      let worse = base.map { monthly > $0 } ?? true
      let message = "\(what) \(Money.usd(monthly))/month is over the budget of \(Money.usd(budget)) (\(usedText))"
      return Violation(
        rule: "budget", level: worse ? .fail : .warn, limit: budget, actual: Money.rounded(monthly, scale: 2),
        message: worse ? message : message + ", no more than at the base")
    }
    if used >= warnAt {
      return Violation(
        rule: "budget", level: .warn, limit: budget, actual: Money.rounded(monthly, scale: 2),
        message: "\(what) \(Money.usd(monthly))/month uses \(usedText) of the \(Money.usd(budget)) budget")
    }
    return nil
  }

  private func judge(
    _ result: FeatureComparison, set: ThresholdSet, level: Violation.Level, basePrice: ModelPrice?,
    headPrice: ModelPrice?,
    outputInterval: TraceMetric?
  ) -> (violations: [Violation], warnings: [String]) {
    var violations: [Violation] = []
    var warnings: [String] = []
    func percentRule(_ rule: String, _ limit: Decimal?, _ actual: Double?, _ label: String) {
      guard let limit, let actual, Decimal(actual) > limit else { return }
      violations.append(
        Violation(
          rule: rule, level: level, limit: limit, actual: Decimal(string: Money.jsonPercent(actual)) ?? 0,
          message: "\(label) \(Money.percent(actual)) (limit \(limit) %)"))
    }
    if let head = result.head, let limit = set.inputTokensPerCall, head.inputTokens > limit {
      // A level blocks only the change that makes it worse; a feature already over it warns.
      let worse = result.base.map { head.inputTokens > $0.inputTokens } ?? true
      let message = "\(Money.tokens(head.inputTokens)) input tokens per call (limit \(Money.tokens(limit)))"
      violations.append(
        Violation(
          rule: "input_tokens_per_call", level: worse ? level : .warn, limit: Decimal(limit),
          actual: Decimal(head.inputTokens),
          message: worse ? message : message + ", no more than at the base"))
    }
    guard let base = result.base, let head = result.head else { return (violations, warnings) }
    percentRule(
      "input_tokens_percent", set.inputTokensPercent, result.delta.inputTokensPercent, "input tokens per call")
    if let limit = set.inputTokens, result.delta.inputTokens > limit {
      violations.append(
        Violation(
          rule: "input_tokens", level: level, limit: Decimal(limit), actual: Decimal(result.delta.inputTokens),
          message:
            "input tokens per call \(Money.signedTokens(result.delta.inputTokens)) (limit +\(Money.tokens(limit)))"))
    }

    let monthlyKnown = base.monthlyUSD != nil && head.monthlyUSD != nil
    let costChange: Double? =
      if let b = base.monthlyUSD, let h = head.monthlyUSD { Money.percentChange(b, h) } else {
        Money.percentChange(base.costPerCallUSD, head.costPerCallUSD)
      }
    percentRule("cost_percent", set.costPercent, costChange, monthlyKnown ? "monthly cost" : "cost per call")
    percentRule("cost_per_call_percent", set.costPerCallPercent, result.delta.costPerCallPercent, "cost per call")
    if let limit = set.outputTokensPercent {
      if let interval = outputInterval, let low = interval.intervalLow {
        // Traces are noisy: only a change whose whole 95 % interval is over the limit counts.
        if Decimal(low) > limit, let delta = interval.deltaPercent {
          violations.append(
            Violation(
              rule: "output_tokens_percent", level: level, limit: limit,
              actual: Decimal(string: Money.jsonPercent(delta)) ?? 0,
              message:
                "output tokens \(Money.percent(delta)) (95 % CI \(Money.percent(low)) … \(Money.percent(interval.intervalHigh))), limit \(limit) %"
            ))
        }
      } else {
        percentRule(
          "output_tokens_percent", limit, Money.percentChange(base.outputTokens, head.outputTokens), "output tokens")
      }
    }
    if let limit = set.monthlyUSD {
      if let delta = result.delta.monthlyUSD {
        if delta > limit {
          violations.append(
            Violation(
              rule: "monthly_usd", level: level, limit: limit, actual: Money.rounded(delta, scale: 2),
              message: "monthly cost \(Money.signedUSD(delta)) (limit +\(Money.usd(limit)))"))
        }
      } else {
        warnings.append(
          "feature '\(result.id)': monthly_usd threshold skipped, monthly cost unknown (set calls_per_day)")
      }
    }
    if set.pricierModel == true, let basePrice, let headPrice, basePrice.model != headPrice.model,
      headPrice.input + headPrice.output > basePrice.input + basePrice.output
    {
      violations.append(
        Violation(
          rule: "pricier_model", level: level, limit: basePrice.input + basePrice.output,
          actual: headPrice.input + headPrice.output,
          message: "model changed to a pricier tier: \(basePrice.model) → \(headPrice.model)"))
    }
    return (violations, warnings)
  }
}
