/// Byte-level BPE over one piece, with tiktoken's merge order: repeatedly merge the adjacent
/// pair whose concatenated bytes have the lowest rank, the leftmost one on ties, until no
/// adjacent pair is a token.
///
/// A piece that is itself a token is one look-up. Short pieces use tiktoken's O(n·m) scan
/// over a small array (fastest at word size); long ones use `BacktrackingEncoder`, linear in the
/// piece, on periodic text, else `LargePieceMerger` (O(n log n), no tables beyond the ranks),
/// in cache-sized chunks (`ChunkedPieceMerger`) once the piece is long enough to leave the cache.
struct BytePairEncoder {
  let ranks: RankTable
  /// 256 entries: the rank of each single byte.
  let byteRanks: UnsafePointer<UInt32>
  let longestToken: Int
  /// The backtracking encoder's tables; nil for a vocabulary without them.
  let merges: MergeTables?
  /// Rules out most pairs that are no token before the rank table is read (built on first use).
  let filter: TokenFilter

  /// Pieces up to this many bytes merge with the array scan.
  static let smallPieceLimit = 128

  /// Appends the piece's tokens, through `cache` when there is one and the piece is short.
  @inline(__always)
  func encode<Sink: TokenSink>(_ piece: UnsafePointer<UInt8>, count: Int, cache: PieceCache?, into sink: inout Sink) {
    if count == 1 {
      sink.append(byteRanks[Int(piece[0])])
      return
    }
    guard let cache, count <= LongPieceCache.longestPiece else {
      encode(piece, count: count, into: &sink)
      return
    }
    guard count <= PieceCache.longestPiece else {
      encodeLong(piece, count: count, cache: cache, into: &sink)
      return
    }
    let keys = PieceCache.keys(piece, count: count)
    let slot = cache.slot(keys, count: count)
    if cache.append(slot, keys, count: count, into: &sink) { return }
    var tokens = PieceTokens(base: cache.scratch)
    encode(piece, count: count, into: &tokens)
    for index in 0..<tokens.count { sink.append(tokens.base[index]) }
    cache.store(slot, keys, count: count, tokens: tokens.count)
  }

  /// A piece of 17…128 bytes, through the cache's memo of long pieces.
  @inline(__always)
  private func encodeLong<Sink: TokenSink>(
    _ piece: UnsafePointer<UInt8>, count: Int, cache: PieceCache, into sink: inout Sink
  ) {
    let hash = LongPieceCache.hash(piece, count: count)
    let slot = cache.long.slot(hash)
    if cache.long.append(slot, hash, piece, count: count, into: &sink) { return }
    var tokens = PieceTokens(base: cache.scratch)
    encode(piece, count: count, into: &tokens)
    for index in 0..<tokens.count { sink.append(tokens.base[index]) }
    cache.long.store(slot, hash, piece, count: count, tokens: tokens.base, tokenCount: tokens.count)
  }

  /// Appends the tokens of a piece of two or more bytes.
  @inline(__always)
  func encode<Sink: TokenSink>(_ piece: UnsafePointer<UInt8>, count: Int, into sink: inout Sink) {
    if count <= longestToken {
      let rank = ranks.rank(of: piece, count: count)
      if rank != RankTable.absent {
        sink.append(rank)
        return
      }
    }
    if count <= Self.smallPieceLimit {
      mergeSmall(piece, count: count, into: &sink)
    } else {
      encodeLarge(piece, count: count, into: &sink)
    }
  }

  /// A piece longer than `smallPieceLimit`. Both encoders give the merge order's tokens; which
  /// one runs is a cost choice measured on megabyte pieces (docs/design.md, "Long pieces"):
  /// backtracking is 3–5x faster on periodic text (one letter or emoji repeated, `abab…`) and
  /// 1.4–1.7x slower on low-repetition text, where it backtracks often and its pair checks
  /// miss the cache, while the merger's cost does not depend on the content.
  func encodeLarge<Sink: TokenSink>(_ piece: UnsafePointer<UInt8>, count: Int, into sink: inout Sink) {
    if let merges, Self.isPeriodic(piece, count: count),
      BacktrackingEncoder(encoder: self, tables: merges).encode(piece, count: count, into: &sink)
    {
      return
    }
    if let merges, count > 2 * ChunkedPieceMerger.defaultChunkBytes {
      ChunkedPieceMerger(encoder: self, tables: merges).merge(piece, count: count, into: &sink)
      return
    }
    LargePieceMerger(encoder: self).merge(piece, count: count, into: &sink)
  }

  /// Whether the piece's first bytes repeat with a short period (up to 8 bytes, one emoji or
  /// two), at 7 positions in 8 or more.
  static func isPeriodic(_ piece: UnsafePointer<UInt8>, count: Int) -> Bool {
    let sample = min(count, 256)
    for period in 1...8 where period < sample {
      var matches = 0
      for index in period..<sample where piece[index] == piece[index - period] { matches += 1 }
      if matches * 8 >= (sample - period) * 7 { return true }
    }
    return false
  }

  /// The rank of `piece[start..<end]`, or `RankTable.absent`.
  @inline(__always)
  func rank(_ piece: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> UInt32 {
    end - start > longestToken ? RankTable.absent : ranks.rank(of: piece + start, count: end - start)
  }

  /// `rank(_:_:_:)` through the token filter, for a merger that asks mostly about pairs that
  /// are no token.
  @inline(__always)
  func rank(_ piece: UnsafePointer<UInt8>, _ start: Int, _ end: Int, filter: TokenFilter.Bits) -> UInt32 {
    end - start > longestToken
      ? RankTable.absent : ranks.rank(of: piece + start, count: end - start, filter: filter)
  }

  private struct Part {
    var start: Int32
    /// The rank of this part merged with the next one.
    var pairRank: UInt32
    /// This part's own token.
    var token: UInt32
  }

  private func mergeSmall<Sink: TokenSink>(_ piece: UnsafePointer<UInt8>, count: Int, into sink: inout Sink) {
    withUnsafeTemporaryAllocation(of: Part.self, capacity: count + 1) { buffer in
      guard let parts = buffer.baseAddress else { return }
      for index in 0..<count {
        let pair = index + 1 < count ? rank(piece, index, index + 2) : RankTable.absent
        parts[index] = Part(start: Int32(index), pairRank: pair, token: byteRanks[Int(piece[index])])
      }
      // A sentinel part marks the end of the piece.
      parts[count] = Part(start: Int32(count), pairRank: RankTable.absent, token: RankTable.absent)
      var length = count + 1
      while true {
        var best = RankTable.absent
        var bestIndex = 0
        for index in 0..<(length - 1) where parts[index].pairRank < best {
          best = parts[index].pairRank
          bestIndex = index
        }
        if best == RankTable.absent { break }
        parts[bestIndex].token = best
        (parts + bestIndex + 1).update(from: parts + bestIndex + 2, count: length - bestIndex - 2)
        length -= 1
        parts[bestIndex].pairRank =
          bestIndex + 2 < length
          ? rank(piece, Int(parts[bestIndex].start), Int(parts[bestIndex + 2].start)) : RankTable.absent
        if bestIndex > 0 {
          parts[bestIndex - 1].pairRank = rank(piece, Int(parts[bestIndex - 1].start), Int(parts[bestIndex + 1].start))
        }
      }
      for index in 0..<(length - 1) { sink.append(parts[index].token) }
    }
  }
}
