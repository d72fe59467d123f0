/// A seeded, stratified percentile bootstrap of the delta % between a base and a head side.
///
/// Units are groups of calls (`CallSums`). Cases present on both sides are resampled as pairs
/// (the same draw picks a case's base and head calls), the rest independently per side; the
/// statistic is the ratio of summed units, so on the full data it equals the exact call-level
/// mean. The same seed gives the same interval, bit for bit.
struct Bootstrap {
  /// Cases on both sides, aligned by index.
  var pairedBase: [CallSums] = []
  var pairedHead: [CallSums] = []
  var baseOnly: [CallSums] = []
  var headOnly: [CallSums] = []

  /// The delta % of `kind` from base to head sums; nil when the base value is zero or undefined.
  static func delta(_ kind: TraceMetricKind, base: CallSums, head: CallSums) -> Double? {
    guard let b = base.metric(kind), let h = head.metric(kind), b != 0 else { return nil }
    return (h - b) / b * 100
  }

  /// The sums over all units of each side.
  var totals: (base: CallSums, head: CallSums) {
    (
      (pairedBase + baseOnly).reduce(CallSums(repeating: 0), +),
      (pairedHead + headOnly).reduce(CallSums(repeating: 0), +)
    )
  }

  /// The two-sided `confidence` interval of each metric's delta %, from `resamples` draws.
  /// A metric whose delta is undefined in more than half of the draws gets no interval.
  func intervals(_ kinds: [TraceMetricKind], resamples: Int, confidence: Double, seed: UInt64)
    -> [TraceMetricKind: (low: Double, high: Double)]
  {
    var generator = SplitMix64(seed: seed)
    var deltas = [[Double]](repeating: [], count: kinds.count)
    for index in deltas.indices { deltas[index].reserveCapacity(resamples) }
    for _ in 0..<resamples {
      var base = CallSums(repeating: 0)
      var head = CallSums(repeating: 0)
      for _ in 0..<pairedBase.count {
        let pick = generator.index(below: pairedBase.count)
        base += pairedBase[pick]
        head += pairedHead[pick]
      }
      for _ in 0..<baseOnly.count { base += baseOnly[generator.index(below: baseOnly.count)] }
      for _ in 0..<headOnly.count { head += headOnly[generator.index(below: headOnly.count)] }
      for (index, kind) in kinds.enumerated() {
        if let delta = Self.delta(kind, base: base, head: head) { deltas[index].append(delta) }
      }
    }
    let tail = (1 - confidence) / 2
    var result: [TraceMetricKind: (low: Double, high: Double)] = [:]
    for (index, kind) in kinds.enumerated() where deltas[index].count * 2 > resamples {
      let sorted = deltas[index].sorted()
      if let low = Quantiles.sorted(sorted, tail), let high = Quantiles.sorted(sorted, 1 - tail) {
        result[kind] = (low, high)
      }
    }
    return result
  }
}
