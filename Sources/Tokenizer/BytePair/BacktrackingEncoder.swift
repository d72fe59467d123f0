/// BPE of a long piece in linear time, with the same tokens as the merge order: the design of
/// GitHub's `bpe` crate (rust-gems). Take the longest token that starts here; keep it when BPE
/// would leave it apart from the token before (`MergeTables.isValidPair`) and its end is not a
/// known dead end, else try its next shorter prefix token; with none left, drop the token
/// before and mark where it ended as a dead end. Each offset becomes a dead end at most once,
/// so the work is linear, and the state — a token stack and one bit per byte — stays in cache
/// where a merge heap over a megabyte piece does not.
struct BacktrackingEncoder {
  let encoder: BytePairEncoder
  let tables: MergeTables

  /// Appends the piece's tokens; false (nothing appended) if the tables cannot encode it, which
  /// the tests show never happens for the embedded vocabularies.
  func encode<Sink: TokenSink>(_ piece: UnsafePointer<UInt8>, count: Int, into sink: inout Sink) -> Bool {
    let stack = UnsafeMutablePointer<UInt32>.allocate(capacity: count)
    let words = (count + 64) / 64
    // Bit i: a token may end at offset i (cleared when every way on from there failed).
    let open = UnsafeMutablePointer<UInt64>.allocate(capacity: words)
    open.initialize(repeating: .max, count: words)
    defer {
      stack.deallocate()
      open.deallocate()
    }
    let lengths = tables.lengths
    var depth = 0
    var position = 0
    var next = longestToken(piece, position, count)
    while position < count {
      var token = next
      let last = depth > 0 ? stack[depth - 1] : RankTable.absent
      while true {
        let end = position + Int(lengths[Int(token)])
        if open[end >> 6] & (1 << UInt64(end & 63)) != 0,
          last == RankTable.absent
            || tables.isValidPair(
              last, token, at: piece + position, ranks: encoder.ranks, longestToken: encoder.longestToken)
        {
          stack[depth] = token
          depth += 1
          position = end
          if position < count { next = longestToken(piece, position, count) }
          break
        }
        let shorter = tables.nextPrefix[Int(token)]
        if shorter != RankTable.absent {
          token = shorter
          continue
        }
        guard depth > 0 else { return false }
        open[position >> 6] &= ~(1 << UInt64(position & 63))
        depth -= 1
        position -= Int(lengths[Int(last)])
        next = last
        break
      }
    }
    for index in 0..<depth { sink.append(stack[index]) }
    return true
  }

  /// The longest token that starts at `start`: the filter bounds its length, the rank table
  /// finds it from there down.
  @inline(__always)
  private func longestToken(_ piece: UnsafePointer<UInt8>, _ start: Int, _ count: Int) -> UInt32 {
    let limit = min(encoder.longestToken, count - start)
    var hash = MergeTables.seed
    var length = 0
    while length < limit {
      hash = MergeTables.extend(hash, piece[start + length])
      guard tables.mayBePrefix(hash) else { break }
      length += 1
    }
    while length > 1 {
      let rank = encoder.ranks.rank(of: piece + start, count: length)
      if rank != RankTable.absent { return rank }
      length -= 1
    }
    return encoder.byteRanks[Int(piece[start])]
  }
}
