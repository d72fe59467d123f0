import Foundation
import JSON

/// Turns the text of `tokentax.json` into a `Config`, or an error naming the field.
public enum ConfigDecoder {
  static let topKeys = [
    "$schema", "version", "defaults", "prices", "features", "thresholds", "budgets", "approval", "traces",
  ]
  static let featureKeys =
    [
      "id", "model", "calls_per_day", "prompt", "variables", "history", "output_tokens", "batch", "traces",
      "thresholds", "budget",
      "cache_hit_rate",
    ] + TemplateOptions.featureKeys
  static let partKeys = ["file", "role", "kind", "cache", "syntax", "symbol", "key"]

  /// Decodes `data`; `file` names the file in errors.
  public static func decode(_ data: Data, file: String) throws -> Config {
    guard let text = String(data: data, encoding: .utf8) else {
      throw JSONFieldError(file: file, path: "", problem: "must be UTF-8 text")
    }
    let root: JSONValue
    do {
      root = try JSONParser(relaxed: true).parse(text)
    } catch let error as JSONParseError {
      throw ConfigError.syntax(error.in(file))
    }
    let top = try JSONNode(root, file: file).object(allowed: topKeys)
    guard let version = try top.member("version")?.int(in: 0...1_000_000_000_000) else {
      throw top.invalid("version", "present; add \"version\": 1")
    }
    guard version == Config.currentVersion else { throw ConfigError.unsupportedVersion(file: file, version: version) }

    var config = Config(features: [])
    if let defaults = try top.member("defaults")?.object(
      allowed: ["model", "days_per_month", "encoding", "variable_tokens", "cache_hit_rate", "deployments"]
        + TemplateOptions.defaultsKeys)
    {
      config.defaults.templates = try TemplateOptions.decode(defaults)
      config.defaults.model = try defaults.member("model")?.string()
      config.defaults.daysPerMonth = try defaults.member("days_per_month")?.decimal(in: 0...31) ?? 30
      if let encoding = try defaults.member("encoding")?.string() {
        guard ["auto", "o200k_base", "cl100k_base"].contains(encoding) else {
          throw defaults.invalid("encoding", "auto, o200k_base or cl100k_base")
        }
        config.defaults.encoding = encoding
      }
      config.defaults.variableTokens = try defaults.member("variable_tokens")?.int(in: 0...10_000_000) ?? 100
      config.defaults.cacheHitRate = try rate(defaults, "cache_hit_rate") ?? Config.Defaults.assumedCacheHitRate
      config.defaults.deployments = try deployments(defaults)
    }
    if let prices = try top.member("prices")?.object(allowed: ["files", "overrides"]) {
      config.prices.files = try (prices.member("files")?.array() ?? []).map { item in
        guard let path = item.value.stringValue else { throw item.invalid("a path string") }
        return try RepoPath.validate(path)
      }
      if let overrides = prices.value["overrides"] {
        guard let members = overrides.objectValue else { throw prices.invalid("overrides", "an object of model ids") }
        config.prices.overrides = members
      }
    }
    if let thresholds = try top.member("thresholds") { config.thresholds = try decodeThresholds(thresholds) }
    if let budgets = try top.member("budgets")?.object(allowed: ["monthly_usd", "warn_at_percent"]) {
      config.budgets.monthlyUSD = try budgets.member("monthly_usd")?.decimal(in: 0...1_000_000_000)
      config.budgets.warnAtPercent = try budgets.member("warn_at_percent")?.decimal(in: 0...100) ?? 80
    }
    if let approval = try top.member("approval")?.object(allowed: ["trailer"]) {
      config.approvalTrailer = try approval.member("trailer")?.string() ?? "Cost-Approved"
    }
    if let traces = try top.member("traces")?.object(allowed: ["min_samples", "rules"]) {
      config.minSamples = try traces.member("min_samples")?.int(in: 0...1_000_000) ?? 20
      config.traceRules = try (traces.member("rules")?.array() ?? []).map { item in
        let rule = try item.object(allowed: ["match", "feature"])
        guard let feature = try rule.member("feature")?.string() else { throw rule.invalid("feature", "a feature id") }
        guard let match = rule.value["match"]?.objectValue, !match.isEmpty else {
          throw rule.invalid("match", "an object of field path → value or glob")
        }
        var fields: [String: String] = [:]
        for (key, value) in match {
          guard let text = value.stringValue else { throw rule.invalid("match.\(key)", "a string") }
          fields[key] = text
        }
        return AttributionRule(match: fields, feature: feature)
      }
    }
    guard let features = try top.member("features")?.array() else {
      throw top.invalid("features", "present: a list of features (run 'tokentax init')")
    }
    var seen = Set<String>()
    for item in features {
      let feature = try decodeFeature(item)
      guard seen.insert(feature.id).inserted else { throw ConfigError.duplicateFeature(file: file, id: feature.id) }
      config.features.append(feature)
    }
    return config
  }

