/// cl100k_base's pre-tokenizer, equivalent to tiktoken's pattern (leftmost-first alternation,
/// possessive quantifiers):
///
///     '(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+
///     |\s++$|\s*[\r\n]|\s+(?!\S)|\s
enum Cl100kSplitter: PieceSplitter {
  static func pieceEnd(in text: UTF8Text, from start: Int) -> Int {
    let (first, firstLength) = text.scalar(at: start)
    let next = start + firstLength
    // '(?i:[sdmt]|ll|ve|re) — before words, so "'sure" is "'s" + "ure".
    let contraction = PatternParts.contractionEnd(in: text, at: start)
    if contraction != start { return contraction }
    // [^\r\n\p{L}\p{N}]?+\p{L}++
    if first.isLetter { return text.runEnd(from: next, ascii: .letter) { $0.isLetter } }
    if first.isWordPrefix, next < text.count, text.scalar(at: next).0.isLetter {
      return text.runEnd(from: next, ascii: .letter) { $0.isLetter }
    }
    // \p{N}{1,3}+
    if first.isNumber { return PatternParts.digitsEnd(in: text, from: start) }
    // ' ?[^\s\p{L}\p{N}]++[\r\n]*+'
    if let end = PatternParts.punctuationEnd(
      in: text, from: start, first: first, firstLength: firstLength,
      trailing: { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") })
    {
      return end
    }
    // Only whitespace is left.
    let run = PatternParts.whitespaceRun(in: text, from: start)
    if run.end == text.count { return run.end }  // \s++$
    if let end = run.afterLastNewline { return end }  // \s*[\r\n]
    if run.lastStart > start { return run.lastStart }  // \s+(?!\S)
    return next  // \s
  }
}
