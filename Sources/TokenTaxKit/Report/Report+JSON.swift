import Foundation
import JSON

/// The JSON report of the README's JSON report, schema version 1, as a `JSONValue`.
///
/// Beyond the first schema (consumers may ignore them): `approval`, `warnings`, `notes`, `prices_as_of`, `label` on
/// `base`/`head`, `encoding.method`, `delta.percent.{input_tokens,output_tokens,monthly_usd}`
/// `traces` and `renamed_from` per feature. Every key is always present; unknown values are `null`.
extension Report {
  public static let schemaVersion = 1

  public var jsonValue: JSONValue {
    .object([
      "schema_version": .int(Self.schemaVersion),
      "tool": .object(["name": .string("tokentax"), "version": .string(toolVersion)]),
      "base": base.jsonValue,
      "head": head.jsonValue,
      "status": .string(status.rawValue),
      "exit_code": .int(Int(exitCode)),
      "approval": approval.map(JSONValue.string) ?? .null,
      "warnings": .array(warnings.map(JSONValue.string)),
      "notes": .array(notes.map(JSONValue.string)),
      "prices_as_of": .string(pricesAsOf),
      "totals": .object([
        "base": .object(["monthly_usd": .usd(baseMonthlyUSD)]),
        "head": .object(["monthly_usd": .usd(headMonthlyUSD)]),
        "delta": .object(["monthly_usd": .usd(deltaMonthlyUSD), "percent": .percent(deltaMonthlyPercent)]),
        "violations": .array(totalViolations.map(\.jsonValue)),
      ]),
      "features": .array(features.map(\.jsonValue)),
    ])
  }
}

extension Report.Revision {
  var jsonValue: JSONValue {
    .object(["rev": .string(rev), "label": label.map(JSONValue.string) ?? .null])
  }
}

extension FeatureResult {
  var jsonValue: JSONValue {
    .object([
      "id": .string(id),
      "renamed_from": .optionalString(renamedFrom),
      "status": .string(status.rawValue),
      "model": .object(["base": .optionalString(model.base), "head": .optionalString(model.head)]),
      "encoding": .object([
        "name": .string(encoding.name), "exact": .bool(encoding.exact), "method": .optionalString(encoding.method),
      ]),
      "base": base?.jsonValue ?? .null,
      "head": head?.jsonValue ?? .null,
      "delta": .object([
        "input_tokens": .int(deltaInputTokens),
        "cached_input_tokens": .int(deltaCachedInputTokens),
        "output_tokens": .int(deltaOutputTokens),
        "cost_per_call_usd": .usd(deltaCostPerCallUSD),
        "monthly_usd": .usd(deltaMonthlyUSD),
        "percent": .object([
          "cost_per_call_usd": .percent(deltaCostPerCallPercent),
          "input_tokens": .percent(sidesPercent(\.inputTokens)),
          "output_tokens": .percent(sidesPercent(\.outputTokens)),
          "monthly_usd": .percent(deltaMonthlyPercent),
        ]),
      ]),
      "violations": .array(violations.map(\.jsonValue)),
      "top_changes": .array(topChanges.map(\.jsonValue)),
      "traces": traces?.jsonValue ?? .null,
    ])
  }

  /// Percent change of the monthly cost; nil unless both sides have a non-zero-based figure.
  var deltaMonthlyPercent: Double? {
    guard let base = base?.monthlyUSD, let head = head?.monthlyUSD else { return nil }
    return Money.percentChange(base, head)
  }

  private func sidesPercent(_ tokens: KeyPath<CallEstimate, Int>) -> Double? {
    guard let base, let head else { return nil }
    return Money.percentChange(base[keyPath: tokens], head[keyPath: tokens])
  }
}

extension CallEstimate {
  var jsonValue: JSONValue {
    .object([
      "input_tokens": .int(inputTokens),
      "cached_input_tokens": .int(cachedInputTokens),
      "uncached_input_tokens": .int(uncachedInputTokens),
      "cache_hit_rate": .percent(cacheHitRate),
      "output_tokens": .int(outputTokens),
      "cost_per_call_usd": .usd(costPerCallUSD),
      "monthly_usd": .usd(monthlyUSD),
      "source": .object(JSONObject(sources.byKey.mapValues(JSONValue.string))),
    ])
  }
}

extension Violation {
  var jsonValue: JSONValue {
    .object([
      "rule": .string(rule), "level": .string(level.rawValue), "limit": .usd(limit), "actual": .usd(actual),
      "message": .string(message),
    ])
  }
}

extension PromptChange {
  var jsonValue: JSONValue {
    .object(["file": .string(file), "line": .int(line), "tokens": .int(tokens)])
  }
}

extension TraceComparison {
  var jsonValue: JSONValue {
    .object([
      "paired": .bool(paired), "base_calls": .int(baseCalls), "head_calls": .int(headCalls),
      "metrics": .array(metrics.map(\.jsonValue)),
    ])
  }
}

extension TraceMetric {
  /// Statistics are rounded to 2 decimals like percentages.
  var jsonValue: JSONValue {
    .object([
      "name": .string(name),
      "base": .object([
        "mean": .percent(baseMean), "p50": .percent(basePercentiles.p50), "p95": .percent(basePercentiles.p95),
      ]),
      "head": .object([
        "mean": .percent(headMean), "p50": .percent(headPercentiles.p50), "p95": .percent(headPercentiles.p95),
      ]),
      "delta_percent": .percent(deltaPercent),
      "interval": .object(["low": .percent(intervalLow), "high": .percent(intervalHigh)]),
    ])
  }
}

extension JSONValue {
  /// Money rounded to 6 decimals, `null` when unknown.
  static func usd(_ value: Decimal?) -> JSONValue { value.map { .number(Money.jsonUSD($0)) } ?? .null }
  /// A percentage (or statistic) rounded to 2 decimals, `null` when unknown.
  static func percent(_ value: Double?) -> JSONValue { value.map { .number(Money.jsonPercent($0)) } ?? .null }
  static func optionalString(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
}