  static func decodeFeature(_ node: JSONNode) throws -> FeatureConfig {
    let reader = try node.object(allowed: featureKeys)
    guard let id = try reader.member("id")?.string(), !id.isEmpty else {
      throw reader.invalid("id", "a non-empty string")
    }
    var feature = FeatureConfig(id: id)
    feature.model = try reader.member("model")?.string()
    feature.callsPerDay = try reader.member("calls_per_day")?.decimal(in: 0...100_000_000_000)
    feature.outputTokens = try reader.member("output_tokens")?.int(in: 0...10_000_000)
    feature.batch = try reader.member("batch")?.bool() ?? false
    feature.templates = try TemplateOptions.decode(reader)
    feature.cacheHitRate = try rate(reader, "cache_hit_rate")
    for part in try reader.member("prompt")?.array() ?? [] {
      feature.prompt.append(try decodePart(part))
    }
    if let variables = reader.value["variables"] {
      guard let members = variables.objectValue else {
        throw reader.invalid("variables", "an object of placeholder → tokens")
      }
      for (name, size) in members {
        if case .object = size {
          let bound = try JSONNode(size, file: reader.file, path: reader.childPath("variables.\(name)"))
            .object(allowed: ["file", "symbol", "key", "syntax"])
          guard let path = try relativePath(bound, "file"), !path.isEmpty, !Glob(path).isPattern else {
            throw bound.invalid("file", "one repo-relative file (no glob)")
          }
          feature.boundVariables[name] = BoundSource(
            file: path, selector: try selector(bound, file: path),
            syntax: try bound.member("syntax")?.choice(PromptPart.Syntax.self) ?? .auto)
          continue
        }
        guard case .number = size, let tokens = size.intValue, tokens >= 0, tokens <= 10_000_000 else {
          throw reader.invalid(
            "variables.\(name)",
            "a whole number of tokens from 0 to 10000000, or a source { \"file\": …, \"symbol\" or \"key\": … }")
        }
        feature.variables[name] = tokens
      }
    }
    if let history = try reader.member("history")?.object(allowed: ["turns", "tokens_per_turn"]) {
      feature.history = FeatureConfig.History(
        turns: try history.member("turns")?.int(in: 0...10_000) ?? 0,
        tokensPerTurn: try history.member("tokens_per_turn")?.int(in: 0...10_000_000) ?? 0)
    }
    if let traces = try reader.member("traces") {
      feature.traces = try decodeTraceSources(traces)
    }
    if let thresholds = try reader.member("thresholds") {
      feature.thresholds = try decodeThresholds(thresholds)
    }
    if let budget = try reader.member("budget")?.object(allowed: ["monthly_usd"]) {
      feature.budgetMonthlyUSD = try budget.member("monthly_usd")?.decimal(in: 0...1_000_000_000)
    }
    return feature
  }

  static func decodePart(_ node: JSONNode) throws -> PromptPart {
    let reader = try node.object(allowed: partKeys)
    guard let filePath = try relativePath(reader, "file"), !filePath.isEmpty else {
      throw reader.invalid("file", "a repo-relative path or glob")
    }
    var part = PromptPart(file: filePath)
    part.role = try reader.member("role")?.choice(PromptPart.Role.self)
    part.kind = try reader.member("kind")?.choice(PromptPart.Kind.self) ?? .text
    part.syntax = try reader.member("syntax")?.choice(PromptPart.Syntax.self) ?? .auto
    part.cache = try reader.member("cache")?.bool() ?? false
    part.selector = try selector(reader, file: filePath)
    if part.selector != nil, Glob(filePath).isPattern {
      throw reader.invalid("file", "one file when \"symbol\" or \"key\" names a value in it, not a glob")
    }
    return part
  }

