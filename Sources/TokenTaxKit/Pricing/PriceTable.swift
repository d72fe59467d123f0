import Foundation
import JSON

/// The effective price table: built-in rows, then imported files, then config overrides.
///
/// Rows are keyed by canonical id; aliases and the spellings `ModelID` understands (dated ids,
/// `provider/model`, Bedrock and Vertex ids) resolve to them. Later sources win (`merging`).
public struct PriceTable: Sendable {
  public private(set) var rows: [String: ModelPrice]
  /// Alias → canonical id, as declared by the sources (`gpt-5-2025-08-07` → `gpt-5`).
  public private(set) var aliases: [String: String]
  /// Lowercased id or alias → canonical id; ids win over aliases.
  private var index: [String: String] = [:]

  public init(rows: [ModelPrice], aliases: [String: String] = [:]) {
    self.rows = Dictionary(rows.map { ($0.model, $0) }, uniquingKeysWith: { _, last in last })
    self.aliases = aliases
    reindex()
  }

  private mutating func reindex() {
    index = [:]
    for (alias, id) in aliases where rows[id] != nil { index[alias.lowercased()] = id }
    for id in rows.keys { index[id.lowercased()] = id }
  }

  /// The table that ships inside the binary (`BuiltInPrices`), parsed once.
  public static func builtIn() -> PriceTable { builtInTable }

  private static let builtInTable: PriceTable = {
    // The data is checked by a test; an empty table here would only surface as unknown models.
    (try? PriceTable(rows: []).adding(fileContents: Array(BuiltInPrices.json.utf8), named: "built-in prices"))
      ?? PriceTable(rows: [])
  }()

  /// The canonical id `model` resolves to, or nil. An id prefixed by a host resolves only to a
  /// row of that host (imported under its full id) or of a maker it resells at list price.
  public func resolve(_ model: String) -> String? {
    if rows[model] != nil { return model }
    let identity = ModelCatalog.identify(model)
    for candidate in identity.priceKeys {
      guard let id = index[candidate.lowercased()] else { continue }
      if let host = identity.host, !candidate.lowercased().hasPrefix(host + "/"), let row = rows[id],
        !ModelCatalog.mayPrice(identity, withRowOf: row.provider)
      {
        return nil
      }
      return id
    }
    return nil
  }

  /// Resolves an id or alias (`gpt-5-2025-08-07`, `anthropic/claude-…`, Bedrock/Vertex ids).
  /// Throws `PricingError.unknownModel` naming the closest known ids.
  public func lookup(_ model: String) throws -> ModelPrice {
    if let id = resolve(model), let row = rows[id] { return row }
    let identity = ModelCatalog.identify(model)
    if let host = identity.host {
      let own = rows.keys.filter { $0.lowercased().hasPrefix(host + "/") }.sorted()
      let elsewhere = identity.priceKeys.lazy.compactMap { self.index[$0.lowercased()] }.first
      throw PricingError.unpricedAtHost(
        model, host: host, closest: Suggestion.closest(to: model.lowercased(), in: own), otherHost: elsewhere)
    }
    let closest = Suggestion.closest(to: ModelID.base(model), in: rows.keys.sorted())
    throw PricingError.unknownModel(model, closest: closest)
  }

  /// The cost of `usage` at `price`, in USD. Long-context tiers price the whole request when
  /// its input passes the threshold; batch takes the discount off every bucket (only for
  /// models with a batch API); `cacheWriteTTL` picks the 5-minute or 1-hour write price.
  public func cost(
    of usage: TokenUsage, at price: ModelPrice, batch: Bool = false, cacheWriteTTL: CacheTTL = .fiveMinutes
  ) -> Decimal {
    let rates = price.rates(forInputTokens: usage.totalInput)
    let write = cacheWriteTTL == .oneHour ? rates.cacheWrite1h : rates.cacheWrite
    var total = Decimal(usage.uncachedInput) * rates.input + Decimal(usage.output) * rates.output
    total += Decimal(usage.cacheRead) * rates.cacheRead + Decimal(usage.cacheWrite) * write
    if batch, let discount = price.batchDiscount { total *= 1 - discount }
    return total / 1_000_000
  }

  /// This table with `other` laid over it: its rows replace rows of the same id, its aliases
  /// are added (and win on conflict).
  public func merging(_ other: PriceTable) -> PriceTable {
    var merged = self
    merged.rows.merge(other.rows) { _, new in new }
    merged.aliases.merge(other.aliases) { _, new in new }
    merged.reindex()
    return merged
  }

  /// Adds or replaces one row and its aliases.
  mutating func insert(_ row: ModelPrice, aliases newAliases: [String] = []) {
    rows[row.model] = row
    index[row.model.lowercased()] = row.model
    for alias in newAliases where alias != row.model {
      aliases[alias] = row.model
      let key = alias.lowercased()
      // An id keeps its own name even when another row lists it as an alias.
      if let current = index[key], current.lowercased() == key { continue }
      index[key] = row.model
    }
  }

  /// The canonical id a source's key names exactly (an id or a declared alias, any case).
  func exactID(_ key: String) -> String? { index[key.lowercased()] }

  /// The newest row date (`YYYY-MM-DD`), for "prices as of" in reports; nil when no row is dated.
  public var asOf: String? { Self.newest(rows.values) }

  /// The newest date among the rows `models` resolve to (the prices a report actually used).
  public func asOf(models: [String]) -> String? {
    Self.newest(models.compactMap { resolve($0).flatMap { rows[$0] } })
  }

  private static func newest(_ rows: some Sequence<ModelPrice>) -> String? {
    rows.map(\.date).filter { !$0.isEmpty }.max()
  }
}
