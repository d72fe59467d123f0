import Foundation

/// Everything tokentax keeps about one feature's calls: per-model totals for the summary
/// table, and mergeable statistics for the comparison (docs/traces.md):
/// counts, sums and sums of squares, a quantile sketch per quantity, and a fixed-size sample
/// for resampling. Memory does not grow with the number of calls.
public struct FeatureTraceStats: Sendable, Equatable {
  public internal(set) var calls = 0
  /// Rows in the order first seen, with their price looked up once (nil when unknown): the hot
  /// path finds a call's row by comparing with the last one instead of hashing.
  private var rowKeys: [ModelKey] = []
  private var rows: [ModelTotals] = []
  private var rowPrices: [ModelPrice?] = []
  private var lastRow = 0
  /// Indexed like `TraceQuantity.ordered`.
  var moments = [Moments](repeating: Moments(), count: TraceQuantity.ordered.count)
  var sketches = [QuantileSketch](repeating: QuantileSketch(), count: TraceQuantity.ordered.count)
  public internal(set) var sample: CallReservoir

  public init(sampleCapacity: Int = CallReservoir.defaultCapacity) {
    sample = CallReservoir(capacity: sampleCapacity)
  }

  /// The per-model rows (one per model and batch mode).
  public var models: [ModelKey: ModelTotals] { Dictionary(zip(rowKeys, rows)) { first, _ in first } }

  public func moments(_ quantity: TraceQuantity) -> Moments { moments[Self.index(quantity)] }
  public func sketch(_ quantity: TraceQuantity) -> QuantileSketch { sketches[Self.index(quantity)] }

  /// The mean per call, or nil without calls.
  public func mean(_ quantity: TraceQuantity) -> Double? {
    calls > 0 ? Double(moments(quantity).sum) / Double(calls) : nil
  }

  /// The share of input tokens read from the cache (0…1), or nil without input.
  public var cacheHitRate: Double? {
    let input = moments(.inputTokens).sum
    return input > 0 ? Double(moments(.cacheReadTokens).sum) / Double(input) : nil
  }

  /// The total cost in USD; nil when any model's price is unknown.
  public var costUSD: Decimal? {
    var total: Decimal = 0
    for row in rows {
      guard let cost = row.costUSD else { return nil }
      total += cost
    }
    return total
  }

  /// The mean cost per call; nil when unknown or without calls.
  public var costPerCallUSD: Decimal? {
    guard calls > 0, let cost = costUSD else { return nil }
    return cost / Decimal(calls)
  }

  /// Equal when the same rows and statistics, whatever order the rows were first seen in.
  public static func == (lhs: FeatureTraceStats, rhs: FeatureTraceStats) -> Bool {
    lhs.calls == rhs.calls && lhs.models == rhs.models && lhs.moments == rhs.moments && lhs.sketches == rhs.sketches
      && lhs.sample == rhs.sample
  }

  mutating func add(_ call: TraceCall, pricer: inout TracePricer) {
    calls += 1
    let total = call.totalUsage
    for (index, quantity) in TraceQuantity.ordered.enumerated() {
      let value = quantity.value(of: total)
      moments[index].add(value)
      sketches[index].add(Double(value))
    }
    sample.add(call)
    addTokens(call.usage, model: call.model, batch: call.batch, countsCall: true, pricer: &pricer)
    for pass in call.passes {
      addTokens(pass.usage, model: pass.model, batch: call.batch, countsCall: false, pricer: &pricer)
    }
  }

  private mutating func addTokens(
    _ usage: TokenUsage, model: String, batch: Bool, countsCall: Bool, pricer: inout TracePricer
  ) {
    let row = self.row(ModelKey(model: model, batch: batch), pricer: &pricer)
    if countsCall { rows[row].calls += 1 }
    rows[row].usage += usage
    if let price = rowPrices[row], TracePricer.needsOwnPricing(usage, price) {
      rows[row].fixedCost += pricer.table.cost(of: usage, at: price, batch: batch)
    } else {
      rows[row].linearUsage += usage
    }
  }

  /// The index of `key`'s row, created (and priced) when new.
  private mutating func row(_ key: ModelKey, pricer: inout TracePricer) -> Int {
    if lastRow < rowKeys.count, rowKeys[lastRow] == key { return lastRow }
    if let found = rowKeys.firstIndex(of: key) {
      lastRow = found
      return found
    }
    rowKeys.append(key)
    rows.append(ModelTotals())
    rowPrices.append(pricer.price(key.model))
    lastRow = rows.count - 1
    return lastRow
  }

  /// Adds a row's totals (from another summary or a summary file).
  mutating func merge(_ totals: ModelTotals, into key: ModelKey, pricer: inout TracePricer) {
    rows[row(key, pricer: &pricer)].merge(totals)
  }

  mutating func merge(_ other: FeatureTraceStats, pricer: inout TracePricer) {
    calls += other.calls
    for (key, row) in zip(other.rowKeys, other.rows) { merge(row, into: key, pricer: &pricer) }
    for index in moments.indices {
      moments[index].merge(other.moments[index])
      sketches[index].merge(other.sketches[index])
    }
    sample.merge(other.sample)
  }

  /// Fixes every row's cost (unknown models stay nil).
  mutating func price(with pricer: TracePricer) {
    for index in rows.indices {
      rows[index].costUSD = rows[index].cost(rowPrices[index], pricer, batch: rowKeys[index].batch)
    }
  }

  static func index(_ quantity: TraceQuantity) -> Int {
    TraceQuantity.ordered.firstIndex(of: quantity) ?? 0
  }
}
