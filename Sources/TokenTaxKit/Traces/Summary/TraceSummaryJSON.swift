import Foundation
import JSON

/// The JSON form of a `TraceSummary` (`traces summarize --json`), schema version 1:
///
/// `{"schema_version":1,"features":[{"id":…,"models":[{"model":…,"calls":N,
/// "uncached_input_tokens":N,"cache_read_tokens":N,"cache_write_tokens":N,"output_tokens":N,
/// "reasoning_tokens":N,"cost_usd":X}],"stats":{…}}],"skipped_lines":N}`
///
/// `output_tokens` includes reasoning tokens, as billed; `cost_usd` is null when the model's
/// price is unknown; rows of batch calls carry `"batch": true`. Read back, a row's tokens are
/// priced again with the reader's table (its `cost_usd` is used only for models the table
/// does not know; long-context tiers cannot be re-applied to sums). `stats` holds the mergeable
/// statistics: `calls`, per quantity `sum`, `sum_of_squares` and a `sketch` (`zero`, `offset`,
/// `bins`), and a `sample` (`capacity`, `seen`, `calls`). A summary without `stats` is accepted:
/// means then come from the sums, without intervals. Numbers and booleans may be quoted, as
/// warehouse exports write them (`docs/warehouse/`).
public enum TraceSummaryJSON {
  public static let schemaVersion = 1

  public static func encode(_ summary: TraceSummary) -> JSONValue {
    .object([
      "schema_version": .int(schemaVersion),
      "features": .array(summary.featureIDs.compactMap { id in summary.features[id].map { encode(id, $0) } }),
      "skipped_lines": .int(summary.skippedLines),
    ])
  }

  private static func encode(_ id: String, _ stats: FeatureTraceStats) -> JSONValue {
    let rows: [JSONValue] = stats.models.keys.sorted().compactMap { key in
      guard let row = stats.models[key] else { return nil }
      var members = usageMembers(row.usage)
      members["model"] = .string(key.model)
      members["calls"] = .int(row.calls)
      members["cost_usd"] = row.costUSD.map { .number(Money.jsonUSD($0)) } ?? .null
      if key.batch { members["batch"] = .bool(true) }
      return .object(members)
    }
    var quantities: JSONObject = [:]
    for quantity in TraceQuantity.allCases {
      let moments = stats.moments(quantity)
      let sketch = stats.sketch(quantity)
      quantities[quantity.rawValue] = .object([
        "sum": .int(moments.sum),
        "sum_of_squares": number(moments.sumOfSquares),
        "sketch": .object([
          "zero": .int(sketch.zeroCount), "offset": .int(sketch.offset), "bins": .array(sketch.bins.map(JSONValue.int)),
        ]),
      ])
    }
    let sample: JSONValue = .object([
      "capacity": .int(stats.sample.capacity), "seen": .int(stats.sample.seen),
      "calls": .array(stats.sample.calls.map(encodeCall)),
    ])
    return .object([
      "id": .string(id), "models": .array(rows),
      "stats": .object(["calls": .int(stats.calls), "quantities": .object(quantities), "sample": sample]),
    ])
  }

  private static func encodeCall(_ call: TraceCall) -> JSONValue {
    var members = usageMembers(call.usage)
    members["model"] = .string(call.model)
    if let caseID = call.caseID { members["case"] = .string(caseID) }
    if call.batch { members["batch"] = .bool(true) }
    if !call.passes.isEmpty {
      members["passes"] = .array(
        call.passes.map { pass in
          var part = usageMembers(pass.usage)
          part["model"] = .string(pass.model)
          return .object(part)
        })
    }
    return .object(members)
  }

  private static func usageMembers(_ usage: TokenUsage) -> JSONObject {
    [
      "uncached_input_tokens": .int(usage.uncachedInput), "cache_read_tokens": .int(usage.cacheRead),
      "cache_write_tokens": .int(usage.cacheWrite), "output_tokens": .int(usage.output),
      "reasoning_tokens": .int(usage.reasoning),
    ]
  }

  /// Integral doubles as plain integers (exact below 2^53), others as Swift's shortest digits
  /// written out in positional form: JSON readers in spreadsheets and shell tools mis-read
  /// exponent form such as `7.1e-05`.
  private static func number(_ value: Double) -> JSONValue {
    if value.rounded() == value, abs(value) < 9_007_199_254_740_992 { return .number(String(Int64(value))) }
    guard value.isFinite, let exact = Decimal(string: "\(value)", locale: Locale(identifier: "en_US_POSIX")) else {
      return .null
    }
    return .number(Money.plain(exact))
  }

  // MARK: - Decoding

  static func decode(_ value: JSONValue) throws(TraceRecordError) -> TraceSummary {
    guard value["schema_version"]?.intValue == schemaVersion else {
      throw TraceRecordError(
        "summary has schema_version \(value["schema_version"].map { JSONWriter.string($0, pretty: false) } ?? "none"); this tokentax reads version \(schemaVersion)"
      )
    }
    var summary = TraceSummary()
    summary.skippedLines = try TokenField.count(value, "skipped_lines") ?? 0
    for (index, feature) in (value["features"]?.arrayValue ?? []).enumerated() {
      let path = "features[\(index)]"
      guard let id = feature.text("id") else { throw TraceRecordError("summary \(path).id is missing") }
      var stats = summary.features[id] ?? FeatureTraceStats()
      var unpriced = TracePricer(table: PriceTable(rows: []))  // the builder prices rows when it merges them
      stats.merge(try decodeFeature(feature, path: path), pricer: &unpriced)
      summary.features[id] = stats
    }
    return summary
  }

