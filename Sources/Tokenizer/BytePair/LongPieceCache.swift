/// A direct-mapped memo of longer pieces' tokens (17…128 bytes) for one encode call.
///
/// Words in scripts without spaces (Chinese, Japanese, Thai) and long identifiers make pieces
/// too long for `PieceCache`'s inline keys, and each costs an O(n·m) merge with dozens of
/// rank look-ups. Text repeats them like any other word, so a copy of each recent piece's
/// bytes and tokens, in two small arenas that stay in the CPU cache, answers the repeats with
/// a hash and a comparison. When an arena fills, the memo starts again empty.
struct LongPieceCache {
  /// Pieces of `shortestPiece…longestPiece` bytes are memoised.
  static let shortestPiece = PieceCache.longestPiece + 1
  static let longestPiece = BytePairEncoder.smallPieceLimit
  private static let entryCount = 1024
  private static let byteCapacity = 64 * 1024
  private static let tokenCapacity = 16 * 1024

  /// Two words an entry: the piece's hash, then `byteOffset | tokenOffset << 24 | length << 48 | tokens << 56`
  /// (offsets into the arenas; a length of 0 marks an empty entry).
  private let entries: UnsafeMutablePointer<UInt64>
  private let bytes: UnsafeMutablePointer<UInt8>
  private let tokens: UnsafeMutablePointer<UInt32>
  /// The arenas' fill levels, shared by the copies of this view.
  private let fill: UnsafeMutablePointer<Int>

  /// Runs `body` with an empty memo.
  static func with<R>(_ body: (LongPieceCache) -> R) -> R {
    let entries = UnsafeMutablePointer<UInt64>.allocate(capacity: 2 * entryCount)
    entries.initialize(repeating: 0, count: 2 * entryCount)
    let bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: byteCapacity)
    let tokens = UnsafeMutablePointer<UInt32>.allocate(capacity: tokenCapacity)
    let fill = UnsafeMutablePointer<Int>.allocate(capacity: 2)
    fill.initialize(repeating: 0, count: 2)
    defer {
      entries.deallocate()
      bytes.deallocate()
      tokens.deallocate()
      fill.deallocate()
    }
    return body(LongPieceCache(entries: entries, bytes: bytes, tokens: tokens, fill: fill))
  }

  /// A hash of the piece's bytes, eight at a time (the last word overlaps the one before it).
  @inline(__always)
  static func hash(_ piece: UnsafePointer<UInt8>, count: Int) -> UInt64 {
    let raw = UnsafeRawPointer(piece)
    var hash = UInt64(count) &* 0x9E37_79B9_7F4A_7C15
    var offset = 0
    while offset + 8 < count {
      hash = (hash ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
      hash ^= hash >> 31
      offset += 8
    }
    hash = (hash ^ raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)) &* 0x94D0_49BB_1331_11EB
    return hash ^ (hash >> 29)
  }

  /// Whether two runs of `count` (9 or more) bytes are equal, compared eight at a time.
  @inline(__always)
  static func equal(_ left: UnsafePointer<UInt8>, _ right: UnsafePointer<UInt8>, count: Int) -> Bool {
    let left = UnsafeRawPointer(left)
    let right = UnsafeRawPointer(right)
    var offset = 0
    while offset + 8 < count {
      if left.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        != right.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
      {
        return false
      }
      offset += 8
    }
    return left.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
      == right.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
  }

  @inline(__always)
  func slot(_ hash: UInt64) -> Int { Int(truncatingIfNeeded: hash >> 54) & (Self.entryCount - 1) }

  /// Appends the memoised tokens of the piece and returns true, or returns false.
  @inline(__always)
  func append<Sink: TokenSink>(
    _ slot: Int, _ hash: UInt64, _ piece: UnsafePointer<UInt8>, count: Int, into sink: inout Sink
  ) -> Bool {
    let entry = entries + 2 * slot
    let packed = entry[1]
    guard entry[0] == hash, Int(truncatingIfNeeded: (packed >> 48) & 0xFF) == count,
      Self.equal(bytes + Int(truncatingIfNeeded: packed & 0xFF_FFFF), piece, count: count)
    else { return false }
    let first = tokens + Int(truncatingIfNeeded: (packed >> 24) & 0xFF_FFFF)
    for index in 0..<Int(truncatingIfNeeded: packed >> 56) { sink.append(first[index]) }
    return true
  }

  /// Memoises the piece and its `count` tokens, replacing whatever had the slot.
  func store(
    _ slot: Int, _ hash: UInt64, _ piece: UnsafePointer<UInt8>, count: Int, tokens pieceTokens: UnsafePointer<UInt32>,
    tokenCount: Int
  ) {
    if fill[0] + count > Self.byteCapacity || fill[1] + tokenCount > Self.tokenCapacity {
      entries.update(repeating: 0, count: 2 * Self.entryCount)
      fill[0] = 0
      fill[1] = 0
    }
    (bytes + fill[0]).update(from: piece, count: count)
    (tokens + fill[1]).update(from: pieceTokens, count: tokenCount)
    let entry = entries + 2 * slot
    entry[0] = hash
    entry[1] = UInt64(fill[0]) | UInt64(fill[1]) << 24 | UInt64(count) << 48 | UInt64(tokenCount) << 56
    fill[0] += count
    fill[1] += tokenCount
  }
}
