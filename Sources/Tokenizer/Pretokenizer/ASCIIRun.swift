/// The ASCII bytes of a letter class, tested eight at a time: a pre-tokenizer piece is mostly a
/// run of ASCII letters, and finding its end a byte at a time costs a branch per byte and a
/// mispredicted one per word; a word of eight bytes tested at once ends in one count of
/// trailing zeros.
///
/// For every ASCII byte, `matches` agrees with the `ScalarClass` test it stands for
/// (`ASCIIRunTests` checks all 128); non-ASCII bytes never match, so the caller decodes them.
enum ASCIIRun {
  /// `a`–`z`: o200k's lowerish letters in ASCII.
  case lower
  /// `A`–`Z`: o200k's upperish letters in ASCII.
  case upper
  /// `A`–`Z`, `a`–`z`: `\p{L}` in ASCII.
  case letter

  private static let highBits: UInt64 = 0x8080_8080_8080_8080
  private static let ones: UInt64 = 0x0101_0101_0101_0101

  /// The high bit of each byte of `word` that is in the class.
  @inline(__always)
  func matches(_ word: UInt64) -> UInt64 {
    let ascii = ~word & Self.highBits
    // Seven-bit bytes plus at most 0x3F stay below 0x100, so no byte carries into the next.
    var low = word & ~Self.highBits
    let first: UInt64
    let last: UInt64
    switch self {
    case .lower:
      (first, last) = (0x61, 0x7A)
    case .upper:
      (first, last) = (0x41, 0x5A)
    case .letter:
      low |= 0x20 * Self.ones  // folds A–Z onto a–z; no other byte lands there
      (first, last) = (0x61, 0x7A)
    }
    let atLeastFirst = low &+ (0x80 - first) &* Self.ones
    let pastLast = low &+ (0x80 - last - 1) &* Self.ones
    return atLeastFirst & ~pastLast & ascii
  }
}

extension UTF8Text {
  /// The end of the run of scalars from `offset` whose class satisfies `test`, for a test that
  /// `ascii` matches on ASCII bytes: eight bytes at a time while they are ASCII and in the
  /// class, a scalar at a time where they are not.
  @inline(__always)
  func runEnd(from offset: Int, ascii: ASCIIRun, while test: (ScalarClass) -> Bool) -> Int {
    var end = offset
    while end < count {
      while end &+ 8 <= count {
        let word = UnsafeRawPointer(base + end).loadUnaligned(as: UInt64.self)
        let misses = ~ascii.matches(word) & 0x8080_8080_8080_8080
        guard misses == 0 else {
          end &+= misses.trailingZeroBitCount >> 3
          break
        }
        end &+= 8
      }
      guard end < count else { break }
      let (kind, length) = scalar(at: end)
      guard test(kind) else { break }
      end &+= length
    }
    return end
  }
}
