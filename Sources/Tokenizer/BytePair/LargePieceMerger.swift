/// The same merge order as `BytePairEncoder`'s scan, in O(n log n) for long pieces (a
/// 100,000-letter word, a megabyte of one emoji): parts form a linked list by byte offset,
/// candidate pairs sit in a min-heap keyed by `rank << 32 | offset` (lowest rank, then
/// leftmost), and entries made stale by a merge are skipped when popped.
///
/// A stale entry is recognised by its rank: a part's pair only ever grows, and a longer byte
/// string is a different token, so the current pair rank differs from any earlier one.
struct LargePieceMerger {
  let encoder: BytePairEncoder

  func merge<Sink: TokenSink>(_ piece: UnsafePointer<UInt8>, count: Int, into sink: inout Sink) {
    // next[i]: offset of the part after the part starting at i (count at the end);
    // previous[i]: offset of the part before it. Offsets of merged-away parts are dead.
    let next = UnsafeMutablePointer<Int32>.allocate(capacity: count)
    let previous = UnsafeMutablePointer<Int32>.allocate(capacity: count)
    let pairRank = UnsafeMutablePointer<UInt32>.allocate(capacity: count)
    let token = UnsafeMutablePointer<UInt32>.allocate(capacity: count)
    defer {
      next.deallocate()
      previous.deallocate()
      pairRank.deallocate()
      token.deallocate()
    }
    var heap = MinHeap(capacity: count)
    for index in 0..<count {
      next[index] = Int32(index + 1)
      previous[index] = Int32(index - 1)
      token[index] = encoder.byteRanks[Int(piece[index])]
      let rank = index + 1 < count ? encoder.rank(piece, index, index + 2) : RankTable.absent
      pairRank[index] = rank
      if rank != RankTable.absent { heap.append(UInt64(rank) << 32 | UInt64(index)) }
    }
    heap.heapify()

    while let entry = heap.popMin() {
      let rank = UInt32(truncatingIfNeeded: entry >> 32)
      let left = Int(UInt32(truncatingIfNeeded: entry))
      guard pairRank[left] == rank else { continue }
      let right = Int(next[left])
      let after = Int(next[right])
      token[left] = rank
      pairRank[right] = RankTable.absent
      next[left] = Int32(after)
      if after < count {
        previous[after] = Int32(left)
        pairRank[left] = encoder.rank(piece, left, Int(next[after]))
        if pairRank[left] != RankTable.absent { heap.push(UInt64(pairRank[left]) << 32 | UInt64(left)) }
      } else {
        pairRank[left] = RankTable.absent
      }
      if left > 0 {
        let before = Int(previous[left])
        pairRank[before] = encoder.rank(piece, before, after)
        if pairRank[before] != RankTable.absent { heap.push(UInt64(pairRank[before]) << 32 | UInt64(before)) }
      }
    }

    var index = 0
    while index < count {
      sink.append(token[index])
      index = Int(next[index])
    }
  }
}

/// A binary min-heap of `UInt64`s.
struct MinHeap {
  private var items: [UInt64] = []

  init(capacity: Int) { items.reserveCapacity(capacity) }

  /// Adds without keeping the heap order; call `heapify()` before popping.
  mutating func append(_ item: UInt64) { items.append(item) }

  mutating func heapify() {
    var index = items.count / 2
    while index > 0 {
      index -= 1
      siftDown(index)
    }
  }

  mutating func push(_ item: UInt64) {
    items.append(item)
    var child = items.count - 1
    while child > 0 {
      let parent = (child - 1) / 2
      guard items[child] < items[parent] else { break }
      items.swapAt(child, parent)
      child = parent
    }
  }

  mutating func popMin() -> UInt64? {
    guard let last = items.popLast() else { return nil }
    guard !items.isEmpty else { return last }
    let minimum = items[0]
    items[0] = last
    siftDown(0)
    return minimum
  }

  private mutating func siftDown(_ start: Int) {
    var parent = start
    while true {
      let left = 2 * parent + 1
      guard left < items.count else { return }
      let right = left + 1
      let child = right < items.count && items[right] < items[left] ? right : left
      guard items[child] < items[parent] else { return }
      items.swapAt(child, parent)
      parent = child
    }
  }
}
