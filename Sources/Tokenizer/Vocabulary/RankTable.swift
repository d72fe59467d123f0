/// Token bytes → rank: an open-addressing hash table with linear probing over 16-byte slots.
///
/// A slot holds the token's first eight bytes packed into a `UInt64` and `length << 32 | rank`
/// (0 marks an empty slot). Three quarters of the tokens are at most eight bytes long, so most
/// look-ups compare two integers and never touch the token bytes; longer tokens compare the
/// rest against the vocabulary's byte buffer. This is a view: `Vocabulary` owns the memory.
struct RankTable {
  /// Returned by `rank(of:count:)` when the bytes are not a token.
  static let absent = UInt32.max

  private let slots: UnsafeMutablePointer<UInt64>
  private let mask: Int
  private let shift: UInt64
  private let tokenBytes: UnsafePointer<UInt8>
  private let tokenStarts: UnsafePointer<UInt32>

  /// The number of slots for `tokenCount` entries: a power of two, at most 50 % full.
  static func capacity(for tokenCount: Int) -> Int {
    var capacity = 16
    while capacity < tokenCount * 2 { capacity *= 2 }
    return capacity
  }

  /// `slots` must hold `2 * capacity` zeroed words; `tokenBytes`/`tokenStarts` stay valid while the table is used.
  init(slots: UnsafeMutablePointer<UInt64>, capacity: Int, tokenBytes: UnsafePointer<UInt8>, tokenStarts: UnsafePointer<UInt32>) {
    self.slots = slots
    self.mask = capacity - 1
    self.shift = UInt64(64 - capacity.trailingZeroBitCount)
    self.tokenBytes = tokenBytes
    self.tokenStarts = tokenStarts
  }

  /// The rank of the `count` bytes at `bytes`, or `RankTable.absent`.
  @inline(__always)
  func rank(of bytes: UnsafePointer<UInt8>, count: Int) -> UInt32 {
    let key = Self.packedKey(bytes, count)
    var index = Self.slotIndex(key, bytes, count, shift)
    while true {
      let meta = slots[2 &* index &+ 1]
      if meta == 0 { return Self.absent }
      if slots[2 &* index] == key, Int(truncatingIfNeeded: meta >> 32) == count {
        let rank = UInt32(truncatingIfNeeded: meta)
        if count <= 8 || Self.tailsEqual(bytes, tokenBytes + Int(tokenStarts[Int(rank)]), count) { return rank }
      }
      index = (index &+ 1) & mask
    }
  }

  /// Adds or replaces an entry; the token's bytes must already be in the byte buffer at `tokenStarts[rank]`.
  func insert(_ bytes: UnsafePointer<UInt8>, count: Int, rank: UInt32) {
    let key = Self.packedKey(bytes, count)
    var index = Self.slotIndex(key, bytes, count, shift)
    while true {
      let meta = slots[2 &* index &+ 1]
      let same =
        meta != 0 && slots[2 &* index] == key && Int(truncatingIfNeeded: meta >> 32) == count
        && (count <= 8 || Self.tailsEqual(bytes, tokenBytes + Int(tokenStarts[Int(UInt32(truncatingIfNeeded: meta))]), count))
      if meta == 0 || same {
        // A repeated token keeps the later rank, as tiktoken's `HashMap::insert` does.
        slots[2 &* index] = key
        slots[2 &* index &+ 1] = UInt64(count) << 32 | UInt64(rank)
        return
      }
      index = (index &+ 1) & mask
    }
  }

  /// Up to eight bytes packed without reading past `count`: two overlapping loads cover 2…8 bytes,
  /// which is injective for a fixed length (the length is compared separately).
  @inline(__always)
  private static func packedKey(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> UInt64 {
    let raw = UnsafeRawPointer(bytes)
    if count >= 8 { return raw.loadUnaligned(as: UInt64.self) }
    if count >= 4 {
      return UInt64(raw.loadUnaligned(as: UInt32.self))
        | UInt64(raw.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self)) << 32
    }
    if count >= 2 {
      return UInt64(raw.loadUnaligned(as: UInt16.self))
        | UInt64(raw.loadUnaligned(fromByteOffset: count &- 2, as: UInt16.self)) << 16
    }
    return count == 1 ? UInt64(bytes[0]) : 0
  }

  @inline(__always)
  private static func slotIndex(_ key: UInt64, _ bytes: UnsafePointer<UInt8>, _ count: Int, _ shift: UInt64) -> Int {
    var hash = key &+ UInt64(truncatingIfNeeded: count)
    if count > 8 {
      let raw = UnsafeRawPointer(bytes)
      var offset = 8
      while offset &+ 8 < count {
        hash = (hash ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
        hash ^= hash >> 31
        offset &+= 8
      }
      hash ^= raw.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)
    }
    // splitmix64's finaliser; the table uses the top bits.
    hash = (hash ^ (hash >> 30)) &* 0xBF58_476D_1CE4_E5B9
    hash = (hash ^ (hash >> 27)) &* 0x94D0_49BB_1331_11EB
    return Int(truncatingIfNeeded: hash >> shift)
  }

  /// Compares bytes 8..<count (the first eight are in the key), eight at a time.
  @inline(__always)
  private static func tailsEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
    let rawA = UnsafeRawPointer(a)
    let rawB = UnsafeRawPointer(b)
    var offset = 8
    while offset &+ 8 < count {
      if rawA.loadUnaligned(fromByteOffset: offset, as: UInt64.self) != rawB.loadUnaligned(fromByteOffset: offset, as: UInt64.self) {
        return false
      }
      offset &+= 8
    }
    return rawA.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)
      == rawB.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)
  }
}
