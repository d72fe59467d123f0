import Foundation

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
    return try decode(Node(value: root, path: "", file: file))
  }

  private static func decode(_ root: Node) throws -> Report {
    let versionNode = try root["schema_version"]
    let version = try versionNode.int()
    guard version == Report.schemaVersion else {
      throw versionNode.error(
        "is \(version), but this tokentax reads schema version \(Report.schemaVersion); use the tokentax that wrote it")
    }
    let status = try root["status"].choice(Report.Status.self)
    var report = Report(
      toolVersion: try root.optional("tool")?.optional("version")?.string() ?? "unknown",
      base: try revision(root["base"]),
      head: try revision(root["head"]),
      status: status,
      exitCode: Int32(try root["exit_code"].int()),
      approval: try root.optional("approval")?.string(),
      features: try root["features"].array().map(feature),
      warnings: try root.optional("warnings")?.array().map { try $0.string() } ?? [],
      pricesAsOf: try root.optional("prices_as_of")?.string() ?? "")
    report.notes = try root.optional("notes")?.array().map { try $0.string() } ?? []
    report.totalViolations = try root.optional("totals")?.optional("violations")?.array().map(violation) ?? []
    return report
  }

  private static func revision(_ node: Node) throws -> Report.Revision {
    Report.Revision(rev: try node["rev"].string(), label: try node.optional("label")?.string())
  }

  private static func feature(_ node: Node) throws -> FeatureResult {
    let model = try node["model"]
    let encoding = try node["encoding"]
    var result = FeatureResult(
      id: try node["id"].string(),
      status: try node["status"].choice(FeatureResult.Status.self),
      model: Pair(base: try model.optional("base")?.string(), head: try model.optional("head")?.string()),
      encoding: EncodingInfo(
        name: try encoding["name"].string(), exact: try encoding["exact"].bool(),
        method: try encoding.optional("method")?.string()),
      base: try node.optional("base").map(estimate),
      head: try node.optional("head").map(estimate),
      violations: try node["violations"].array().map(violation),
      topChanges: try node["top_changes"].array().map {
        PromptChange(file: try $0["file"].string(), line: try $0["line"].int(), tokens: try $0["tokens"].int())
      },
      traces: try node.optional("traces").map(traces))
    result.renamedFrom = try node.optional("renamed_from")?.string()
    return result
  }

  private static func estimate(_ node: Node) throws -> CallEstimate {
    let source = try node.optional("source")
    // Every report tokentax writes has the three token keys; a hand-made one without them reads as counted.
    func side(_ key: String) throws -> EstimateSource? { try source?.optional(key)?.choice(EstimateSource.self) }
    return CallEstimate(
      inputTokens: try node["input_tokens"].int(),
      cachedInputTokens: try node["cached_input_tokens"].int(),
      outputTokens: try node["output_tokens"].int(),
      costPerCallUSD: try node["cost_per_call_usd"].decimal(),
      monthlyUSD: try node.optional("monthly_usd")?.decimal(),
      sources: EstimateSources(
        inputTokens: try side("input_tokens") ?? .template,
        cachedInputTokens: try side("cached_input_tokens") ?? .template,
        outputTokens: try side("output_tokens") ?? .none, cacheHitRate: try side("cache_hit_rate")),
      cacheHitRate: try node.optional("cache_hit_rate")?.double())
  }

  private static func violation(_ node: Node) throws -> Violation {
    Violation(
      rule: try node["rule"].string(), level: try node["level"].choice(Violation.Level.self),
      limit: try node["limit"].decimal(), actual: try node["actual"].decimal(), message: try node["message"].string())
  }

  private static func traces(_ node: Node) throws -> TraceComparison {
    TraceComparison(
      paired: try node["paired"].bool(), baseCalls: try node["base_calls"].int(),
      headCalls: try node["head_calls"].int(),
      metrics: try node["metrics"].array().map { metric in
        let base = try metric["base"]
        let head = try metric["head"]
        let interval = try metric.optional("interval")
        return TraceMetric(
          name: try metric["name"].string(), baseMean: try base["mean"].double(), headMean: try head["mean"].double(),
          basePercentiles: Percentiles(p50: try base["p50"].double(), p95: try base["p95"].double()),
          headPercentiles: Percentiles(p50: try head["p50"].double(), p95: try head["p95"].double()),
          deltaPercent: try metric.optional("delta_percent")?.double(),
          intervalLow: try interval?.optional("low")?.double(),
          intervalHigh: try interval?.optional("high")?.double())
      })
  }
}

/// A report.json that is valid JSON but not a tokentax report.
public struct ReportDecodingError: UserFacingError, Equatable {
  public var file: String
  /// Where in the document, e.g. `features[2].head.input_tokens`.
  public var path: String
  public var problem: String

  public var description: String {
    "\(file): \(path.isEmpty ? "the document" : path) \(problem); "
      + "write it with 'tokentax check --format json --output \(file)'"
  }
}

/// A value in the report with its path, so every error names the field.
private struct Node {
  let value: JSONValue
  let path: String
  let file: String

  func error(_ problem: String) -> ReportDecodingError {
    ReportDecodingError(file: file, path: path, problem: problem)
  }

  /// A required member (it may still be `null` for the optional accessors below).
  subscript(key: String) -> Node {
    get throws {
      guard case .object(let members) = value else { throw error("must be an object, not \(value.kindDescription)") }
      guard let member = members[key] else { throw child(key, .null).error("is missing") }
      return child(key, member)
    }
  }

  /// A member that may be absent or `null`.
  func optional(_ key: String) throws -> Node? {
    guard case .object(let members) = value else { throw error("must be an object, not \(value.kindDescription)") }
    guard let member = members[key], member != .null else { return nil }
    return child(key, member)
  }

  private func child(_ key: String, _ member: JSONValue) -> Node {
    Node(value: member, path: path.isEmpty ? key : "\(path).\(key)", file: file)
  }

  func array() throws -> [Node] {
    guard case .array(let items) = value else { throw error("must be an array, not \(value.kindDescription)") }
    return items.enumerated().map { Node(value: $1, path: "\(path)[\($0)]", file: file) }
  }

  func members() throws -> [String: Node] {
    guard case .object(let members) = value else { throw error("must be an object, not \(value.kindDescription)") }
    return Dictionary(uniqueKeysWithValues: members.map { ($0, child($0, $1)) })
  }

  func string() throws -> String {
    guard case .string(let text) = value else { throw error("must be a string, not \(value.kindDescription)") }
    return text
  }

  func bool() throws -> Bool {
    guard case .bool(let flag) = value else { throw error("must be true or false, not \(value.kindDescription)") }
    return flag
  }

  func int() throws -> Int {
    guard case .number = value, let number = value.intValue else {
      throw error("must be a whole number, not \(value.kindDescription)")
    }
    return number
  }

  func decimal() throws -> Decimal {
    guard case .number = value, let number = value.decimalValue else {
      throw error("must be a number, not \(value.kindDescription)")
    }
    return number
  }

  func double() throws -> Double {
    guard case .number = value, let number = value.doubleValue else {
      throw error("must be a number, not \(value.kindDescription)")
    }
    return number
  }

  func choice<T: RawRepresentable & CaseIterable>(_ type: T.Type) throws -> T where T.RawValue == String {
    let text = try string()
    guard let choice = T(rawValue: text) else {
      throw error("is '\(text)', expected one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    return choice
  }
}
