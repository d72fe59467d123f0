/// Builds `RankTable`'s slots: a stable LSD radix sort of the tokens by home slot, then one
/// front-to-back fill. Sequential memory traffic and little fresh memory (page faults cost
/// more than the arithmetic here), so 200,000 tokens take about a millisecond.
enum RankTableLayout {
  /// The tokens are `home << 32 | rank` words in `entries` (used as scratch, in rank order);
  /// `tokenBytes`, `starts` and `lengths` give each rank's bytes. Returns the slots, which the
  /// caller deallocates, and how many of them make the table.
  static func build(
    entries: UnsafeMutablePointer<UInt64>, count: Int, homeBits: Int,
    tokenBytes: UnsafePointer<UInt8>, starts: UnsafePointer<UInt32>, lengths: UnsafePointer<UInt8>
  ) -> (slots: UnsafeMutablePointer<UInt64>, slotCount: Int) {
    let slotCapacity = (1 << homeBits) + count + 1
    let slots = UnsafeMutablePointer<UInt64>.allocate(capacity: 2 * slotCapacity)
    // Room for the worst-case overflow; only the slots written below are ever touched. Their
    // memory is also the sort's scratch.
    if sortByHome(entries, slots, count: count, homeBits: homeBits) != entries {
      entries.update(from: slots, count: count)
    }
    var last = -1
    for index in 0..<count { last = max(Int(entries[index] >> 32), last + 1) }
    // The home range, any overflow past it, and one empty slot that ends every probe.
    let slotCount = max(last + 1, 1 << homeBits) + 1
    var position = 0
    for index in 0..<count {
      let home = Int(entries[index] >> 32)
      let rank = Int(UInt32(truncatingIfNeeded: entries[index]))
      while position < home {
        slots[2 * position] = 0
        slots[2 * position + 1] = RankTable.emptyMeta
        position += 1
      }
      let slot = RankTable.slot(
        tokenBytes + Int(starts[rank]), count: Int(lengths[rank]), rank: UInt32(rank), home: home)
      slots[2 * position] = slot.key
      slots[2 * position + 1] = slot.meta
      position += 1
    }
    while position < slotCount {
      slots[2 * position] = 0
      slots[2 * position + 1] = RankTable.emptyMeta
      position += 1
    }
    return (slots, slotCount)
  }

  /// Sorts by home (the high word), keeping rank order among equal homes; returns whichever
  /// buffer holds the result.
  private static func sortByHome(
    _ entries: UnsafeMutablePointer<UInt64>, _ scratch: UnsafeMutablePointer<UInt64>, count: Int, homeBits: Int
  ) -> UnsafeMutablePointer<UInt64> {
    let digitBits = 10
    var source = entries
    var target = scratch
    withUnsafeTemporaryAllocation(of: Int.self, capacity: 1 << digitBits) { offsets in
      let mask = UInt64(offsets.count - 1)
      var shift = UInt64(32)
      while shift < UInt64(32 + homeBits) {
        for digit in offsets.indices { offsets[digit] = 0 }
        for index in 0..<count { offsets[Int((source[index] >> shift) & mask)] += 1 }
        var total = 0
        for digit in offsets.indices {
          let size = offsets[digit]
          offsets[digit] = total
          total += size
        }
        for index in 0..<count {
          let digit = Int((source[index] >> shift) & mask)
          target[offsets[digit]] = source[index]
          offsets[digit] += 1
        }
        swap(&source, &target)
        shift += UInt64(digitBits)
      }
    }
    return source
  }
}
