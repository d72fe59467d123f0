import Foundation

/// tokentax's own price file, version 1 (the built-in table is one too):
///
/// ```jsonc
/// {
///   "version": 1,
///   "date": "2026-11-22",                 // default date of every row (YYYY-MM-DD)
///   "source": "https://example.com/rates", // default source; else the file's name
///   "models": {
///     "acme-ft-1": {
///       "provider": "acme",                // else guessed from the id, or "custom"
///       "input": 3.0, "output": 12.0,      // USD per 1M tokens; required for a new model
///       "cache_read": 0.3,                 // null or absent: cached reads bill as input
///       "cache_write": 3.75,               // 5-minute cache write; absent: input price
///       "cache_write_1h": 6.0,             // 1-hour cache write; absent: cache_write
///       "batch_discount": 0.5,             // fraction off in batch mode; absent: no batch API
///       "long_context": { "threshold": 200000, "input": 6.0, "output": 22.5,
///                         "cache_read": 0.6, "cache_write": 7.5, "cache_write_1h": 12.0 },
///       "context_window": 200000,          // most input tokens per request
///       "minimum_cacheable_prefix": 1024,  // shorter cached prefixes bill uncached
///       "tokenizer": "o200k_base",         // or "encoding"; o200k_base/cl100k_base are exact
///       "token_factor": 1.15,              // estimated families: billed tokens per o200k token
///       "request_overhead": 12,            // estimated families: tokens every request adds
///       "tool_overhead": 399,              // estimated families: tokens a request with tools adds
///       "forced_tool_overhead": 434,       // … when its tool choice forces a tool (any/tool)
///       "source": "…", "date": "…",        // override the file's defaults
///       "aliases": ["acme-ft-1-2026-01-01"]
///     }
///   }
/// }
/// ```
///
/// An entry whose key is an existing id or alias *patches* that row: the keys it gives replace
/// the row's values (`null` clears an optional one) and the rest is kept, so an override can
/// change one price. In a price file (not in overrides), an entry with both prices whose key is
/// an alias is a row of its own. Config `prices.overrides` uses the same per-model object.
enum TokenTaxPriceFormat {
  static let topLevelKeys = ["version", "date", "source", "models"]
  static let modelKeys = [
    "provider", "input", "output", "cache_read", "cache_write", "cache_write_1h", "batch_discount", "long_context",
    "context_window", "minimum_cacheable_prefix", "tokenizer", "encoding", "token_factor", "request_overhead",
    "tool_overhead", "forced_tool_overhead", "source", "date", "aliases",
  ]
  static let longContextKeys = ["threshold", "input", "output", "cache_read", "cache_write", "cache_write_1h"]

  /// Lays a whole file (already parsed) over `table`.
  static func apply(_ root: JSONObject, file: String, to table: inout PriceTable) throws {
    let fields = Fields(file: file, path: nil)
    try fields.rejectUnknownKeys(root, allowed: topLevelKeys)
    guard let version = root["version"] else {
      throw fields.error("missing \"version\": 1 at the top level")
    }
    guard version.intValue == 1, case .number = version else {
      throw fields.at("version").error(
        "unsupported version \(JSONWriter.string(version, pretty: false)); this tokentax reads version 1")
    }
    let date = try root["date"].map { try fields.at("date").date($0) } ?? ""
    let source = try root["source"].map { try fields.at("source").text($0) } ?? file
    guard let models = root["models"] else { throw fields.error("missing \"models\": { \"<model id>\": { … } }") }
    guard let object = models.objectValue else {
      throw fields.at("models").error("expected an object of models by id, got \(models.kindDescription)")
    }
    try apply(models: object, path: "models", file: file, source: source, date: date, aliasRows: true, to: &table)
  }

