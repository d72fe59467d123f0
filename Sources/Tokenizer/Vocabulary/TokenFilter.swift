import Dispatch

/// One bit per `RankTable.hash` of every token (its low bits pick the bit): a lookup whose bit
/// is clear is not a token, and the rank table is not read.
///
/// Only long pieces merged pair by pair use it (`LargePieceMerger`): in a megabyte of random
/// letters most lookups are pairs that are no token, and each would otherwise miss the CPU
/// cache in the 4 MB rank table. 2^21 bits (256 KB) for 200,000 tokens answer about nine in
/// ten of those from the cache (3 MB of random letters, whole process: 330 → 256–286 ms).
///
/// Built on first use, in about a millisecond, so a count that never meets such a piece (and
/// start-up) does not pay for it. `@unchecked Sendable`: `built` is only touched on `queue`.
final class TokenFilter: @unchecked Sendable {
  /// A view of the bits, for the length of one merge.
  struct Bits {
    fileprivate let words: UnsafePointer<UInt64>

    /// False when no token has this hash.
    @inline(__always)
    func mayContain(_ hash: UInt64) -> Bool {
      let bit = TokenFilter.bit(of: hash)
      return words[bit.word] & bit.mask != 0
    }
  }

  static let bitCount = 1 << 21
  private let tables: VocabularyTables
  private let queue = DispatchQueue(label: "tokentax.token-filter")
  private var built: UnsafeMutablePointer<UInt64>?

  init(_ tables: VocabularyTables) { self.tables = tables }

  deinit { built?.deallocate() }

  /// The bits of every token in the tables, built by the first caller.
  var bits: Bits {
    queue.sync {
      if let built { return Bits(words: built) }
      let words = UnsafeMutablePointer<UInt64>.allocate(capacity: Self.bitCount / 64)
      words.initialize(repeating: 0, count: Self.bitCount / 64)
      for rank in 0..<tables.tokenCount {
        let count = Int(tables.lengths[rank])
        guard count > 0 else { continue }
        let bit = Self.bit(of: RankTable.hash(of: tables.bytes + Int(tables.starts[rank]), count: count))
        words[bit.word] |= bit.mask
      }
      built = words
      return Bits(words: words)
    }
  }

  /// The word and the bit in it that stand for `hash`: its low bits, which the rank table,
  /// using the top ones, leaves independent of a token's slot.
  @inline(__always)
  private static func bit(of hash: UInt64) -> (word: Int, mask: UInt64) {
    let bit = Int(truncatingIfNeeded: hash) & (bitCount - 1)
    return (bit >> 6, 1 << UInt64(bit & 63))
  }
}
