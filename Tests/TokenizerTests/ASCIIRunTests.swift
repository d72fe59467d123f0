import Testing

@testable import Tokenizer

/// The eight-at-a-time letter runs agree with the scalar-class tests they stand in for: byte
/// by byte on all of ASCII and beyond, and as run ends on mixed-script text.
@Suite struct ASCIIRunTests {
  static let runs: [ASCIIRun] = [.lower, .upper, .letter]

  /// The scalar-class test that each run stands for.
  static func test(_ run: ASCIIRun) -> (ScalarClass) -> Bool {
    switch run {
    case .lower: { $0.isLowerish }
    case .upper: { $0.isUpperish }
    case .letter: { $0.isLetter }
    }
  }

  @Test(arguments: runs)
  func everyByteInEveryLaneMatchesItsClass(_ run: ASCIIRun) {
    let test = Self.test(run)
    for byte in 0...255 {
      let expected = byte < 0x80 && test(ScalarClass.ascii(UInt8(byte)))
      for lane in 0..<8 {
        // The other lanes hold bytes that carry if the lanes were not kept apart.
        var word: UInt64 = 0xFFFF_FFFF_FFFF_FFFF
        word &= ~(0xFF << (8 * UInt64(lane)))
        word |= UInt64(byte) << (8 * UInt64(lane))
        let matched = run.matches(word) & (0x80 << (8 * UInt64(lane))) != 0
        #expect(matched == expected, "byte \(byte) in lane \(lane)")
      }
    }
  }

  /// Runs of ASCII letters long enough for whole words of eight, broken by letters outside ASCII.
  static func wordyText(_ generator: inout PropertyTests.Generator) -> String {
    let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
    let breaks = ["é", "中", "ǅ", "\u{301}", " ", "'", "7", "\n"]
    var text = ""
    for _ in 0..<100 {
      let length = Int(generator.next() % 24)
      let lowerOnly = generator.next() % 2 == 0
      for _ in 0..<length {
        let letter = letters[Int(generator.next() % UInt64(lowerOnly ? 26 : letters.count))]
        text.append(letter)
      }
      text += breaks[Int(generator.next() % UInt64(breaks.count))]
    }
    return text
  }

  @Test(arguments: runs, PropertyTests.seeds)
  func runEndsAreTheScalarLoops(_ run: ASCIIRun, _ seed: UInt64) {
    let test = Self.test(run)
    var generator = PropertyTests.Generator(state: seed)
    var text = PropertyTests.randomText(&generator, length: 200) + Self.wordyText(&generator)
    text.withUTF8 { bytes in
      guard let base = bytes.baseAddress else { return }
      let utf8 = UTF8Text(base: base, count: bytes.count)
      var offset = 0
      while offset < bytes.count {
        #expect(utf8.runEnd(from: offset, ascii: run, while: test) == utf8.runEnd(from: offset, while: test))
        offset += utf8.scalar(at: offset).1
      }
    }
  }
}
