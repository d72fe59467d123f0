import Testing

@testable import Tokenizer

/// Invariants that hold for any text, checked on seeded random strings that mix scripts,
/// whitespace runs, digits, punctuation, marks and special-token fragments.
@Suite struct PropertyTests {
  /// splitmix64, so every run sees the same strings.
  struct Generator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  static let pools: [[String]] = [
    "abcdefghijklmnopqrstuvwxyz".map(String.init), "ABCDEFGHIJKLMNOPQRSTUVWXYZ".map(String.init),
    "0123456789".map(String.init), [" ", "  ", "\t", "\n", "\r\n", "\u{A0}", "\u{3000}", "   \n  "],
    ".,;:!?-_/\\()[]{}<>\"'`~@#$%^&*+=|".map(String.init), ["'s", "'LL", "'ve", "n't", "'ſ"],
    ["中", "文", "字", "カ", "タ", "한", "국", "ا", "ب", "अ", "ก", "é", "ß", "Ж", "ǅ", "ʰ"],
    ["😀", "👍🏽", "👩‍💻", "🇺🇸", "❤️", "\u{301}", "\u{308}", "\u{200D}", "\u{FEFF}"],
    ["<|endoftext|>", "<|", "|>", "<|fim_prefix|>", "<|endofprompt|>"], ["١٢٣", "½", "²", "Ⅻ"],
  ]

  static func randomText(_ generator: inout Generator, length: Int) -> String {
    var text = ""
    for _ in 0..<length {
      let pool = pools[Int(generator.next() % UInt64(pools.count))]
      text += pool[Int(generator.next() % UInt64(pool.count))]
    }
    return text
  }

  static let seeds: [UInt64] = Array(1...40)

  @Test(arguments: EncodingName.allCases, seeds)
  func decodeInvertsEncodeAndCountMatches(_ name: EncodingName, _ seed: UInt64) {
    let encoding = Encoding.load(name)
    var generator = Generator(state: seed)
    // Past 4 KB the encoder switches on its memos; cover both sides.
    let text = Self.randomText(&generator, length: seed % 2 == 0 ? 300 : 3000)
    for allowSpecial in [false, true] {
      let ids = encoding.encode(text, allowSpecial: allowSpecial)
      #expect(encoding.decode(ids) == Array(text.utf8))
      #expect(encoding.count(text, allowSpecial: allowSpecial) == ids.count)
      if !allowSpecial { #expect(Set(ids).isDisjoint(with: encoding.specialTokens.values)) }
    }
  }

  /// A newline after a non-space, then a letter: no piece crosses that boundary, so the ids of
  /// the whole are the ids of the parts.
  @Test(arguments: EncodingName.allCases, seeds)
  func encodingSplitsAtANewlineBeforeALetter(_ name: EncodingName, _ seed: UInt64) {
    let encoding = Encoding.load(name)
    var generator = Generator(state: seed &* 7919)
    let head = Self.randomText(&generator, length: 60) + "x\n"
    let tail = "y" + Self.randomText(&generator, length: 60)
    #expect(encoding.encode(head + tail) == encoding.encode(head) + encoding.encode(tail))
  }

  /// `\p{N}{1,3}`: a digit run is cut into groups of three from the left, each one token.
  @Test(arguments: EncodingName.allCases, Array(1...20))
  func digitRunsAreGroupsOfThree(_ name: EncodingName, _ length: Int) {
    let encoding = Encoding.load(name)
    var generator = Generator(state: UInt64(length))
    let digits = String((0..<length).map { _ in Character(String(generator.next() % 10)) })
    let ids = encoding.encode(digits)
    #expect(ids.count == (length + 2) / 3)
    let groups = ids.map { String(decoding: encoding.decode([$0]), as: UTF8.self) }
    #expect(groups.joined() == digits)
    #expect(groups.dropLast().allSatisfy { $0.count == 3 })
  }

  @Test func emptyTextHasNoTokens() {
    for name in EncodingName.allCases {
      #expect(Encoding.load(name).encode("").isEmpty)
      #expect(Encoding.load(name).count("", allowSpecial: true) == 0)
    }
  }

  @Test func concurrentEncodesAgree() async {
    var generator = Generator(state: 99)
    let text = Self.randomText(&generator, length: 5000)
    let expected = Encoding.load(.o200kBase).encode(text)
    let results = await withTaskGroup(of: [Int].self) { group in
      for index in 0..<8 {
        group.addTask { Encoding.load(index % 2 == 0 ? .o200kBase : .cl100kBase).encode(text) }
      }
      return await group.reduce(into: []) { $0.append($1) }
    }
    #expect(results.filter { $0 == expected }.count == 4)
  }
}
