import Foundation
import JSON

/// `traces diff` output: a table per feature, or JSON (sorted keys, fixed decimals).
enum TraceDiffRenderer {
  static func table(_ comparisons: [FeatureTraceComparison], options: TraceComparisonOptions) -> String {
    var out = ""
    for comparison in comparisons {
      let stats = comparison.comparison
      let design = stats.paired ? "paired by case id (\(comparison.sharedCases) shared cases)" : "unpaired"
      out +=
        "\(comparison.feature): \(design); base \(Money.tokens(stats.baseCalls)) calls, head \(Money.tokens(stats.headCalls)) calls\n"
      if stats.metrics.isEmpty {
        out += "  nothing to compare\n\n"
        continue
      }
      var table = TraceTable(header: [
        "  METRIC", "BASE", "HEAD", "DELTA", "95 % CI", "P50 BASE → HEAD", "P95 BASE → HEAD",
      ])
      for metric in stats.metrics {
        let interval =
          metric.intervalLow.flatMap { low in
            metric.intervalHigh.map { "[\(Money.percent(low)), \(Money.percent($0))]" }
          } ?? "—"
        let marker = metric.isSignificant ? ((metric.deltaPercent ?? 0) > 0 ? " ▲" : " ▼") : ""
        table.rows.append([
          "  " + metric.name, TraceMetric.display(metric.name, metric.baseMean),
          TraceMetric.display(metric.name, metric.headMean),
          delta(metric) + marker, interval,
          TraceMetric.display(metric.name, metric.basePercentiles.p50) + " → "
            + TraceMetric.display(metric.name, metric.headPercentiles.p50),
          TraceMetric.display(metric.name, metric.basePercentiles.p95) + " → "
            + TraceMetric.display(metric.name, metric.headPercentiles.p95),
        ])
      }
      out += table.render() + "\n"
    }
    let confidence = Int((options.confidence * 100).rounded())
    out +=
      "\(confidence) % intervals from a seeded bootstrap (\(options.resamples) resamples); ▲/▼ = the interval excludes 0\n"
    return out
  }

  static func json(_ comparisons: [FeatureTraceComparison], options: TraceComparisonOptions) -> String {
    let features: [JSONValue] = comparisons.map { comparison in
      let stats = comparison.comparison
      let metrics: [JSONValue] = stats.metrics.map { metric in
        var interval: JSONValue = .null
        if let low = metric.intervalLow, let high = metric.intervalHigh {
          interval = .object(["low": .number(Money.jsonPercent(low)), "high": .number(Money.jsonPercent(high))])
        }
        return .object([
          "name": .string(metric.name),
          "base": side(metric.name, mean: metric.baseMean, metric.basePercentiles),
          "head": side(metric.name, mean: metric.headMean, metric.headPercentiles),
          "delta_percent": metric.deltaPercent.map { .number(Money.jsonPercent($0)) } ?? .null,
          "interval": interval, "significant": .bool(metric.isSignificant),
        ])
      }
      return .object([
        "id": .string(comparison.feature), "paired": .bool(stats.paired), "shared_cases": .int(comparison.sharedCases),
        "base_calls": .int(stats.baseCalls), "head_calls": .int(stats.headCalls), "metrics": .array(metrics),
        "warnings": .array(comparison.warnings.map(JSONValue.string)),
      ])
    }
    return JSONWriter.compactLeaves(
      .object([
        "schema_version": .int(1), "confidence": .number(Money.jsonPercent(options.confidence)),
        "resamples": .int(options.resamples), "features": .array(features),
      ])) + "\n"
  }

  /// `+12.3 %`; `new` from a zero base; `—` when both sides are zero.
  private static func delta(_ metric: TraceMetric) -> String {
    if metric.deltaPercent == nil, metric.headMean == 0 { return "—" }
    return Money.percent(metric.deltaPercent)
  }

  private static func side(_ name: String, mean: Double, _ percentiles: Percentiles) -> JSONValue {
    .object(["mean": number(name, mean), "p50": number(name, percentiles.p50), "p95": number(name, percentiles.p95)])
  }

  /// Token means with 2 decimals, the cache hit rate with 4, cost with 6 (as money).
  private static func number(_ name: String, _ value: Double) -> JSONValue {
    switch name {
    case TraceMetricKind.costPerCallUSD.name: return .number(Money.jsonUSD(Money.decimal(value) ?? 0))
    case TraceMetricKind.cacheHitRate.name:
      return .number(Money.plain(Money.rounded(Money.decimal(value) ?? 0, scale: 4)))
    default: return .number(Money.jsonPercent(value))
    }
  }
}