  /// Lays per-model objects over `table`; `path` prefixes field paths in errors
  /// (`models`, or `prices.overrides` for the config). With `aliasRows` (price files), an entry
  /// with both prices whose key is an alias of a row is a row of its own: a file that prices
  /// `gpt-5-2025-08-07` or `mistral-small-latest` prices that id, as LiteLLM's map does, and leaves
  /// the row the alias named alone. Config overrides always patch the row an alias names.
  static func apply(
    models: JSONObject, path: String, file: String, source: String, date: String, aliasRows: Bool = false,
    to table: inout PriceTable
  ) throws {
    for id in models.keys.sorted() {
      let fields = Fields(file: file, path: "\(path).\(id)")
      guard let object = models[id]?.objectValue else {
        throw fields.error("expected an object of prices, got \(models[id]?.kindDescription ?? "nothing")")
      }
      guard id.contains(where: { !$0.isWhitespace }) else { throw fields.error("a model id cannot be empty") }
      try applyEntry(id: id, object, fields: fields, source: source, date: date, aliasRows: aliasRows, to: &table)
    }
  }

  private static func applyEntry(
    id: String, _ object: JSONObject, fields: Fields, source: String, date: String, aliasRows: Bool,
    to table: inout PriceTable
  ) throws {
    try fields.rejectUnknownKeys(object, allowed: modelKeys)
    var row: ModelPrice
    let complete = [object["input"], object["output"]].allSatisfy { $0 != nil && $0 != .null }
    let target = table.exactID(id).flatMap { $0.lowercased() == id.lowercased() || !(aliasRows && complete) ? $0 : nil }
    if let existing = target.flatMap({ table.rows[$0] }) {
      row = existing
    } else {
      for key in ["input", "output"] where object[key] == nil || object[key] == .null {
        throw fields.error("a new model needs \"\(key)\" (USD per 1M tokens)")
      }
      // Guessed (string work per row) only when the entry does not say.
      let provider = object["provider"] == nil ? (ModelCatalog.identify(id).provider ?? "custom") : ""
      let tokenizer = object["tokenizer"] == nil && object["encoding"] == nil ? ModelCatalog.identify(id).tokenizer : ""
      row = ModelPrice(
        model: id, provider: provider, input: 0, output: 0, tokenizer: tokenizer, source: source, date: date)
    }
    row.source = source
    row.date = date
    var aliases: [String] = []
    for key in object.keys.sorted() {
      guard let value = object[key] else { continue }
      let field = fields.at(key)
      switch key {
      case "provider": row.provider = try field.text(value)
      case "input": row.input = try field.price(value)
      case "output": row.output = try field.price(value)
      case "cache_read": row.cacheRead = try field.optional(value, field.price)
      case "cache_write": row.cacheWrite = try field.optional(value, field.price)
      case "cache_write_1h": row.cacheWrite1h = try field.optional(value, field.price)
      case "batch_discount": row.batchDiscount = try field.optional(value, field.fraction)
      case "long_context": row.longContext = try field.optional(value, longContext(field))
      case "context_window": row.contextWindow = try field.optional(value) { try field.count($0, minimum: 1) }
      case "minimum_cacheable_prefix":
        row.minimumCacheablePrefix = try field.optional(value) { try field.count($0, minimum: 0) }
      case "tokenizer", "encoding": row.tokenizer = try field.oneOf(value, ModelCatalog.tokenizerNames)
      case "token_factor": row.tokenFactor = try field.optional(value, field.factor)
      case "request_overhead": row.requestOverhead = try field.optional(value, field.overhead)
      case "tool_overhead": row.toolOverhead = try field.optional(value, field.overhead)
      case "forced_tool_overhead": row.forcedToolOverhead = try field.optional(value, field.overhead)
      case "source": row.source = try field.text(value)
      case "date": row.date = try field.date(value)
      case "aliases": aliases = try field.strings(value)
      default: break  // rejected above
      }
    }
    table.insert(row, aliases: aliases)
  }

  private static func longContext(_ fields: Fields) -> (JSONValue) throws -> LongContextTier {
    { value in
      guard let object = value.objectValue else {
        throw fields.error(
          "expected an object like {\"threshold\": 200000, \"input\": 6.0, \"output\": 22.5}, got \(value.kindDescription)"
        )
      }
      try fields.rejectUnknownKeys(object, allowed: longContextKeys)
      for key in ["threshold", "input", "output"] where object[key] == nil {
        throw fields.error("a long-context tier needs \"\(key)\"")
      }
      func price(_ key: String) throws -> Decimal? {
        try object[key].flatMap { try fields.at(key).optional($0, fields.at(key).price) }
      }
      return LongContextTier(
        threshold: try fields.at("threshold").count(object["threshold"] ?? .null, minimum: 1),
        input: try fields.at("input").price(object["input"] ?? .null),
        output: try fields.at("output").price(object["output"] ?? .null),
        cacheRead: try price("cache_read"), cacheWrite: try price("cache_write"),
        cacheWrite1h: try price("cache_write_1h"))
    }
  }
}

