/// A fixed-size, seeded, mergeable sample of calls for resampling (bottom-k sampling).
///
/// Every call gets a priority from a stable hash of its case id (then of its content); the
/// sample keeps the `capacity` calls with the smallest priorities. That is a uniform sample
/// without replacement; merging two samples and keeping the smallest again gives the sample of
/// the union, whatever the order; and because the priority comes from the case id, the base
/// and head samples keep the *same* cases, so pairing survives sampling.
public struct CallReservoir: Sendable, Equatable {
  public static let defaultCapacity = 4096

  public let capacity: Int
  /// Calls offered so far (the population the sample stands for).
  public private(set) var seen = 0
  /// The sampled calls; `heap` orders their slots.
  private var slots: [TraceCall] = []
  /// A max-heap on priority: the root is the first call to give way. Entries point into
  /// `slots`, so sifting moves 24 bytes, not whole calls.
  private var heap: [Entry] = []

  struct Entry: Sendable, Equatable {
    var priority: Priority
    var slot: Int
  }

  struct Priority: Sendable, Equatable, Comparable {
    var primary: UInt64
    var secondary: UInt64
    static func < (lhs: Priority, rhs: Priority) -> Bool {
      (lhs.primary, lhs.secondary) < (rhs.primary, rhs.secondary)
    }
  }

  public init(capacity: Int = CallReservoir.defaultCapacity) {
    self.capacity = max(capacity, 1)
  }

  /// Equal when they hold the same calls, whatever the heap's internal order.
  public static func == (lhs: CallReservoir, rhs: CallReservoir) -> Bool {
    lhs.capacity == rhs.capacity && lhs.seen == rhs.seen && lhs.calls == rhs.calls
  }

  /// The sampled calls, in priority order (deterministic).
  public var calls: [TraceCall] { heap.sorted { $0.priority < $1.priority }.map { slots[$0.slot] } }
  /// Whether the sample holds every call it stands for (false once it dropped one, also when
  /// a smaller sample, say a warehouse query's, was merged into this one).
  public var isComplete: Bool { heap.count == seen }

  public mutating func add(_ call: TraceCall) {
    seen += 1
    // Most calls of a large file lose to the root on the case hash alone: decide that before
    // hashing the rest of the call.
    let primary = call.caseID.map { StableHash($0).value }
    if heap.count == capacity, let primary, let root = heap.first, primary > root.priority.primary { return }
    let secondary = Self.contentHash(of: call)
    var stored = call
    stored.timestamp = nil
    offer(stored, Priority(primary: primary ?? secondary, secondary: secondary))
  }

  /// Adds another sample's calls; `seen` adds up.
  public mutating func merge(_ other: CallReservoir) {
    seen += other.seen
    for entry in other.heap { offer(other.slots[entry.slot], entry.priority) }
  }

  /// Restores a stored sample of a population of `seen` calls.
  mutating func restore(_ calls: [TraceCall], seen: Int) {
    self.seen += seen
    for call in calls { offer(call, Self.priority(of: call)) }
  }

  static func priority(of call: TraceCall) -> Priority {
    let secondary = contentHash(of: call)
    return Priority(primary: call.caseID.map { StableHash($0).value } ?? secondary, secondary: secondary)
  }

  private static func contentHash(of call: TraceCall) -> UInt64 {
    var content = StableHash(call.model)
    content.combine(call.batch ? 1 : 0)
    for part in [call.usage] + call.passes.map(\.usage) {
      for number in [part.uncachedInput, part.cacheRead, part.cacheWrite, part.output, part.reasoning] {
        content.combine(number)
      }
    }
    return content.value
  }

  private mutating func offer(_ call: TraceCall, _ priority: Priority) {
    if heap.count < capacity {
      slots.append(call)
      heap.append(Entry(priority: priority, slot: slots.count - 1))
      siftUp(heap.count - 1)
    } else if let root = heap.first, priority < root.priority {
      slots[root.slot] = call
      heap[0].priority = priority
      siftDown(0)
    }
  }

  private mutating func siftUp(_ start: Int) {
    var child = start
    while child > 0 {
      let parent = (child - 1) / 2
      guard heap[parent].priority < heap[child].priority else { return }
      heap.swapAt(parent, child)
      child = parent
    }
  }

  private mutating func siftDown(_ start: Int) {
    var parent = start
    while true {
      let left = 2 * parent + 1
      let right = left + 1
      var largest = parent
      if left < heap.count, heap[largest].priority < heap[left].priority { largest = left }
      if right < heap.count, heap[largest].priority < heap[right].priority { largest = right }
      if largest == parent { return }
      heap.swapAt(parent, largest)
      parent = largest
    }
  }
}
