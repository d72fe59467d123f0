import Foundation

// PLACEHOLDER BODY — the pricing work fills the built-in table, aliases and imports and keeps
// this interface.

/// The effective price table: built-in rows, then imported files, then config overrides.
public struct PriceTable: Sendable {
  public private(set) var rows: [String: ModelPrice]

  public init(rows: [ModelPrice]) {
    self.rows = Dictionary(rows.map { ($0.model, $0) }, uniquingKeysWith: { _, last in last })
  }

  /// The newest row date, for the report footer.
  public var asOf: String { rows.values.map(\.date).max() ?? "unknown" }

  /// The table that ships inside the binary.
  public static func builtIn() -> PriceTable { PriceTable(rows: []) }

  /// Resolves an id or alias (`gpt-5-2025-08-07`, `anthropic/claude-…`, Bedrock/Vertex ids).
  /// Throws `PricingError.unknownModel` naming the closest known ids.
  public func lookup(_ model: String) throws -> ModelPrice {
    if let row = rows[model] { return row }
    throw PricingError.unknownModel(model, closest: Suggestion.closest(to: model, in: Array(rows.keys)))
  }

  /// The cost of `usage` at `price`, in USD. Long-context tiers price the whole request when
  /// its input passes the threshold; batch takes the discount off every bucket.
  public func cost(of usage: TokenUsage, at price: ModelPrice, batch: Bool = false) -> Decimal {
    let million = Decimal(1_000_000)
    var total = Decimal(usage.uncachedInput) * price.input + Decimal(usage.output) * price.output
    total += Decimal(usage.cacheRead) * (price.cacheRead ?? price.input)
    total += Decimal(usage.cacheWrite) * (price.cacheWrite ?? price.input)
    if batch, let discount = price.batchDiscount { total *= (1 - discount) }
    return total / million
  }
}

/// Why a price could not be found or read.
public enum PricingError: UserFacingError, Equatable {
  case unknownModel(String, closest: [String])

  public var description: String {
    switch self {
    case .unknownModel(let model, let closest):
      let hint = closest.isEmpty ? "" : " (closest: \(closest.joined(separator: ", ")))"
      return "unknown model '\(model)'\(hint); add it under prices.overrides in tokentax.json or pass --prices FILE"
    }
  }
}
