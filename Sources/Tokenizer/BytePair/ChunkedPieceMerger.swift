/// A long low-repetition piece (a megabyte of random letters) merged in chunks small enough for
/// the merge state to stay in the CPU cache, with exactly the tokens of merging it whole.
///
/// `LargePieceMerger` merges the lowest pair anywhere in the piece, so on a megabyte piece every
/// merge touches a distant offset and time grew faster than the piece. Here each chunk is merged
/// on its own. By the lemma the backtracking encoder rests on (rust-gems `bpe`), a token
/// sequence is the piece's BPE exactly when BPE would leave every adjacent pair apart
/// (`MergeTables.isValidPair`); a chunk's own tokens already are, so only the pair across each
/// cut is checked. When BPE would merge across it, the tokens around the cut are merged again
/// as one span, the span doubling until its pairs with the tokens outside it are valid too.
/// Real and random text needs spans of a few tokens. A span past `longestSpan` (a cut whose
/// effect travels far, as in a long run of one letter after a varied start), or repairs that
/// add up to an eighth of the piece, give up on chunks and merge the piece whole, so no input
/// costs much more than merging it whole did.
struct ChunkedPieceMerger {
  let encoder: BytePairEncoder
  let tables: MergeTables
  /// Bytes per chunk: the merger's state for it (about six bytes a byte) fits a core's cache.
  /// Tests cut far smaller, so that many cuts need repair.
  var chunkBytes = Self.defaultChunkBytes
  static let defaultChunkBytes = 1 << 13

  /// The widest span a repair merges again, in bytes.
  static let longestSpan = 4096

  func merge<Sink: TokenSink>(_ piece: UnsafePointer<UInt8>, count: Int, into sink: inout Sink) {
    var budget = count / 8
    var parts = Parts()
    parts.tokens.reserveCapacity(count / 2)
    parts.starts.reserveCapacity(count / 2)
    var chunkStart = 0
    while chunkStart < count {
      let chunkEnd = min(count, chunkStart + chunkBytes)
      let cut = parts.tokens.count
      let chunk = merged(piece, chunkStart, chunkEnd)
      parts.tokens += chunk.tokens
      parts.starts += chunk.starts
      if cut > 0, !repair(cut, &parts, piece, end: chunkEnd, budget: &budget) {
        LargePieceMerger(encoder: encoder).merge(piece, count: count, into: &sink)
        return
      }
      chunkStart = chunkEnd
    }
    for token in parts.tokens { sink.append(token) }
  }

  /// Tokens in order and the byte offset each starts at.
  struct Parts {
    var tokens: [UInt32] = []
    var starts: [UInt32] = []
  }

  /// Makes the pair across `cut` (the first token of the newest chunk) valid; `end` is where the
  /// tokens so far end. False when the span to merge again outgrew `longestSpan` or the bytes
  /// left in `budget`.
  private func repair(_ cut: Int, _ parts: inout Parts, _ piece: UnsafePointer<UInt8>, end: Int, budget: inout Int)
    -> Bool
  {
    if valid(parts.tokens[cut - 1], parts.tokens[cut], piece, Int(parts.starts[cut])) { return true }
    var reach = 1
    while true {
      let low = max(0, cut - reach)
      let high = min(parts.tokens.count, cut + reach)
      let spanStart = Int(parts.starts[low])
      let spanEnd = high < parts.tokens.count ? Int(parts.starts[high]) : end
      budget -= spanEnd - spanStart
      guard spanEnd - spanStart <= Self.longestSpan, budget >= 0 else { return false }
      let span = merged(piece, spanStart, spanEnd)
      let everything = low == 0 && high == parts.tokens.count
      let leftValid = low == 0 || valid(parts.tokens[low - 1], span.tokens[0], piece, spanStart)
      let rightValid =
        high == parts.tokens.count || valid(span.tokens[span.tokens.count - 1], parts.tokens[high], piece, spanEnd)
      if everything || (leftValid && rightValid) {
        parts.tokens.replaceSubrange(low..<high, with: span.tokens)
        parts.starts.replaceSubrange(low..<high, with: span.starts)
        return true
      }
      reach *= 2
    }
  }

  @inline(__always)
  private func valid(_ left: UInt32, _ right: UInt32, _ piece: UnsafePointer<UInt8>, _ boundary: Int) -> Bool {
    tables.isValidPair(
      left, right, at: piece + boundary, ranks: encoder.ranks, longestToken: encoder.longestToken)
  }

  /// The merge order's tokens of `piece[start..<end]` and where each starts.
  private func merged(_ piece: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Parts {
    var sink = Collector()
    if end - start == 1 {
      sink.append(encoder.byteRanks[Int(piece[start])])
    } else {
      LargePieceMerger(encoder: encoder).merge(piece + start, count: end - start, into: &sink)
    }
    var parts = Parts(tokens: sink.tokens, starts: [])
    parts.starts.reserveCapacity(sink.tokens.count)
    var offset = start
    for token in sink.tokens {
      parts.starts.append(UInt32(truncatingIfNeeded: offset))
      offset += Int(tables.lengths[Int(token)])
    }
    return parts
  }

  private struct Collector: TokenSink {
    var tokens: [UInt32] = []
    @inline(__always) mutating func append(_ token: UInt32) { tokens.append(token) }
  }
}
