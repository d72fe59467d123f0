/// The pieces of regex that cl100k_base's and o200k_base's patterns share.
enum PatternParts {
  /// After a word: `(?i:'s|'t|'re|'ve|'m|'ll|'d)` at `offset`, the same set in both patterns.
  /// Returns the end of the contraction, or `offset` when there is none. Case-insensitive
  /// matching folds like Rust's regex: `s` also matches `ſ` (U+017F).
  @inline(__always)
  static func contractionEnd(in text: UTF8Text, at offset: Int) -> Int {
    guard offset + 1 < text.count, text[offset] == UInt8(ascii: "'") else { return offset }
    let byte = text[offset + 1]
    if byte == 0xC5, offset + 2 < text.count, text[offset + 2] == 0xBF { return offset + 3 }  // ſ
    // `| 0x20` lower-cases ASCII letters; no other byte lands on a letter.
    let first = byte | 0x20
    switch first {
    case UInt8(ascii: "s"), UInt8(ascii: "t"), UInt8(ascii: "m"), UInt8(ascii: "d"):
      return offset + 2
    case UInt8(ascii: "l"), UInt8(ascii: "v"), UInt8(ascii: "r"):
      guard offset + 2 < text.count else { return offset }
      let second = text[offset + 2] | 0x20
      let expected = first == UInt8(ascii: "l") ? UInt8(ascii: "l") : UInt8(ascii: "e")
      return second == expected ? offset + 3 : offset
    default:
      return offset
    }
  }

  /// `\p{N}{1,3}` from `offset`, whose scalar is a number.
  @inline(__always)
  static func digitsEnd(in text: UTF8Text, from offset: Int) -> Int {
    var end = offset
    var taken = 0
    while taken < 3, end < text.count {
      let (kind, length) = text.scalar(at: end)
      guard kind.isNumber else { break }
      end += length
      taken += 1
    }
    return end
  }

  /// ` ?[^\s\p{L}\p{N}]+` from `offset` followed by any run of the bytes `trailing` accepts
  /// (`[\r\n]*` or `[\r\n/]*`); nil when no punctuation starts there.
  @inline(__always)
  static func punctuationEnd(
    in text: UTF8Text, from offset: Int, first: ScalarClass, firstLength: Int, trailing: (UInt8) -> Bool
  ) -> Int? {
    var start = offset
    if !first.isPunctuation {
      let next = offset + firstLength
      guard text[offset] == UInt8(ascii: " "), next < text.count, text.scalar(at: next).0.isPunctuation else {
        return nil
      }
      start = next
    }
    var end = text.runEnd(from: start) { $0.isPunctuation }
    while end < text.count, trailing(text[end]) { end += 1 }
    return end
  }

  /// The maximal whitespace run from `offset`, with what the whitespace alternatives need.
  struct WhitespaceRun {
    /// One past the run.
    var end: Int
    /// The start of the run's last scalar (`\s+(?!\S)` leaves it for the next piece).
    var lastStart: Int
    /// One past the run's last `\r` or `\n`, or nil (`\s*[\r\n]` ends there).
    var afterLastNewline: Int?
  }

  @inline(__always)
  static func whitespaceRun(in text: UTF8Text, from offset: Int) -> WhitespaceRun {
    var run = WhitespaceRun(end: offset, lastStart: offset, afterLastNewline: nil)
    while run.end < text.count {
      let (kind, length) = text.scalar(at: run.end)
      guard kind.isWhitespace else { break }
      run.lastStart = run.end
      run.end += length
      if kind.isNewline { run.afterLastNewline = run.end }
    }
    return run
  }
}