  private static func decodeFeature(_ feature: JSONValue, path: String) throws(TraceRecordError) -> FeatureTraceStats {
    var stats = FeatureTraceStats()
    for (index, row) in (feature["models"]?.arrayValue ?? []).enumerated() {
      let rowPath = "\(path).models[\(index)]"
      guard let model = row.text("model") else { throw TraceRecordError("summary \(rowPath).model is missing") }
      var totals = ModelTotals()
      totals.calls = try TokenField.count(row, "calls", field: "\(rowPath).calls") ?? 0
      totals.usage = try usage(row, path: rowPath)
      totals.linearUsage = totals.usage
      totals.importedUsage = totals.usage
      totals.importedCost = row["cost_usd"]?.decimalValue
      var unpriced = TracePricer(table: PriceTable(rows: []))
      stats.merge(totals, into: ModelKey(model: model, batch: flag(row["batch"])), pricer: &unpriced)
    }
    let modelCalls = stats.models.values.reduce(0) { $0 + $1.calls }
    guard let detail = feature["stats"] else {
      stats.calls = modelCalls
      let total = stats.models.values.reduce(TokenUsage()) { $0 + $1.usage }
      for quantity in TraceQuantity.allCases {
        stats.moments[FeatureTraceStats.index(quantity)] = Moments(sum: quantity.value(of: total))
      }
      return stats
    }
    stats.calls = try TokenField.count(detail, "calls", field: "\(path).stats.calls") ?? modelCalls
    // Numbers from a file anyone may edit: statistics that disagree with the rows they describe
    // would be reported as if measured.
    guard stats.calls == modelCalls else {
      throw TraceRecordError(
        "summary \(path).stats.calls is \(stats.calls) but its models' calls add up to \(modelCalls); "
          + "write the summary again with 'tokentax traces summarize --json'")
    }
    for quantity in TraceQuantity.allCases {
      guard let entry = detail["quantities"]?[quantity.rawValue] else { continue }
      let entryPath = "\(path).stats.quantities.\(quantity.rawValue)"
      let index = FeatureTraceStats.index(quantity)
      stats.moments[index] = Moments(
        sum: try TokenField.count(entry, "sum", field: "\(entryPath).sum") ?? 0,
        sumOfSquares: entry["sum_of_squares"]?.doubleValue ?? 0)
      if let sketch = entry["sketch"] {
        var bins: [Int] = []
        for bin in sketch["bins"]?.arrayValue ?? [] {
          guard let count = bin.intValue, count >= 0 else {
            throw TraceRecordError("summary \(entryPath).sketch.bins holds a bad count")
          }
          bins.append(count)
        }
        guard
          let restored = QuantileSketch(
            zeroCount: sketch["zero"]?.intValue ?? 0, offset: sketch["offset"]?.intValue ?? 0, bins: bins)
        else { throw TraceRecordError("summary \(entryPath).sketch is inconsistent") }
        stats.sketches[index] = restored
      }
    }
    if let sample = detail["sample"] {
      var calls: [TraceCall] = []
      for (index, entry) in (sample["calls"]?.arrayValue ?? []).enumerated() {
        calls.append(try decodeCall(entry, path: "\(path).stats.sample.calls[\(index)]"))
      }
      let capacity = sample["capacity"]?.intValue ?? CallReservoir.defaultCapacity
      let seen = sample["seen"]?.intValue ?? calls.count
      guard (1...1_000_000).contains(capacity), calls.count <= min(capacity, seen), seen <= stats.calls else {
        throw TraceRecordError(
          "summary \(path).stats.sample is inconsistent (capacity \(capacity), seen \(seen), \(calls.count) calls kept, "
            + "\(stats.calls) calls in all); write the summary again with 'tokentax traces summarize --json'")
      }
      stats.sample = CallReservoir(capacity: capacity)
      stats.sample.restore(calls, seen: seen)
    }
    return stats
  }

  private static func decodeCall(_ entry: JSONValue, path: String) throws(TraceRecordError) -> TraceCall {
    var passes: [ModelUsage] = []
    for (index, pass) in (entry["passes"]?.arrayValue ?? []).enumerated() {
      passes.append(
        ModelUsage(
          model: pass.text("model") ?? TraceCall.unknownModel, usage: try usage(pass, path: "\(path).passes[\(index)]"))
      )
    }
    return TraceCall(
      model: entry.text("model") ?? TraceCall.unknownModel, caseID: entry.text("case"),
      batch: flag(entry["batch"]), usage: try usage(entry, path: path), passes: passes)
  }

  /// A boolean, also written as text: warehouse exports (BigQuery's JSON) quote their values.
  private static func flag(_ value: JSONValue?) -> Bool {
    switch value {
    case .bool(let flag)?: return flag
    case .string(let text)?: return text.lowercased() == "true"
    default: return false
    }
  }

  private static func usage(_ object: JSONValue, path: String) throws(TraceRecordError) -> TokenUsage {
    func count(_ key: String) throws(TraceRecordError) -> Int {
      try TokenField.count(object, key, field: "\(path).\(key)") ?? 0
    }
    return TokenUsage(
      uncachedInput: try count("uncached_input_tokens"), cacheRead: try count("cache_read_tokens"),
      cacheWrite: try count("cache_write_tokens"), output: try count("output_tokens"),
      reasoning: try count("reasoning_tokens"))
  }
}
