import Foundation

/// Prices trace calls with a `PriceTable`, remembering each model's lookup (a trace names
/// few models but has many calls). Unknown models are collected, not fatal: their cost is
/// reported as unknown.
struct TracePricer {
  let table: PriceTable
  private var cache: [String: ModelPrice?] = [:]
  private(set) var unknownModels: Set<String> = []

  init(table: PriceTable) { self.table = table }

  mutating func price(_ model: String) -> ModelPrice? {
    if let cached = cache[model] { return cached }
    let price = try? table.lookup(model)
    cache[model] = price
    if price == nil { unknownModels.insert(model) }
    return price
  }

  /// Whether a request is big enough for the model's long-context tier, which reprices the
  /// whole request, so it must be priced on its own rather than summed.
  static func needsOwnPricing(_ usage: TokenUsage, _ price: ModelPrice) -> Bool {
    guard let tier = price.longContext else { return false }
    return usage.totalInput >= tier.threshold
  }

  /// The cost of tokens summed over many requests below any long-context threshold: each
  /// bucket times the table's price of one token of it, so the table's rules (cache prices,
  /// batch discount) apply while a large sum never trips a per-request tier.
  func linearCost(_ usage: TokenUsage, _ price: ModelPrice, batch: Bool) -> Decimal {
    func unit(_ one: TokenUsage) -> Decimal { table.cost(of: one, at: price, batch: batch) }
    return Decimal(usage.uncachedInput) * unit(TokenUsage(uncachedInput: 1))
      + Decimal(usage.cacheRead) * unit(TokenUsage(cacheRead: 1))
      + Decimal(usage.cacheWrite) * unit(TokenUsage(cacheWrite: 1))
      + Decimal(usage.output) * unit(TokenUsage(output: 1))
  }

  /// The cost of one call with its server-side passes; nil when a model is unknown.
  mutating func cost(of call: TraceCall) -> Decimal? {
    var total: Decimal = 0
    for part in [ModelUsage(model: call.model, usage: call.usage)] + call.passes {
      guard let price = price(part.model) else { return nil }
      total += table.cost(of: part.usage, at: price, batch: call.batch)
    }
    return total
  }
}
