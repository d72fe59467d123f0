import Foundation

/// `traces summarize` as a table: one row per feature and model, then the total.
enum TraceSummaryTable {
  static func render(_ summary: TraceSummary) -> String {
    var table = TraceTable(
      header: ["FEATURE", "MODEL", "CALLS", "UNCACHED IN", "CACHE READ", "CACHE WRITE", "OUTPUT", "REASONING", "COST"],
      leftColumns: 2)
    var calls = 0
    var usage = TokenUsage()
    var cost: Decimal? = 0
    for id in summary.featureIDs {
      guard let stats = summary.features[id] else { continue }
      for key in stats.models.keys.sorted() {
        guard let row = stats.models[key] else { continue }
        table.rows.append(
          [id, key.batch ? "\(key.model) (batch)" : key.model, Money.tokens(row.calls)] + tokenCells(row.usage) + [
            Money.usd(row.costUSD)
          ])
        calls += row.calls
        usage += row.usage
        cost = cost.flatMap { total in row.costUSD.map { total + $0 } }
      }
    }
    if table.rows.isEmpty { return "no calls found in the trace files\n" }
    table.total = ["TOTAL", "", Money.tokens(calls)] + tokenCells(usage) + [Money.usd(cost)]
    return table.render()
  }

  private static func tokenCells(_ usage: TokenUsage) -> [String] {
    [usage.uncachedInput, usage.cacheRead, usage.cacheWrite, usage.output, usage.reasoning].map(Money.tokens)
  }
}
