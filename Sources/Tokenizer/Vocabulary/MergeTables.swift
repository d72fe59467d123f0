/// What the backtracking encoder needs beside the rank table, generated with the other
/// vocabulary tables: each token's longest proper prefix that is a token, the pair of tokens
/// BPE merges into it (its split), and a filter of every token prefix's hash.
///
/// This is the published design of GitHub's `bpe` crate (rust-gems): a token sequence is BPE's
/// exactly when every adjacent pair is one BPE would leave apart, and a pair can be checked by
/// undoing the two tokens' merges across their boundary (`isValidPair`).
struct MergeTables {
  let nextPrefix: UnsafePointer<UInt32>
  let splitLeft: UnsafePointer<UInt32>
  let splitRight: UnsafePointer<UInt32>
  let lengths: UnsafePointer<UInt8>
  /// One bit per hash of a token prefix: clear means no token starts with those bytes.
  let filter: UnsafePointer<UInt64>
  let filterShift: UInt64

  /// The filter hash of one more byte of a prefix.
  @inline(__always)
  static func extend(_ hash: UInt64, _ byte: UInt8) -> UInt64 { (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
  static let seed: UInt64 = 0xCBF2_9CE4_8422_2325

  @inline(__always)
  func mayBePrefix(_ hash: UInt64) -> Bool {
    let bit = (hash &* 0x9E37_79B9_7F4A_7C15) >> filterShift
    return filter[Int(truncatingIfNeeded: bit >> 6)] & (1 << (bit & 63)) != 0
  }

  /// The number of filter bits for `byteCount` bytes of tokens: about eight bits a prefix.
  static func filterBits(byteCount: Int) -> Int {
    var bits = 6
    while 1 << bits < 8 * byteCount { bits += 1 }
    return bits
  }

  /// True when BPE leaves `left` and `right` apart, the left one ending and the right one
  /// starting at `boundary` in the text: no merge across the boundary comes before the merges
  /// that made the two tokens. Only tokens below `below` are considered (the generator checks
  /// each token against the ones before it).
  @inline(__always)
  func isValidPair(
    _ left: UInt32, _ right: UInt32, at boundary: UnsafePointer<UInt8>, ranks: RankTable, longestToken: Int,
    below: UInt32 = .max
  ) -> Bool {
    var token1 = left
    var token2 = right
    var limit = UInt32.max
    while true {
      let length1 = Int(lengths[Int(token1)])
      let length = length1 + Int(lengths[Int(token2)])
      if length <= longestToken {
        let combined = ranks.rank(of: boundary - length1, count: length)
        if combined < limit, combined < below, splitLeft[Int(combined)] == token1, splitRight[Int(combined)] == token2 {
          return false
        }
      }
      if token1 > token2 {
        limit = token1
        token1 = splitRight[Int(token1)]
        if token1 == limit {
          limit = token2 &+ 1
          token2 = splitLeft[Int(token2)]
          if token2 &+ 1 == limit { return true }
        }
      } else {
        limit = token2 &+ 1
        token2 = splitLeft[Int(token2)]
        if token2 &+ 1 == limit {
          limit = token1
          token1 = splitRight[Int(token1)]
          if token1 == limit { return true }
        }
      }
    }
  }

  /// Fills `nextPrefix`, `splitLeft`, `splitRight` (tokenCount words each) and `filter`
  /// (2^filterBits bits, zeroed) for the tokens in rank order.
  static func generate(
    ranks: RankTable, tokenCount: Int, longestToken: Int, bytes: UnsafePointer<UInt8>, starts: UnsafePointer<UInt32>,
    lengths: UnsafePointer<UInt8>, filterBits: Int,
    nextPrefix: UnsafeMutablePointer<UInt32>, splitLeft: UnsafeMutablePointer<UInt32>,
    splitRight: UnsafeMutablePointer<UInt32>, filter: UnsafeMutablePointer<UInt64>
  ) {
    let shift = UInt64(64 - filterBits)
    for rank in 0..<tokenCount {
      let token = bytes + Int(starts[rank])
      let length = Int(lengths[rank])
      var prefix = RankTable.absent
      var candidate = length - 1
      while candidate > 0, prefix == RankTable.absent {
        prefix = ranks.rank(of: token, count: candidate)
        candidate -= 1
      }
      nextPrefix[rank] = prefix
      var hash = seed
      for offset in 0..<length {
        hash = extend(hash, token[offset])
        let bit = (hash &* 0x9E37_79B9_7F4A_7C15) >> shift
        filter[Int(truncatingIfNeeded: bit >> 6)] |= 1 << (bit & 63)
      }
    }
    let tables = MergeTables(
      nextPrefix: nextPrefix, splitLeft: splitLeft, splitRight: splitRight, lengths: lengths, filter: filter,
      filterShift: shift)
    // In rank order, as BPE learnt them: the split of a token is the first (longest-left) pair
    // of earlier tokens that BPE leaves apart; a token with none is a leaf, its own split.
    for rank in 0..<tokenCount {
      let token = bytes + Int(starts[rank])
      let id = UInt32(rank)
      var left = nextPrefix[rank]
      splitLeft[rank] = id
      splitRight[rank] = id
      while left != RankTable.absent {
        let leftLength = Int(lengths[Int(left)])
        let right = ranks.rank(of: token + leftLength, count: Int(lengths[rank]) - leftLength)
        if left < id, right < id,
          tables.isValidPair(left, right, at: token + leftLength, ranks: ranks, longestToken: longestToken, below: id)
        {
          splitLeft[rank] = left
          splitRight[rank] = right
          break
        }
        left = nextPrefix[Int(left)]
      }
    }
  }
}
