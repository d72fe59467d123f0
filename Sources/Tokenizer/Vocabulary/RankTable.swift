/// Token bytes → rank: open addressing over 16-byte slots, laid out in one sequential pass.
///
/// A slot holds the token's first eight bytes packed into a `UInt64` (the key) and
/// `length << 56 | rank << 32 | home`, where home is the slot the token hashes to. Three
/// quarters of the tokens are at most eight bytes long, so most look-ups compare integers and
/// never touch the token bytes; longer tokens compare the rest against the vocabulary's byte
/// buffer.
///
/// Entries are stored in order of home slot, each at its home or the first free slot after it
/// (linear probing without wrap-around; the table has a tail for the overflow). So the table
/// is written front to back — building it is a sort and a sequential fill, not 200,000 random
/// writes — and a probe stops at the first slot whose home is past its own: a miss costs about
/// as much as a hit. Empty slots are all ones, whose home field is past every real home.
///
/// This is a view: `Vocabulary` owns the memory.
struct RankTable {
  /// Returned by `rank(of:count:)` when the bytes are not a token.
  static let absent = UInt32.max
  /// The second word of an empty slot.
  static let emptyMeta = UInt64.max

  private let slots: UnsafePointer<UInt64>
  private let shift: UInt64
  private let tokenBytes: UnsafePointer<UInt8>
  private let tokenStarts: UnsafePointer<UInt32>

  /// A table with `2^homeBits` home slots; `slots` holds the layout `RankTableLayout` makes.
  init(
    slots: UnsafePointer<UInt64>, homeBits: Int, tokenBytes: UnsafePointer<UInt8>, tokenStarts: UnsafePointer<UInt32>
  ) {
    self.slots = slots
    self.shift = UInt64(64 - homeBits)
    self.tokenBytes = tokenBytes
    self.tokenStarts = tokenStarts
  }

  /// The rank of the `count` (1…255) bytes at `bytes`, or `RankTable.absent`.
  @inline(__always)
  func rank(of bytes: UnsafePointer<UInt8>, count: Int) -> UInt32 {
    let key = Self.packedKey(bytes, count)
    return probe(key, Self.home(Self.hash(key, bytes, count), shift), bytes, count)
  }

  /// `rank(of:count:)`, answered from `filter` when it rules the bytes out: most pairs a long
  /// piece of unusual text asks about are not tokens, and the filter stays in the CPU cache
  /// where the slots, 4 MB for o200k_base, do not.
  @inline(__always)
  func rank(of bytes: UnsafePointer<UInt8>, count: Int, filter: TokenFilter.Bits) -> UInt32 {
    let key = Self.packedKey(bytes, count)
    let hash = Self.hash(key, bytes, count)
    guard filter.mayContain(hash) else { return Self.absent }
    return probe(key, Self.home(hash, shift), bytes, count)
  }

  @inline(__always)
  private func probe(_ key: UInt64, _ home: Int, _ bytes: UnsafePointer<UInt8>, _ count: Int) -> UInt32 {
    var index = home
    while true {
      let meta = slots[2 &* index &+ 1]
      let slotHome = Int(truncatingIfNeeded: meta & 0xFFFF_FFFF)
      if slotHome > home { return Self.absent }
      if slotHome == home, slots[2 &* index] == key, Int(truncatingIfNeeded: meta >> 56) == count {
        let rank = UInt32(truncatingIfNeeded: meta >> 32) & 0xFF_FFFF
        if count <= 8 || Self.tailsEqual(bytes, tokenBytes + Int(tokenStarts[Int(rank)]), count) { return rank }
      }
      index &+= 1
    }
  }

  /// The number of home bits for `tokenCount` entries: the smallest table at most 80 % full.
  /// Probe runs stay short even so, because a probe stops at the first later home.
  static func homeBits(for tokenCount: Int) -> Int {
    var bits = 4
    while (1 << bits) * 4 < tokenCount * 5 { bits += 1 }
    return bits
  }

  /// The home slot of a token's bytes, which the layout sorts by.
  @inline(__always)
  static func home(of bytes: UnsafePointer<UInt8>, count: Int, homeBits: Int) -> Int {
    home(hash(of: bytes, count: count), UInt64(64 - homeBits))
  }

  /// The 64-bit hash of a token's bytes: the table uses its top bits, `TokenFilter` its low ones.
  @inline(__always)
  static func hash(of bytes: UnsafePointer<UInt8>, count: Int) -> UInt64 {
    hash(packedKey(bytes, count), bytes, count)
  }

  /// A slot's two words for a token at `home`.
  @inline(__always)
  static func slot(_ bytes: UnsafePointer<UInt8>, count: Int, rank: UInt32, home: Int) -> (key: UInt64, meta: UInt64) {
    (packedKey(bytes, count), UInt64(count) << 56 | UInt64(rank & 0xFF_FFFF) << 32 | UInt64(home))
  }

  /// Up to eight bytes packed without reading past `count`: two overlapping loads cover 2…8
  /// bytes, which is injective for a fixed length (the length is compared separately).
  @inline(__always)
  static func packedKey(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> UInt64 {
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
  private static func home(_ hash: UInt64, _ shift: UInt64) -> Int {
    Int(truncatingIfNeeded: hash >> shift)
  }

  @inline(__always)
  private static func hash(_ key: UInt64, _ bytes: UnsafePointer<UInt8>, _ count: Int) -> UInt64 {
    var hash = key &+ UInt64(truncatingIfNeeded: count)
    if count > 8 {
      let raw = UnsafeRawPointer(bytes)
      var offset = 8
      while offset &+ 8 < count {
        hash = (hash ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
        hash ^= hash >> 31
        offset &+= 8
      }
      hash ^= raw.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self) &* 0x94D0_49BB_1331_11EB
    }
    // splitmix64's finaliser.
    hash = (hash ^ (hash >> 30)) &* 0xBF58_476D_1CE4_E5B9
    return (hash ^ (hash >> 27)) &* 0x94D0_49BB_1331_11EB
  }

  /// Compares bytes 8..<count (the first eight are in the key), eight at a time.
  @inline(__always)
  private static func tailsEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
    let rawA = UnsafeRawPointer(a)
    let rawB = UnsafeRawPointer(b)
    var offset = 8
    while offset &+ 8 < count {
      if rawA.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        != rawB.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
      {
        return false
      }
      offset &+= 8
    }
    return rawA.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)
      == rawB.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)
  }
}