/// Typed reads of JSON values that fail with the file and field path.
private struct Fields {
  var file: String
  var path: String?

  func at(_ key: String) -> Fields { Fields(file: file, path: path.map { "\($0).\(key)" } ?? key) }

  func error(_ problem: String) -> PriceFileError { PriceFileError(file: file, path: path, problem: problem) }

  func rejectUnknownKeys(_ object: JSONObject, allowed: [String]) throws {
    for key in object.keys.sorted() where !allowed.contains(key) {
      throw at(key).error(
        "unknown key\(Suggestion.didYouMean(key, in: allowed)); valid keys: \(allowed.joined(separator: ", "))")
    }
  }

  func optional<T>(_ value: JSONValue, _ read: (JSONValue) throws -> T) throws -> T? {
    value == .null ? nil : try read(value)
  }

  func price(_ value: JSONValue) throws -> Decimal {
    guard case .number = value, let number = value.decimalValue, number >= 0 else {
      throw error("expected a price in USD per 1M tokens (a number of 0 or more), got \(describe(value))")
    }
    return number
  }

  func fraction(_ value: JSONValue) throws -> Decimal {
    guard case .number = value, let number = value.decimalValue, number >= 0, number <= 1 else {
      throw error("expected the fraction taken off in batch mode, from 0 to 1 (0.5 = 50 % off), got \(describe(value))")
    }
    return number
  }

  func factor(_ value: JSONValue) throws -> Decimal {
    guard case .number = value, let number = value.decimalValue, number > 0, number <= 10 else {
      throw error(
        "expected billed tokens per o200k_base token, a number above 0 and at most 10 (1.15 = 15 % more), got \(describe(value))"
      )
    }
    return number
  }

  /// A fitted token offset: whole, and negative when calibration puts it there.
  func overhead(_ value: JSONValue) throws -> Int {
    guard case .number = value, let number = value.intValue, abs(number) <= 1_000_000 else {
      throw error("expected a whole number of tokens (negative when calibration fits one), got \(describe(value))")
    }
    return number
  }

  func count(_ value: JSONValue, minimum: Int) throws -> Int {
    guard case .number = value, let number = value.intValue, number >= minimum else {
      throw error("expected a whole number of tokens of \(minimum) or more, got \(describe(value))")
    }
    return number
  }

  func text(_ value: JSONValue) throws -> String {
    guard let text = value.stringValue, text.contains(where: { !$0.isWhitespace }) else {
      throw error("expected a non-empty string, got \(describe(value))")
    }
    return text
  }

  /// An enumerated string, refused with the closest valid value when it is not one of `allowed`.
  func oneOf(_ value: JSONValue, _ allowed: [String]) throws -> String {
    let text = try self.text(value)
    guard allowed.contains(text) else {
      throw error(
        "unknown value \"\(text)\"\(Suggestion.didYouMean(text, in: allowed)); valid values: \(allowed.joined(separator: ", "))"
      )
    }
    return text
  }

  func date(_ value: JSONValue) throws -> String {
    let text = try self.text(value)
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.map(\.count) == [4, 2, 2], parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }) else {
      throw error("expected a date as YYYY-MM-DD, got \"\(text)\"")
    }
    return text
  }

  func strings(_ value: JSONValue) throws -> [String] {
    guard let items = value.arrayValue else {
      throw error("expected an array of model ids, got \(value.kindDescription)")
    }
    return try items.enumerated().map { offset, item in try at("\(offset)").text(item) }
  }

  private func describe(_ value: JSONValue) -> String {
    switch value {
    case .number(let text): return SafeText.quoted(text, limit: 40)
    case .string(let text): return "the string \"\(SafeText.quoted(text))\""
    default: return value.kindDescription
    }
  }
}
