import Foundation
import JSON

/// LiteLLM's `model_prices_and_context_window.json`: a map from model key to an entry with
/// per-token USD prices (`input_cost_per_token: 3e-06` is $3 per 1M tokens).
///
/// Read: `input/output_cost_per_token`, `cache_read_input_token_cost`,
/// `cache_creation_input_token_cost` (+ `_above_1hr`), `*_batches` (→ the batch discount),
/// the lowest `*_above_{N}k_tokens` tier, `max_input_tokens`, `prompt_cache_min_tokens`,
/// `litellm_provider`. Skipped: `sample_spec`, `fallback_generalizations`, and entries priced
/// per image, second or character (no `input_cost_per_token`). Service tiers (`_flex`,
/// `_priority`), regional uplifts and off-peak windows are not modelled.
enum LiteLLMPriceFormat {
  static let skippedKeys: Set<String> = ["sample_spec", "fallback_generalizations"]

  /// Providers whose LiteLLM keys carry a `provider/` prefix that is not part of the provider's
  /// own model id (`gemini/gemini-2.5-pro` is Google's `gemini-2.5-pro`).
  static let firstParty: Set<String> = ["openai", "anthropic", "gemini", "xai", "deepseek", "mistral"]

  static let providerNames: [String: String] = [
    "text-completion-openai": "openai", "gemini": "google", "vertex_ai": "google",
    "vertex_ai-language-models": "google", "vertex_ai-embedding-models": "google", "meta_llama": "meta",
    "bedrock_converse": "bedrock",
  ]

  /// The rows of a parsed LiteLLM map. Keys keep their spelling as rows or aliases, so an
  /// imported `us.anthropic.…` or `azure/gpt-5` row is found exactly before any alias rule.
  static func table(_ root: JSONObject, file: String) throws -> PriceTable {
    var chosen: [String: (row: ModelPrice, rank: Int)] = [:]
    var aliases: [String: String] = [:]
    for key in root.keys.sorted() where !skippedKeys.contains(key) {
      guard let entry = root[key]?.objectValue, entry["input_cost_per_token"] != nil else { continue }
      let litellmProvider = entry["litellm_provider"]?.stringValue ?? ""
      var id = key
      if let slash = key.firstIndex(of: "/"), key[..<slash] == litellmProvider, firstParty.contains(litellmProvider) {
        id = String(key[key.index(after: slash)...])
      }
      let row = try self.row(id: id, entry, key: key, provider: litellmProvider, file: file)
      // Two keys for one id (`gemini-2.5-pro` on Vertex, `gemini/gemini-2.5-pro`): the
      // provider's own API wins, then the key written without a prefix.
      let rank = (firstParty.contains(litellmProvider) ? 2 : 0) + (id == key ? 1 : 0)
      if key != id { aliases[key] = id }
      if let current = chosen[id], current.rank >= rank { continue }
      chosen[id] = (row, rank)
    }
    guard !chosen.isEmpty else {
      throw PriceFileError(
        file: file,
        problem: "no per-token prices found; expected LiteLLM's model_prices_and_context_window.json "
          + "or tokentax's {\"version\": 1, \"models\": {…}}")
    }
    return PriceTable(rows: chosen.values.map(\.row), aliases: aliases)
  }

  private static func row(id: String, _ entry: JSONObject, key: String, provider: String, file: String) throws
    -> ModelPrice
  {
    func price(_ field: String) throws -> Decimal? {
      guard let value = entry[field], value != .null else { return nil }
      let node = JSONNode(value, file: file, path: "\(key).\(field)")
      guard let perToken = value.decimalValue, perToken >= 0 else {
        throw node.invalid("a price in USD per token (a number of 0 or more)")
      }
      return perMillion(perToken)
    }
    let input = try price("input_cost_per_token") ?? 0
    let output = try price("output_cost_per_token") ?? 0
    let cacheWrite = try price("cache_creation_input_token_cost")
    return ModelPrice(
      model: id, provider: providerNames[provider] ?? provider, input: input, output: output,
      cacheRead: try price("cache_read_input_token_cost"), cacheWrite: cacheWrite,
      cacheWrite1h: try price("cache_creation_input_token_cost_above_1hr"),
      batchDiscount: try discount(try price("input_cost_per_token_batches"), input)
        ?? discount(try price("output_cost_per_token_batches"), output),
      longContext: try longContext(entry, price: price),
      contextWindow: entry["max_input_tokens"]?.intValue.flatMap { $0 > 0 ? $0 : nil },
      minimumCacheablePrefix: entry["prompt_cache_min_tokens"]?.intValue.flatMap { $0 >= 0 ? $0 : nil },
      tokenizer: ModelCatalog.identify(id).tokenizer,
      source: file, date: "")
  }

  /// `1 - batch/list`: 0.5 when the batch price is half the list price; nil when the entry has
  /// no batch price or one above the list price (a data error, not a discount). Six places: a
  /// ratio of two prices does not terminate, and a price file should not carry 38 digits.
  private static func discount(_ batch: Decimal?, _ list: Decimal) -> Decimal? {
    guard let batch, list > 0, batch <= list else { return nil }
    return Money.rounded(1 - batch / list, scale: 6)
  }

  /// The lowest `input_cost_per_token_above_{N}k_tokens` tier (LiteLLM reads "200k" as 200,000).
  private static func longContext(_ entry: JSONObject, price: (String) throws -> Decimal?) throws
    -> LongContextTier?
  {
    let prefix = "input_cost_per_token_above_"
    let thresholds = entry.keys.compactMap { key -> Int? in
      guard key.hasPrefix(prefix), key.hasSuffix("k_tokens") else { return nil }
      return Int(key.dropFirst(prefix.count).dropLast("k_tokens".count))
    }
    guard let thousands = thresholds.min(), let input = try price("\(prefix)\(thousands)k_tokens") else { return nil }
    let suffix = "_above_\(thousands)k_tokens"
    return LongContextTier(
      threshold: thousands * 1000, input: input,
      output: try price("output_cost_per_token\(suffix)") ?? price("output_cost_per_token") ?? 0,
      cacheRead: try price("cache_read_input_token_cost\(suffix)"),
      cacheWrite: try price("cache_creation_input_token_cost\(suffix)"),
      cacheWrite1h: try price("cache_creation_input_token_cost_above_1hr\(suffix)"))
  }

  /// USD per token → USD per million, exactly. LiteLLM's numbers are Python floats: a literal
  /// with more than 15 significant digits (`1.6000000000000001e-06`) is binary noise, so it is
  /// rounded to the 15 digits a double holds; every shorter literal is kept as written.
  static func perMillion(_ perToken: Decimal) -> Decimal {
    let digits = perToken.significand.magnitude.description.count
    guard perToken != 0, digits > 15 else { return perToken * 1_000_000 }
    let magnitude = perToken.exponent + digits - 1
    return Money.rounded(perToken, scale: 14 - magnitude) * 1_000_000
  }
}
