import Testing

@testable import Tokenizer

/// The memo of 17…128-byte pieces gives the ids the merge gives: a text past 4 KB (memos on)
/// encodes to the ids of its lines encoded one by one (each under 4 KB, memos off).
@Suite struct LongPieceCacheTests {
  /// Lower-case and CJK letters only, so each word is one piece in both encodings' patterns:
  /// Latin, CJK (3 bytes a letter) or both.
  static func word(_ generator: inout PropertyTests.Generator) -> String {
    let latin = Array("abcdefghijklmnopqrstuvwxyz")
    let cjk = Array("大型语言模型的成本按令牌计费输出通常更贵トークンの価格は入力と異なります")
    let length = 17 + Int(generator.next() % 100)
    var word = ""
    while word.utf8.count < length {
      let pool = generator.next() % 8 == 0 ? cjk : latin
      word.append(pool[Int(generator.next() % UInt64(pool.count))])
    }
    return word
  }

  /// Lines of words drawn from a small pool (repeats: hits) and fresh ones (misses, and more
  /// than the memo's 64 KB arena, so it starts again mid-text).
  static func text(seed: UInt64) -> [String] {
    var generator = PropertyTests.Generator(state: seed)
    let pool = (0..<24).map { _ in word(&generator) }
    return (0..<1200).map { _ in
      let words = (0..<6).map { _ in
        generator.next() % 4 == 0 ? word(&generator) : pool[Int(generator.next() % UInt64(pool.count))]
      }
      // A non-space before the newline and a letter after it: no piece crosses a line.
      return "y" + words.joined(separator: " ") + "x\n"
    }
  }

  @Test(arguments: EncodingName.allCases, [UInt64(1), 2, 3])
  func memoisedLongPiecesMatchTheMerge(_ name: EncodingName, _ seed: UInt64) {
    let encoding = Encoding.load(name)
    let lines = Self.text(seed: seed)
    let whole = lines.joined()
    #expect(whole.utf8.count > 128 * 1024)
    let expected = lines.flatMap { encoding.encode($0) }
    #expect(encoding.encode(whole) == expected)
    #expect(encoding.count(whole) == expected.count)
  }
}
