import Foundation

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
      throw ConfigError.invalid(file: file, path: "the file", expected: "UTF-8 text")
    }
    let root: JSONValue
    do {
      root = try JSONParser(relaxed: true).parse(text)
    } catch let error as JSONParseError {
      throw ConfigError.syntax(error.in(file))
    }
    let top = try ObjectReader(root, file: file, path: "", allowed: topKeys)
    guard let version = try top.int("version") else {
      throw ConfigError.invalid(file: file, path: "version", expected: "present; add \"version\": 1")
    }
    guard version == Config.currentVersion else { throw ConfigError.unsupportedVersion(file: file, version: version) }

    var config = Config(features: [])
    if let defaults = try top.object(
      "defaults",
      allowed: ["model", "days_per_month", "encoding", "variable_tokens", "cache_hit_rate", "deployments"]
        + TemplateOptions.defaultsKeys)
    {
      config.defaults.templates = try TemplateOptions.decode(defaults)
      config.defaults.model = try defaults.string("model")
      config.defaults.daysPerMonth = try defaults.decimal("days_per_month", maximum: 31) ?? 30
      if let encoding = try defaults.string("encoding") {
        guard ["auto", "o200k_base", "cl100k_base"].contains(encoding) else {
          throw defaults.invalid("encoding", "auto, o200k_base or cl100k_base")
        }
        config.defaults.encoding = encoding
      }
      config.defaults.variableTokens = try defaults.int("variable_tokens", maximum: 10_000_000) ?? 100
      config.defaults.cacheHitRate = try rate(defaults, "cache_hit_rate") ?? Config.Defaults.assumedCacheHitRate
      config.defaults.deployments = try deployments(defaults)
    }
    if let prices = try top.object("prices", allowed: ["files", "overrides"]) {
      config.prices.files = try (prices.array("files") ?? []).enumerated().map { index, item in
        guard let path = item.stringValue else { throw prices.invalid("files[\(index)]", "a path string") }
        return try RepoPath.validate(path)
      }
      if let overrides = prices.members["overrides"] {
        guard let members = overrides.objectValue else { throw prices.invalid("overrides", "an object of model ids") }
        config.prices.overrides = members
      }
    }
    if let thresholds = top.members["thresholds"] {
      config.thresholds = try decodeThresholds(thresholds, file: file, path: "thresholds")
    }
    if let budgets = try top.object("budgets", allowed: ["monthly_usd", "warn_at_percent"]) {
      config.budgets.monthlyUSD = try budgets.decimal("monthly_usd")
      config.budgets.warnAtPercent = try budgets.decimal("warn_at_percent", maximum: 100) ?? 80
    }
    if let approval = try top.object("approval", allowed: ["trailer"]) {
      config.approvalTrailer = try approval.string("trailer") ?? "Cost-Approved"
    }
    if let traces = try top.object("traces", allowed: ["min_samples", "rules"]) {
      config.minSamples = try traces.int("min_samples", maximum: 1_000_000) ?? 20
      config.traceRules = try (traces.array("rules") ?? []).enumerated().map { index, item in
        let rule = try ObjectReader(
          item, file: file, path: traces.fieldPath("rules[\(index)]"), allowed: ["match", "feature"])
        guard let feature = try rule.string("feature") else { throw rule.invalid("feature", "a feature id") }
        guard let match = rule.members["match"]?.objectValue, !match.isEmpty else {
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
    guard let features = try top.array("features") else {
      throw ConfigError.invalid(
        file: file, path: "features", expected: "present: a list of features (run 'tokentax init')")
    }
    var seen = Set<String>()
    for (index, item) in features.enumerated() {
      let feature = try decodeFeature(item, file: file, path: "features[\(index)]")
      guard seen.insert(feature.id).inserted else { throw ConfigError.duplicateFeature(file: file, id: feature.id) }
      config.features.append(feature)
    }
    return config
  }

  static func decodeFeature(_ value: JSONValue, file: String, path: String) throws -> FeatureConfig {
    let reader = try ObjectReader(value, file: file, path: path, allowed: featureKeys)
    guard let id = try reader.string("id"), !id.isEmpty else { throw reader.invalid("id", "a non-empty string") }
    var feature = FeatureConfig(id: id)
    feature.model = try reader.string("model")
    feature.callsPerDay = try reader.decimal("calls_per_day", maximum: 100_000_000_000)
    feature.outputTokens = try reader.int("output_tokens", maximum: 10_000_000)
    feature.batch = try reader.bool("batch") ?? false
    feature.templates = try TemplateOptions.decode(reader)
    feature.cacheHitRate = try rate(reader, "cache_hit_rate")
    for (index, part) in (try reader.array("prompt") ?? []).enumerated() {
      feature.prompt.append(try decodePart(part, file: file, path: reader.fieldPath("prompt[\(index)]")))
    }
    if let variables = reader.members["variables"] {
      guard let members = variables.objectValue else {
        throw reader.invalid("variables", "an object of placeholder → tokens")
      }
      for (name, size) in members {
        if case .object = size {
          let bound = try ObjectReader(
            size, file: file, path: reader.fieldPath("variables.\(name)"), allowed: ["file", "symbol", "key", "syntax"])
          guard let path = try bound.relativePath("file"), !path.isEmpty, !Glob(path).isPattern else {
            throw bound.invalid("file", "one repo-relative file (no glob)")
          }
          feature.boundVariables[name] = BoundSource(
            file: path, selector: try selector(bound, file: path),
            syntax: try enumValue(bound, "syntax", PromptPart.Syntax.self) ?? .auto)
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
    if let history = try reader.object("history", allowed: ["turns", "tokens_per_turn"]) {
      feature.history = FeatureConfig.History(
        turns: try history.int("turns", maximum: 10_000) ?? 0,
        tokensPerTurn: try history.int("tokens_per_turn", maximum: 10_000_000) ?? 0)
    }
    if let traces = reader.members["traces"] {
      feature.traces = try decodeTraceSources(traces, reader: reader)
    }
    if let thresholds = reader.members["thresholds"] {
      feature.thresholds = try decodeThresholds(thresholds, file: file, path: reader.fieldPath("thresholds"))
    }
    if let budget = try reader.object("budget", allowed: ["monthly_usd"]) {
      feature.budgetMonthlyUSD = try budget.decimal("monthly_usd")
    }
    return feature
  }

  static func decodePart(_ value: JSONValue, file: String, path: String) throws -> PromptPart {
    let reader = try ObjectReader(value, file: file, path: path, allowed: partKeys)
    guard let filePath = try reader.relativePath("file"), !filePath.isEmpty else {
      throw reader.invalid("file", "a repo-relative path or glob")
    }
    var part = PromptPart(file: filePath)
    part.role = try enumValue(reader, "role", PromptPart.Role.self)
    part.kind = try enumValue(reader, "kind", PromptPart.Kind.self) ?? .text
    part.syntax = try enumValue(reader, "syntax", PromptPart.Syntax.self) ?? .auto
    part.cache = try reader.bool("cache") ?? false
    part.selector = try selector(reader, file: filePath)
    if part.selector != nil, Glob(filePath).isPattern {
      throw reader.invalid("file", "one file when \"symbol\" or \"key\" names a value in it, not a glob")
    }
    return part
  }

  /// `symbol` (a name in Python/TS/JS code) or `key` (a path in YAML/JSON), never both.
  static func selector(_ reader: ObjectReader, file: String) throws -> PromptSource.Selector? {
    let symbol = try reader.string("symbol")
    let key = try reader.string("key")
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

  static func decodeTraceSources(_ value: JSONValue, reader: ObjectReader) throws -> FeatureConfig.TraceSources {
    func paths(_ value: JSONValue, _ key: String) throws -> [String] {
      if let single = value.stringValue { return [try RepoPath.validate(single)] }
      guard let items = value.arrayValue else {
        throw reader.invalid(key, "a path, a list of paths, or { \"base\": …, \"head\": … }")
      }
      return try items.map {
        guard let text = $0.stringValue else { throw reader.invalid(key, "a list of path strings") }
        return try RepoPath.validate(text)
      }
    }
    if case .object = value {
      let sides = try ObjectReader(
        value, file: reader.file, path: reader.fieldPath("traces"), allowed: ["base", "head"])
      guard let base = sides.members["base"], let head = sides.members["head"] else {
        throw reader.invalid("traces", "an object with both \"base\" and \"head\"")
      }
      return .baseAndHead(base: try paths(base, "traces.base"), head: try paths(head, "traces.head"))
    }
    return .atRevision(try paths(value, "traces"))
  }

  static func decodeThresholds(_ value: JSONValue, file: String, path: String) throws -> Thresholds {
    let reader = try ObjectReader(value, file: file, path: path, allowed: ["warn", "fail"])
    var thresholds = Thresholds()
    if let warn = try reader.object("warn", allowed: ThresholdSet.keys) { thresholds.warn = try decodeSet(warn) }
    if let fail = try reader.object("fail", allowed: ThresholdSet.keys) { thresholds.fail = try decodeSet(fail) }
    return thresholds
  }

  static func decodeSet(_ reader: ObjectReader) throws -> ThresholdSet {
    ThresholdSet(
      costPercent: try reader.decimal("cost_percent"), costPerCallPercent: try reader.decimal("cost_per_call_percent"),
      monthlyUSD: try reader.decimal("monthly_usd"), outputTokensPercent: try reader.decimal("output_tokens_percent"),
      inputTokensPercent: try reader.decimal("input_tokens_percent"), inputTokens: try reader.int("input_tokens"),
      inputTokensPerCall: try reader.int("input_tokens_per_call"), pricierModel: try reader.bool("pricier_model"))
  }

  /// `deployments`: an object of deployment name → model id, both non-empty strings.
  private static func deployments(_ defaults: ObjectReader) throws -> [String: String] {
    guard let value = defaults.members["deployments"], value != .null else { return [:] }
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

  /// A share from 0 to 1 (`cache_hit_rate`).
  static func rate(_ reader: ObjectReader, _ key: String) throws -> Double? {
    guard let value = try reader.decimal(key, maximum: 1) else { return nil }
    return NSDecimalNumber(decimal: value).doubleValue
  }

  static func enumValue<T: RawRepresentable & CaseIterable>(_ reader: ObjectReader, _ key: String, _ type: T.Type)
    throws -> T?
  where T.RawValue == String {
    guard let raw = try reader.string(key) else { return nil }
    guard let value = T(rawValue: raw) else {
      throw reader.invalid(key, "one of " + T.allCases.map(\.rawValue).joined(separator: ", ") + ", not '\(raw)'")
    }
    return value
  }
}