  /// `symbol` (a name in Python/TS/JS code) or `key` (a path in YAML/JSON), never both.
  static func selector(_ reader: JSONNode, file: String) throws -> PromptSource.Selector? {
    let symbol = try reader.member("symbol")?.string()
    let key = try reader.member("key")?.string()
    if symbol != nil, key != nil { throw reader.invalid("symbol", "given without \"key\" (a part names one value)") }
    let selector = symbol.map(PromptSource.Selector.symbol) ?? key.map(PromptSource.Selector.key)
    guard let selector else { return nil }
    guard !selector.name.isEmpty else { throw reader.invalid(symbol != nil ? "symbol" : "key", "a non-empty name") }
    guard let language = PromptSource.Language(file: file) else {
      throw reader.invalid(
        "file", "a Python, TypeScript/JavaScript, YAML or JSON file when \"symbol\" or \"key\" is given")
    }
    if language.usesKeys, symbol != nil {
      throw reader.invalid("symbol", "\"key\" for a YAML or JSON file (a dotted path such as a.b[0].c)")
    }
    if !language.usesKeys, key != nil { throw reader.invalid("key", "\"symbol\" for a code file (NAME or Class.attr)") }
    return selector
  }

  static func decodeTraceSources(_ node: JSONNode) throws -> FeatureConfig.TraceSources {
    func paths(_ node: JSONNode) throws -> [String] {
      if let single = node.value.stringValue { return [try RepoPath.validate(single)] }
      guard let items = node.value.arrayValue else {
        throw node.error("must be a path, a list of paths, or { \"base\": …, \"head\": … }")
      }
      return try items.map {
        guard let text = $0.stringValue else { throw node.error("must be a list of path strings") }
        return try RepoPath.validate(text)
      }
    }
    if case .object = node.value {
      let sides = try node.object(allowed: ["base", "head"])
      guard let base = try sides.member("base"), let head = try sides.member("head") else {
        throw node.error("must be an object with both \"base\" and \"head\"")
      }
      return .baseAndHead(base: try paths(base), head: try paths(head))
    }
    return .atRevision(try paths(node))
  }

  static func decodeThresholds(_ node: JSONNode) throws -> Thresholds {
    let reader = try node.object(allowed: ["warn", "fail"])
    var thresholds = Thresholds()
    if let warn = try reader.member("warn")?.object(allowed: ThresholdSet.keys) {
      thresholds.warn = try decodeSet(warn)
    }
    if let fail = try reader.member("fail")?.object(allowed: ThresholdSet.keys) {
      thresholds.fail = try decodeSet(fail)
    }
    return thresholds
  }

  static func decodeSet(_ reader: JSONNode) throws -> ThresholdSet {
    ThresholdSet(
      costPercent: try reader.member("cost_percent")?.decimal(in: 0...1_000_000_000),
      costPerCallPercent: try reader.member("cost_per_call_percent")?.decimal(in: 0...1_000_000_000),
      monthlyUSD: try reader.member("monthly_usd")?.decimal(in: 0...1_000_000_000),
      outputTokensPercent: try reader.member("output_tokens_percent")?.decimal(in: 0...1_000_000_000),
      inputTokensPercent: try reader.member("input_tokens_percent")?.decimal(in: 0...1_000_000_000),
      inputTokens: try reader.member("input_tokens")?.int(in: 0...1_000_000_000_000),
      inputTokensPerCall: try reader.member("input_tokens_per_call")?.int(in: 0...1_000_000_000_000),
      pricierModel: try reader.member("pricier_model")?.bool())
  }

  /// `deployments`: an object of deployment name → model id, both non-empty strings.
  private static func deployments(_ defaults: JSONNode) throws -> [String: String] {
    guard let value = defaults.value["deployments"], value != .null else { return [:] }
    guard let members = value.objectValue else {
      throw defaults.invalid(
        "deployments", "an object of deployment name → model id, e.g. {\"my-prod-4o\": \"gpt-4o\"}")
    }
    var out: [String: String] = [:]
    for name in members.keys.sorted() {
      guard let target = members[name], let model = target.stringValue, !model.isEmpty, !name.isEmpty else {
        throw defaults.invalid("deployments.\(name)", "a model id string such as \"gpt-4o\"")
      }
      out[name] = model
    }
    return out
  }

  /// A repo-relative path that may not leave the repository.
  static func relativePath(_ reader: JSONNode, _ key: String) throws -> String? {
    try reader.member(key).map { try RepoPath.validate($0.string()) }
  }

  /// A share from 0 to 1 (`cache_hit_rate`).
  static func rate(_ reader: JSONNode, _ key: String) throws -> Double? {
    guard let value = try reader.member(key)?.decimal(in: 0...1) else { return nil }
    return NSDecimalNumber(decimal: value).doubleValue
  }
}
