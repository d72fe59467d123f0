/// The same merge order as `BytePairEncoder`'s scan — lowest rank first, leftmost on ties —
/// for long pieces (a 100,000-letter word, a megabyte of one emoji), with a constant amount of
/// work per merge: `PairMinimum` finds the next pair, and the parts are kept as lengths by
/// byte offset. About six bytes of state per input byte keep a megabyte piece mostly in cache.
struct LargePieceMerger {
  let encoder: BytePairEncoder

  func merge<Sink: TokenSink>(_ piece: UnsafePointer<UInt8>, count: Int, into sink: inout Sink) {
    // lengths[i]: the length of the part starting at offset i, 0 when that offset was merged
    // into the part before it. A part is a token, so it is never longer than `longestToken`
    // (< 256) and the part before any offset starts at most that far back.
    let lengths = UnsafeMutablePointer<UInt8>.allocate(capacity: count)
    lengths.initialize(repeating: 1, count: count)
    let pairs = PairMinimum(count: count)
    let filter = encoder.filter.bits
    defer {
      lengths.deallocate()
      pairs.release()
    }
    for index in 0..<count {
      pairs.set(index, index + 1 < count ? encoder.rank(piece, index, index + 2, filter: filter) : RankTable.absent)
    }
    pairs.buildTree()

    while let left = pairs.minimumOffset() {
      let right = left + Int(lengths[left])
      let after = right + Int(lengths[right])
      lengths[left] = UInt8(after - left)
      lengths[right] = 0
      pairs.set(right, RankTable.absent)
      pairs.set(
        left, after < count ? encoder.rank(piece, left, after + Int(lengths[after]), filter: filter) : RankTable.absent)
      pairs.update(left)
      pairs.update(right)
      if left > 0 {
        var before = left - 1
        while lengths[before] == 0 { before -= 1 }
        pairs.set(before, encoder.rank(piece, before, after, filter: filter))
        pairs.update(before)
      }
    }

    var index = 0
    while index < count {
      let length = Int(lengths[index])
      // Counting needs no ids; a final part is a token (or a single byte), so one look-up.
      if Sink.needsTokens {
        sink.append(length == 1 ? encoder.byteRanks[Int(piece[index])] : encoder.rank(piece, index, index + length))
      } else {
        sink.append(0)
      }
      index += length
    }
  }
}

/// The pair to merge next: the lowest `rank << 32 | offset` over every part's pair rank.
///
/// Offsets are grouped in blocks of 16; a block keeps its minimum, and a binary tree over the
/// blocks keeps theirs. A merge changes pairs at neighbouring offsets, so it rescans one or
/// two blocks and walks their paths up a tree small enough to stay in the CPU cache. A
/// binary heap over all pairs would instead miss the cache at every level once the piece is
/// megabytes long, which made time grow faster than the input.
struct PairMinimum {
  private static let blockShift = 4
  private let ranks: UnsafeMutablePointer<UInt32>
  private let count: Int
  /// Leaves at `leaves + block`; node i's children are 2i and 2i + 1; the root is 1.
  private let tree: UnsafeMutablePointer<UInt64>
  private let leaves: Int

  init(count: Int) {
    self.count = count
    ranks = .allocate(capacity: count)
    var leaves = 1
    while leaves << Self.blockShift < count { leaves *= 2 }
    self.leaves = leaves
    tree = .allocate(capacity: 2 * leaves)
    tree.initialize(repeating: .max, count: 2 * leaves)
  }

  func release() {
    ranks.deallocate()
    tree.deallocate()
  }

  /// Sets the rank of the pair starting at `offset`; call `update` (or `buildTree`) after.
  @inline(__always)
  func set(_ offset: Int, _ rank: UInt32) { ranks[offset] = rank }

  func buildTree() {
    for block in 0..<leaves { tree[leaves + block] = blockMinimum(block) }
    var node = leaves - 1
    while node > 0 {
      tree[node] = min(tree[2 * node], tree[2 * node + 1])
      node -= 1
    }
  }

  /// Recomputes the block of `offset` and its path to the root.
  @inline(__always)
  func update(_ offset: Int) {
    let block = offset >> Self.blockShift
    var node = leaves + block
    var value = blockMinimum(block)
    guard tree[node] != value else { return }
    tree[node] = value
    while node > 1 {
      let sibling = tree[node ^ 1]
      node >>= 1
      value = min(value, sibling)
      guard tree[node] != value else { return }
      tree[node] = value
    }
  }

  /// The offset of the lowest pair, or nil when no pair is a token.
  @inline(__always)
  func minimumOffset() -> Int? {
    let root = tree[1]
    return root >> 32 == UInt64(RankTable.absent) ? nil : Int(UInt32(truncatingIfNeeded: root))
  }

  private func blockMinimum(_ block: Int) -> UInt64 {
    let start = block << Self.blockShift
    let end = min(start + (1 << Self.blockShift), count)
    var best = UInt64.max
    var offset = start
    while offset < end {
      let key = UInt64(ranks[offset]) << 32 | UInt64(offset)
      if key < best { best = key }
      offset += 1
    }
    return best
  }
}
