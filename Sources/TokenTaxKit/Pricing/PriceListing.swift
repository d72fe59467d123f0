import Foundation
import JSON

/// What `tokentax prices` shows: rows of a table, sorted by provider then model, as an aligned
/// text table or as JSON in tokentax's own price format (so the output can be edited and fed
/// back with `--prices`).
struct PriceListing {
  let table: PriceTable
  let rows: [ModelPrice]
  /// The names asked for that are not canonical ids, with the id each resolved to.
  let resolved: [(given: String, id: String)]

  /// All rows, or the rows `models` resolve to; throws `PricingError.unknownModel` for the
  /// first name that resolves to nothing.
  init(table: PriceTable, models: [String]) throws {
    self.table = table
    var ids: [String] = []
    var resolved: [(given: String, id: String)] = []
    for name in models {
      let id = try table.lookup(name).model
      if !ids.contains(id) { ids.append(id) }
      if name != id { resolved.append((name, id)) }
    }
    let chosen = models.isEmpty ? Array(table.rows.values) : ids.compactMap { table.rows[$0] }
    self.rows = chosen.sorted { ($0.provider, $0.model) < ($1.provider, $1.model) }
    self.resolved = resolved
  }

  // MARK: Text

  func text() -> String {
    let headers = [
      "MODEL", "PROVIDER", "INPUT", "OUTPUT", "CACHE READ", "CACHE WRITE", "BATCH", "LONG CONTEXT", "CONTEXT",
      "TOKENIZER", "SOURCE", "DATE",
    ]
    let rightAligned: Set<Int> = [2, 3, 4, 8]
    let cells = rows.map { row in
      [
        row.model, row.provider, Money.perMillion(row.input), Money.perMillion(row.output),
        row.cacheRead.map(Money.perMillion) ?? "—", cacheWrite(row),
        row.batchDiscount.map(Money.fractionPercent) ?? "—",
        longContext(row), row.contextWindow.map(Money.tokens) ?? "—", row.tokenizer, row.source,
        row.date.isEmpty ? "—" : row.date,
      ]
    }
    let count = rows.count == 1 ? "1 model" : "\(rows.count) models"
    var out =
      "Prices in USD per 1M tokens, as of \(table.asOf(models: rows.map(\.model)) ?? "an unknown date") (\(count))\n\n"
    out += TextTable.render([headers] + cells, rightAligned: rightAligned.contains)
    if !resolved.isEmpty {
      out += "\n"
      for (given, id) in resolved { out += "\(given) is priced as \(id)\n" }
    }
    return out
  }

  private func cacheWrite(_ row: ModelPrice) -> String {
    guard let write = row.cacheWrite else { return "—" }
    guard let hour = row.cacheWrite1h else { return Money.perMillion(write) }
    return "\(Money.perMillion(write)) (1h \(Money.perMillion(hour)))"
  }

  private func longContext(_ row: ModelPrice) -> String {
    guard let tier = row.longContext else { return "—" }
    let threshold = tier.threshold % 1000 == 0 ? "\(tier.threshold / 1000)k" : Money.tokens(tier.threshold)
    return ">\(threshold): \(Money.perMillion(tier.input)) / \(Money.perMillion(tier.output))"
  }

  // MARK: JSON

  /// `{"version": 1, "date": …, "models": {id: {…}}}` with sorted keys; absent prices are left out.
  /// With `fileSource`/`fileDate` they are the file's defaults and rows that share them omit them.
  func json(fileSource: String? = nil, fileDate: String? = nil) -> String {
    let aliases = Dictionary(grouping: table.aliases.keys.sorted(), by: { table.aliases[$0] ?? "" })
    var models: JSONObject = [:]
    for row in rows {
      var entry = object(row, aliases: aliases[row.model] ?? [])
      if row.source == fileSource { entry["source"] = nil }
      if row.date == fileDate { entry["date"] = nil }
      models[row.model] = .object(entry)
    }
    var root: JSONObject = ["version": .int(1), "models": .object(models)]
    if let date = fileDate ?? table.asOf(models: rows.map(\.model)) { root["date"] = .string(date) }
    if let fileSource { root["source"] = .string(fileSource) }
    return JSONWriter.string(.object(root)) + "\n"
  }

  private func object(_ row: ModelPrice, aliases: [String]) -> JSONObject {
    func money(_ value: Decimal?) -> JSONValue? { value.map { .number(Money.jsonUSD($0)) } }
    var object: [String: JSONValue?] = [
      "provider": .string(row.provider), "input": money(row.input), "output": money(row.output),
      "cache_read": money(row.cacheRead), "cache_write": money(row.cacheWrite),
      "cache_write_1h": money(row.cacheWrite1h), "batch_discount": row.batchDiscount.map { .number(Money.plain($0)) },
      "context_window": row.contextWindow.map(JSONValue.int),
      "minimum_cacheable_prefix": row.minimumCacheablePrefix.map(JSONValue.int),
      "tokenizer": .string(row.tokenizer), "token_factor": row.tokenFactor.map { .number(Money.plain($0)) },
      "request_overhead": row.requestOverhead.map(JSONValue.int), "tool_overhead": row.toolOverhead.map(JSONValue.int),
      "forced_tool_overhead": row.forcedToolOverhead.map(JSONValue.int),
      "source": .string(row.source),
      "date": row.date.isEmpty ? nil : .string(row.date),
    ]
    if let tier = row.longContext {
      let fields: [String: JSONValue?] = [
        "threshold": .int(tier.threshold), "input": money(tier.input), "output": money(tier.output),
        "cache_read": money(tier.cacheRead), "cache_write": money(tier.cacheWrite),
        "cache_write_1h": money(tier.cacheWrite1h),
      ]
      object["long_context"] = .some(.object(JSONObject(fields.compactMapValues { $0 })))
    }
    if !aliases.isEmpty { object["aliases"] = .some(.array(aliases.map(JSONValue.string))) }
    return JSONObject(object.compactMapValues { $0 })
  }
}
