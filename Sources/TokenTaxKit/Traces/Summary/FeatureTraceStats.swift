import Foundation

/// Everything tokentax keeps about one feature's calls: per-model totals for the summary
/// table, and mergeable statistics for the comparison (SPEC §7 "Beyond one machine"):
/// counts, sums and sums of squares, a quantile sketch per quantity, and a fixed-size sample
/// for resampling. Memory does not grow with the number of calls.
public struct FeatureTraceStats: Sendable, Equatable {
  public internal(set) var calls = 0
  public internal(set) var models: [ModelKey: ModelTotals] = [:]
  /// Indexed like `TraceQuantity.allCases`.
  var moments = [Moments](repeating: Moments(), count: TraceQuantity.allCases.count)
  var sketches = [QuantileSketch](repeating: QuantileSketch(), count: TraceQuantity.allCases.count)
  public internal(set) var sample: CallReservoir

  public init(sampleCapacity: Int = CallReservoir.defaultCapacity) {
    sample = CallReservoir(capacity: sampleCapacity)
  }

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
    for row in models.values {
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

  mutating func add(_ call: TraceCall, pricer: inout TracePricer) {
    calls += 1
    let total = call.totalUsage
    for (index, quantity) in TraceQuantity.allCases.enumerated() {
      let value = quantity.value(of: total)
      moments[index].add(value)
      sketches[index].add(Double(value))
    }
    var sampled = call
    sampled.timestamp = nil
    sample.add(sampled)
    addTokens(call.usage, model: call.model, batch: call.batch, countsCall: true, pricer: &pricer)
    for pass in call.passes {
      addTokens(pass.usage, model: pass.model, batch: call.batch, countsCall: false, pricer: &pricer)
    }
  }

  private mutating func addTokens(_ usage: TokenUsage, model: String, batch: Bool, countsCall: Bool, pricer: inout TracePricer) {
    let key = ModelKey(model: model, batch: batch)
    var row = models[key] ?? ModelTotals()
    if countsCall { row.calls += 1 }
    row.usage += usage
    if let price = pricer.price(model), TracePricer.needsOwnPricing(usage, price) {
      row.fixedCost += pricer.table.cost(of: usage, at: price, batch: batch)
    } else {
      row.linearUsage += usage
    }
    models[key] = row
  }

  mutating func merge(_ other: FeatureTraceStats) {
    calls += other.calls
    for (key, row) in other.models { models[key, default: ModelTotals()].merge(row) }
    for index in moments.indices {
      moments[index].merge(other.moments[index])
      sketches[index].merge(other.sketches[index])
    }
    sample.merge(other.sample)
  }

  /// Fixes every row's cost with the table (unknown models stay nil).
  mutating func price(with pricer: inout TracePricer) {
    for key in models.keys {
      guard var row = models[key] else { continue }
      if let price = pricer.price(key.model) {
        row.costUSD = pricer.linearCost(row.linearUsage, price, batch: key.batch) + row.fixedCost
      } else {
        row.costUSD = row.linearUsage == TokenUsage() ? row.fixedCost : nil
      }
      models[key] = row
    }
  }

  static func index(_ quantity: TraceQuantity) -> Int {
    TraceQuantity.allCases.firstIndex(of: quantity) ?? 0
  }
}
