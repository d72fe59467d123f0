/// Keeps observability exports from counting a call twice: the same span listed twice, and
/// usage carried both by a parent (agent, workflow, chain) span and by its child generations.
///
/// Leaf spans (model calls) are counted as they arrive; aggregate spans wait until every file
/// is read and are counted only when no descendant carried usage. Only GenAI spans are
/// tracked, as 64-bit hashes, so memory stays small next to the file.
struct SpanLedger {
  private var seen: Set<UInt64> = []
  private var parents: [UInt64: UInt64] = [:]
  /// Parents of spans whose usage is counted (or waiting to be).
  private var usageParents: Set<UInt64> = []
  private var pending: [(id: UInt64, call: TraceCall)] = []

  /// Records a span; false when the same id was seen before (a duplicate to skip).
  mutating func register(id: String?, parent: String?, namespace: String) -> Bool {
    guard let id, !id.isEmpty else { return true }
    let key = Self.key(namespace, id)
    guard seen.insert(key).inserted else { return false }
    if let parent, !parent.isEmpty { parents[key] = Self.key(namespace, parent) }
    return true
  }

  /// A span with usage is being counted now.
  mutating func countLeaf(parent: String?, namespace: String) {
    if let parent, !parent.isEmpty { usageParents.insert(Self.key(namespace, parent)) }
  }

  /// An aggregate span with usage: decided in `resolve`.
  mutating func hold(_ call: TraceCall, id: String?, parent: String?, namespace: String) {
    countLeaf(parent: parent, namespace: namespace)
    pending.append((id.map { Self.key(namespace, $0) } ?? 0, call))
  }

  /// The spans registered, as their hashes.
  var keys: Set<UInt64> { seen }
  /// Whether aggregate spans wait for `resolve`, which needs every file's spans.
  var holdsAggregates: Bool { !pending.isEmpty }

  /// The aggregate spans to count (those with no usage-carrying descendant) and how many were
  /// left out.
  func resolve() -> (kept: [TraceCall], dropped: Int) {
    var covered: Set<UInt64> = []
    for start in usageParents {
      var node: UInt64? = start
      while let current = node, covered.insert(current).inserted { node = parents[current] }
    }
    let kept = pending.filter { $0.id == 0 || !covered.contains($0.id) }.map(\.call)
    return (kept, pending.count - kept.count)
  }

  private static func key(_ namespace: String, _ id: String) -> UInt64 {
    var hash = StableHash(namespace)
    hash.combine(id)
    return hash.value
  }
}
