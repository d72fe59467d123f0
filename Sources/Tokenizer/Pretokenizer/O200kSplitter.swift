/// o200k_base's pre-tokenizer, equivalent to tiktoken's pattern (leftmost-first alternation
/// with backtracking, no possessive quantifiers), the alternatives joined with `|`:
///
///     [^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?
///     [^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?
///     \p{N}{1,3}
///      ?[^\s\p{L}\p{N}]+[\r\n/]*
///     \s*[\r\n]+
///     \s+(?!\S)
///     \s+
///
/// "Upperish" below is the first letter class, "lowerish" the second; Lm, Lo and marks are in both.
enum O200kSplitter: PieceSplitter {
  static func pieceEnd(in text: UTF8Text, from start: Int) -> Int {
    let (first, firstLength) = text.scalar(at: start)
    let next = start + firstLength
    // The backtracking order of the two word alternatives: each tries with the optional
    // prefix character first, then without it.
    if first.isWordPrefix, let end = lowerWordEnd(in: text, from: next) { return end }
    if first.isUpperish || first.isLower, let end = lowerWordEnd(in: text, from: start) { return end }
    if first.isWordPrefix, let end = upperWordEnd(in: text, from: next) { return end }
    if first.isUpperish, let end = upperWordEnd(in: text, from: start) { return end }
    // \p{N}{1,3}
    if first.isNumber { return PatternParts.digitsEnd(in: text, from: start) }
    // ' ?[^\s\p{L}\p{N}]+[\r\n/]*'
    if let end = PatternParts.punctuationEnd(
      in: text, from: start, first: first, firstLength: firstLength,
      trailing: { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "/") })
    {
      return end
    }
    // Only whitespace is left.
    let run = PatternParts.whitespaceRun(in: text, from: start)
    if let end = run.afterLastNewline { return end }  // \s*[\r\n]+
    if run.end == text.count { return run.end }  // \s+(?!\S) at the end
    if run.lastStart > start { return run.lastStart }  // \s+(?!\S)
    return next  // \s+ of one scalar
  }

  /// `[upperish]*[lowerish]+` + contraction from `offset`, as backtracking finds it: the greedy
  /// upperish run, then a lower letter after it; failing that, the run gives back scalars until
  /// its last lowerish one (Lm, Lo, M) can start the lowerish part. Nil when neither works.
  @inline(__always)
  private static func lowerWordEnd(in text: UTF8Text, from offset: Int) -> Int? {
    var end = offset
    var afterLastLowerish: Int?
    while end < text.count {
      let (kind, length) = text.scalar(at: end)
      if kind.isLower {
        let wordEnd = text.runEnd(from: end + length, ascii: .lower) { $0.isLowerish }
        return PatternParts.contractionEnd(in: text, at: wordEnd)
      }
      guard kind.isUpperish else { break }
      end += length
      if kind.isLowerish { afterLastLowerish = end }
    }
    guard let wordEnd = afterLastLowerish else { return nil }
    return PatternParts.contractionEnd(in: text, at: wordEnd)
  }

  /// `[upperish]+[lowerish]*` + contraction from `offset`; nil when no upperish scalar is there.
  @inline(__always)
  private static func upperWordEnd(in text: UTF8Text, from offset: Int) -> Int? {
    let upperEnd = text.runEnd(from: offset, ascii: .upper) { $0.isUpperish }
    guard upperEnd > offset else { return nil }
    let wordEnd = text.runEnd(from: upperEnd, ascii: .lower) { $0.isLowerish }
    return PatternParts.contractionEnd(in: text, at: wordEnd)
  }
}
