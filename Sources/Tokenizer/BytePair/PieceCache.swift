/// A direct-mapped memo of short pieces' tokens for one encode call.
///
/// Looking a word up in the vocabulary's multi-megabyte table is a cache miss; text repeats
/// its words, so a small table of recent pieces stays in the CPU cache and answers most of
/// them, including words that take several tokens. Private to one call, so no locking.
struct PieceCache {
  /// Pieces of 2…16 bytes with at most 3 tokens are memoised.
  static let longestPiece = 16
  static let mostTokens = 3

  /// Four words an entry: two key words, `length`, and up to three 21-bit ranks.
  private let entries: UnsafeMutablePointer<UInt64>
  private let mask: Int
  /// Room for the tokens of one piece while it is encoded (at most one per byte).
  let scratch: UnsafeMutablePointer<UInt32>
  /// The memo of pieces too long for this one.
  let long: LongPieceCache

  /// Runs `body` with a cache of about one entry per 32 bytes of text (256…16,384 entries).
  static func with<R>(textLength: Int, _ body: (PieceCache) -> R) -> R {
    var capacity = 256
    while capacity < 16384, capacity * 32 < textLength { capacity *= 2 }
    let entries = UnsafeMutablePointer<UInt64>.allocate(capacity: 4 * capacity)
    entries.initialize(repeating: 0, count: 4 * capacity)
    let scratch = UnsafeMutablePointer<UInt32>.allocate(capacity: LongPieceCache.longestPiece)
    defer {
      entries.deallocate()
      scratch.deallocate()
    }
    return LongPieceCache.with { long in
      body(PieceCache(entries: entries, mask: capacity - 1, scratch: scratch, long: long))
    }
  }

  /// The two key words of a piece of 2…16 bytes (injective for a fixed length).
  @inline(__always)
  static func keys(_ piece: UnsafePointer<UInt8>, count: Int) -> (UInt64, UInt64) {
    if count <= 8 { return (RankTable.packedKey(piece, count), 0) }
    let raw = UnsafeRawPointer(piece)
    return (raw.loadUnaligned(as: UInt64.self), raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self))
  }

  @inline(__always)
  func slot(_ keys: (UInt64, UInt64), count: Int) -> Int {
    var hash = (keys.0 ^ UInt64(count)) &* 0x9E37_79B9_7F4A_7C15
    hash = (hash ^ keys.1 ^ (hash >> 29)) &* 0xBF58_476D_1CE4_E5B9
    return Int(truncatingIfNeeded: hash >> 40) & mask
  }

  /// Appends the memoised tokens of the piece and returns true, or returns false.
  @inline(__always)
  func append<Sink: TokenSink>(_ slot: Int, _ keys: (UInt64, UInt64), count: Int, into sink: inout Sink) -> Bool {
    let entry = entries + 4 * slot
    guard entry[2] & 0xFF == UInt64(count), entry[0] == keys.0, entry[1] == keys.1 else { return false }
    let ranks = entry[3]
    let tokens = Int(truncatingIfNeeded: entry[2] >> 8)
    sink.append(UInt32(truncatingIfNeeded: ranks & 0x1F_FFFF))
    if tokens > 1 { sink.append(UInt32(truncatingIfNeeded: (ranks >> 21) & 0x1F_FFFF)) }
    if tokens > 2 { sink.append(UInt32(truncatingIfNeeded: ranks >> 42)) }
    return true
  }

  /// Memoises `tokens` ranks from `scratch` for the piece, replacing whatever had the slot.
  @inline(__always)
  func store(_ slot: Int, _ keys: (UInt64, UInt64), count: Int, tokens: Int) {
    guard tokens <= Self.mostTokens else { return }
    var ranks: UInt64 = 0
    for index in 0..<tokens {
      guard scratch[index] < 1 << 21 else { return }
      ranks |= UInt64(scratch[index]) << (21 * UInt64(index))
    }
    let entry = entries + 4 * slot
    entry[0] = keys.0
    entry[1] = keys.1
    entry[2] = UInt64(count) | UInt64(tokens) << 8
    entry[3] = ranks
  }
}

/// Collects one piece's tokens into `PieceCache.scratch`.
struct PieceTokens: TokenSink {
  let base: UnsafeMutablePointer<UInt32>
  var count = 0
  @inline(__always) mutating func append(_ token: UInt32) {
    base[count] = token
    count += 1
  }
}
