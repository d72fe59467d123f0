/// A bounded set of recently seen ids (a ring), for "already finished" checks in streams.
struct RecentIDs {
  private var ring: [String?]
  private var members: Set<String> = []
  private var next = 0

  init(capacity: Int) { ring = Array(repeating: nil, count: capacity) }

  func contains(_ id: String) -> Bool { members.contains(id) }

  mutating func insert(_ id: String) {
    guard !members.contains(id) else { return }
    if let evicted = ring[next] { members.remove(evicted) }
    ring[next] = id
    members.insert(id)
    next = (next + 1) % ring.count
  }
}
