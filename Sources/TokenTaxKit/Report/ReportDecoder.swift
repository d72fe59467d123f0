import Foundation
import JSON

/// Reads a `report.json` (the README's JSON report) back into a `Report`, so `comment` renders what `check` decided.
///
/// The round trip is exact up to the JSON's rounding (money to 6 decimals, statistics to 2).
public enum ReportDecoder {
  public static func decode(_ text: String, file: String) throws -> Report {
    let root: JSONValue
    do {
      root = try JSONParser().parse(text)
    } catch let error as JSONParseError {
      throw error.in(file)
    }
    return try decode(
      JSONNode(root, file: file, remedy: "write it with 'tokentax check --format json --output \(file)'"))
  }

  private static func decode(_ root: JSONNode) throws -> Report {
    let versionNode = try root.required("schema_version")
    let version = try versionNode.int()
    guard version == Report.schemaVersion else {
      throw versionNode.error(
        "is \(version), but this tokentax reads schema version \(Report.schemaVersion); use the tokentax that wrote it")
    }
    let status = try root.required("status").choice(Report.Status.self)
    var report = Report(
      toolVersion: try root.member("tool")?.member("version")?.string() ?? "unknown",
      base: try revision(root.required("base")),
      head: try revision(root.required("head")),
      status: status,
      exitCode: Int32(try root.required("exit_code").int()),
      approval: try root.member("approval")?.string(),
      features: try root.required("features").array().map(feature),
      warnings: try root.member("warnings")?.array().map { try $0.string() } ?? [],
      pricesAsOf: try root.member("prices_as_of")?.string() ?? "")
    report.notes = try root.member("notes")?.array().map { try $0.string() } ?? []
    report.totalViolations = try root.member("totals")?.member("violations")?.array().map(violation) ?? []
    return report
  }

  private static func revision(_ node: JSONNode) throws -> Report.Revision {
    Report.Revision(rev: try node.required("rev").string(), label: try node.member("label")?.string())
  }

  private static func feature(_ node: JSONNode) throws -> FeatureResult {
    let model = try node.required("model")
    let encoding = try node.required("encoding")
    var result = FeatureResult(
      id: try node.required("id").string(),
      status: try node.required("status").choice(FeatureResult.Status.self),
      model: Pair(base: try model.member("base")?.string(), head: try model.member("head")?.string()),
      encoding: EncodingInfo(
        name: try encoding.required("name").string(), exact: try encoding.required("exact").bool(),
        method: try encoding.member("method")?.string()),
      base: try node.member("base").map(estimate),
      head: try node.member("head").map(estimate),
      violations: try node.required("violations").array().map(violation),
      topChanges: try node.required("top_changes").array().map {
        PromptChange(
          file: try $0.required("file").string(), line: try $0.required("line").int(),
          tokens: try $0.required("tokens").int())
      },
      traces: try node.member("traces").map(traces))
    result.renamedFrom = try node.member("renamed_from")?.string()
    return result
  }

  private static func estimate(_ node: JSONNode) throws -> CallEstimate {
    let source = try node.member("source")
    // Every report tokentax writes has the three token keys; a hand-made one without them reads as counted.
    func side(_ key: String) throws -> EstimateSource? { try source?.member(key)?.choice(EstimateSource.self) }
    return CallEstimate(
      inputTokens: try node.required("input_tokens").int(),
      cachedInputTokens: try node.required("cached_input_tokens").int(),
      outputTokens: try node.required("output_tokens").int(),
      costPerCallUSD: try node.required("cost_per_call_usd").decimal(),
      monthlyUSD: try node.member("monthly_usd")?.decimal(),
      sources: EstimateSources(
        inputTokens: try side("input_tokens") ?? .template,
        cachedInputTokens: try side("cached_input_tokens") ?? .template,
        outputTokens: try side("output_tokens") ?? .none, cacheHitRate: try side("cache_hit_rate")),
      cacheHitRate: try node.member("cache_hit_rate")?.double())
  }

  private static func violation(_ node: JSONNode) throws -> Violation {
    Violation(
      rule: try node.required("rule").string(), level: try node.required("level").choice(Violation.Level.self),
      limit: try node.required("limit").decimal(), actual: try node.required("actual").decimal(),
      message: try node.required("message").string())
  }

  private static func traces(_ node: JSONNode) throws -> TraceComparison {
    TraceComparison(
      paired: try node.required("paired").bool(), baseCalls: try node.required("base_calls").int(),
      headCalls: try node.required("head_calls").int(),
      metrics: try node.required("metrics").array().map { metric in
        let base = try metric.required("base")
        let head = try metric.required("head")
        let interval = try metric.member("interval")
        return TraceMetric(
          name: try metric.required("name").string(), baseMean: try base.required("mean").double(),
          headMean: try head.required("mean").double(),
          basePercentiles: Percentiles(p50: try base.required("p50").double(), p95: try base.required("p95").double()),
          headPercentiles: Percentiles(p50: try head.required("p50").double(), p95: try head.required("p95").double()),
          deltaPercent: try metric.member("delta_percent")?.double(),
          intervalLow: try interval?.member("low")?.double(),
          intervalHigh: try interval?.member("high")?.double())
      })
  }
}
