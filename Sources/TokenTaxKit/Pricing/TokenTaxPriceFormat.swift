import Foundation
import JSON

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
    let top = try JSONNode(.object(root), file: file).object(allowed: topLevelKeys)
    guard let version = try top.member("version") else {
      throw top.error("needs \"version\": 1")
    }
    guard version.value.intValue == 1, case .number = version.value else {
      throw version.error(
        "is \(JSONWriter.string(version.value, pretty: false)), but this tokentax reads version 1")
    }
    let date = try top.member("date")?.date() ?? ""
    let source = try top.member("source")?.text() ?? file
    guard let models = try top.member("models") else { throw top.error("needs \"models\": { \"<model id>\": { … } }") }
    try apply(models: models, aliasRows: true, source: source, date: date, to: &table)
  }

  /// Lays per-model objects over `table`; `path` prefixes field paths in errors
  /// (`models`, or `prices.overrides` for the config). With `aliasRows` (price files), an entry
  /// with both prices whose key is an alias of a row is a row of its own: a file that prices
  /// `gpt-5-2025-08-07` or `mistral-small-latest` prices that id, as LiteLLM's map does, and leaves
  /// the row the alias named alone. Config overrides always patch the row an alias names.
  static func apply(
    models: JSONValue, path: String, file: String, source: String, date: String, to table: inout PriceTable
  ) throws {
    try apply(
      models: JSONNode(models, file: file, path: path), aliasRows: false, source: source, date: date, to: &table)
  }

  private static func apply(
    models: JSONNode, aliasRows: Bool, source: String, date: String, to table: inout PriceTable
  ) throws {
    guard case .object = models.value else { throw models.invalid("an object of models by id") }
    for (id, entry) in try models.members().sorted(by: { $0.key < $1.key }) {
      guard case .object = entry.value else { throw entry.invalid("an object of prices") }
      guard id.contains(where: { !$0.isWhitespace }) else { throw entry.error("is not a model id: it is empty") }
      try applyEntry(
        id: id, entry.object(allowed: modelKeys), source: source, date: date, aliasRows: aliasRows, to: &table)
    }
  }

  private static func applyEntry(
    id: String, _ entry: JSONNode, source: String, date: String, aliasRows: Bool, to table: inout PriceTable
  ) throws {
    let object = entry.value.objectValue ?? [:]
    var row: ModelPrice
    let complete = entry.has("input") && entry.has("output")
    let target = table.exactID(id).flatMap { $0.lowercased() == id.lowercased() || !(aliasRows && complete) ? $0 : nil }
    if let existing = target.flatMap({ table.rows[$0] }) {
      row = existing
    } else {
      for key in ["input", "output"] where !entry.has(key) {
        throw entry.error("is a new model, so it needs \"\(key)\" (USD per 1M tokens)")
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
    for (key, field) in try entry.members().sorted(by: { $0.key < $1.key }) {
      // `null` clears an optional value; a required one refuses it below.
      let value = field.value == .null ? nil : field
      switch key {
      case "provider": row.provider = try field.text()
      case "input": row.input = try field.price()
      case "output": row.output = try field.price()
      case "cache_read": row.cacheRead = try value?.price()
      case "cache_write": row.cacheWrite = try value?.price()
      case "cache_write_1h": row.cacheWrite1h = try value?.price()
      case "batch_discount": row.batchDiscount = try value?.fraction()
      case "long_context": row.longContext = try value.map(longContext)
      case "context_window": row.contextWindow = try value?.count(minimum: 1)
      case "minimum_cacheable_prefix": row.minimumCacheablePrefix = try value?.count(minimum: 0)
      case "tokenizer", "encoding": row.tokenizer = try field.text(oneOf: ModelCatalog.tokenizerNames)
      case "token_factor": row.tokenFactor = try value?.factor()
      case "request_overhead": row.requestOverhead = try value?.overhead()
      case "tool_overhead": row.toolOverhead = try value?.overhead()
      case "forced_tool_overhead": row.forcedToolOverhead = try value?.overhead()
      case "source": row.source = try field.text()
      case "date": row.date = try field.date()
      case "aliases": aliases = try field.array().map { try $0.text() }
      default: break  // refused by `object(allowed:)`
      }
    }
    table.insert(row, aliases: aliases)
  }

  private static func longContext(_ node: JSONNode) throws -> LongContextTier {
    guard case .object = node.value else {
      throw node.invalid("an object like {\"threshold\": 200000, \"input\": 6.0, \"output\": 22.5}")
    }
    let tier = try node.object(allowed: longContextKeys)
    for key in ["threshold", "input", "output"] where !tier.has(key) {
      throw tier.error("needs \"\(key)\"")
    }
    return LongContextTier(
      threshold: try tier.required("threshold").count(minimum: 1),
      input: try tier.required("input").price(),
      output: try tier.required("output").price(),
      cacheRead: try tier.member("cache_read")?.price(), cacheWrite: try tier.member("cache_write")?.price(),
      cacheWrite1h: try tier.member("cache_write_1h")?.price())
  }
}

/// The typed values of a price file.
extension JSONNode {
  fileprivate func price() throws -> Decimal {
    try decimal(in: 0...Decimal.greatestFiniteMagnitude, "a price in USD per 1M tokens (a number of 0 or more)")
  }

  fileprivate func fraction() throws -> Decimal {
    try decimal(in: 0...1, "the fraction taken off in batch mode, from 0 to 1 (0.5 = 50 % off)")
  }

  fileprivate func factor() throws -> Decimal {
    let expected = "billed tokens per o200k_base token, a number above 0 and at most 10 (1.15 = 15 % more)"
    let number = try decimal(in: 0...10, expected)
    guard number > 0 else { throw invalid(expected) }
    return number
  }

  /// A fitted token offset: whole, and negative when calibration puts it there.
  fileprivate func overhead() throws -> Int {
    try int(in: -1_000_000...1_000_000, "a whole number of tokens (negative when calibration fits one)")
  }

  fileprivate func count(minimum: Int) throws -> Int {
    try int(in: minimum...Int.max, "a whole number of tokens of \(minimum) or more")
  }

  /// A non-empty string, among `allowed` when given.
  fileprivate func text(oneOf allowed: [String]? = nil) throws -> String {
    guard let text = value.stringValue, text.contains(where: { !$0.isWhitespace }) else {
      throw invalid("a non-empty string")
    }
    if let allowed { return try oneOf(allowed) }
    return text
  }

  fileprivate func date() throws -> String {
    let text = try self.text()
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.map(\.count) == [4, 2, 2], parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }) else {
      throw invalid("a date as YYYY-MM-DD")
    }
    return text
  }
}
