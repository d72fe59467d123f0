import Foundation

/// Which model rows a feature's calls are summed into: batch calls are priced differently.
public struct ModelKey: Sendable, Hashable, Comparable {
  public var model: String
  public var batch: Bool

  public init(model: String, batch: Bool) {
    self.model = model
    self.batch = batch
  }

  public static func < (lhs: ModelKey, rhs: ModelKey) -> Bool {
    (lhs.model, lhs.batch ? 1 : 0) < (rhs.model, rhs.batch ? 1 : 0)
  }
}

/// One summarize row: the calls and tokens of one model within a feature, and their cost.
public struct ModelTotals: Sendable, Equatable {
  /// Calls made on this model. Server-side passes on this model add tokens, not calls.
  public internal(set) var calls = 0
  public internal(set) var usage = TokenUsage()
  /// The cost in USD; nil when the model is not in the price table.
  public internal(set) var costUSD: Decimal?

  /// Tokens still to be priced at the model's plain per-token rates.
  var linearUsage = TokenUsage()
  /// Cost already fixed: calls past a long-context threshold, priced one by one because the
  /// tier applies to the whole request.
  var fixedCost: Decimal = 0
  /// Tokens and cost read from summary inputs. Their tokens are priced again with this run's
  /// table (so base and head share one table); the stored cost only stands in when the table
  /// does not know the model.
  var importedUsage = TokenUsage()
  var importedCost: Decimal? = 0

  public init() {}

  mutating func merge(_ other: ModelTotals) {
    calls += other.calls
    usage += other.usage
    linearUsage += other.linearUsage
    fixedCost += other.fixedCost
    importedUsage += other.importedUsage
    importedCost = importedCost.flatMap { mine in other.importedCost.map { mine + $0 } }
  }

  /// The row's cost with `price` (nil: the model is unknown).
  func cost(_ price: ModelPrice?, _ pricer: TracePricer, batch: Bool) -> Decimal? {
    if let price { return pricer.linearCost(linearUsage, price, batch: batch) + fixedCost }
    return linearUsage == importedUsage ? importedCost : nil
  }
}
