import Testing

@testable import Tokenizer

/// Long single pieces (the pre-tokenizer cannot split them) go through the large-piece merger
/// and still give tiktoken's ids; o200k_base gets a million characters. The expected counts
/// and FNV-1a digests of the ids come from tiktoken 0.14.0 on the same inputs. No timing here:
/// the benchmark (`swift run -c release tokentax-bench`) shows that time grows linearly.
@Suite struct PathologicalInputTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var label: String
    var size: Int
    var encoding: EncodingName
    var count: Int
    var fnv1a: UInt64
    var testDescription: String { "\(label) × \(size) \(encoding.rawValue)" }

    /// `size` bytes of one letter, of random letters, or of one emoji.
    var text: String {
      switch label {
      case "a": return String(repeating: "a", count: size)
      case "emoji": return String(repeating: "😀", count: size / 4)
      default: return Self.letters(size)
      }
    }

    /// Lower-case letters from a 31-bit LCG, reproducible in the Python that made the expectations.
    static func letters(_ count: Int) -> String {
      var state: UInt64 = 20_261_123
      var bytes = [UInt8]()
      bytes.reserveCapacity(count)
      for _ in 0..<count {
        state = (state &* 1_103_515_245 &+ 12345) % (1 << 31)
        bytes.append(UInt8(ascii: "a") + UInt8((state >> 16) % 26))
      }
      return String(decoding: bytes, as: UTF8.self)
    }
  }

  static let cases = [
    Case(label: "a", size: 1_000_000, encoding: .o200kBase, count: 125_000, fnv1a: 0x8a52_1ca3_62fa_f865),
    Case(label: "letters", size: 1_000_000, encoding: .o200kBase, count: 518_977, fnv1a: 0xbb63_ea7a_7553_de6a),
    Case(label: "emoji", size: 1_000_000, encoding: .o200kBase, count: 250_000, fnv1a: 0xd20b_750c_9156_16a5),
    Case(label: "a", size: 100_000, encoding: .cl100kBase, count: 12_500, fnv1a: 0x3e85_59dd_c8a6_5265),
    Case(label: "letters", size: 100_000, encoding: .cl100kBase, count: 54_125, fnv1a: 0xd4d1_3db9_9f53_b36c),
    Case(label: "emoji", size: 100_000, encoding: .cl100kBase, count: 50_000, fnv1a: 0xd7cf_c08c_bb49_ab35),
  ]

  @Test(arguments: cases)
  func longPieceMatchesTiktoken(_ expected: Case) {
    let encoding = Encoding.load(expected.encoding)
    let text = expected.text
    let ids = encoding.encode(text)
    #expect(ids.count == expected.count)
    #expect(Self.fnv1a(ids) == expected.fnv1a)
    #expect(encoding.decode(ids) == Array(text.utf8))
  }

  /// FNV-1a over each id's four little-endian bytes: a cheap digest of a long id list.
  static func fnv1a(_ ids: [Int]) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for id in ids {
      for shift in stride(from: 0, to: 32, by: 8) {
        hash = (hash ^ UInt64((id >> shift) & 0xFF)) &* 0x100_0000_01b3
      }
    }
    return hash
  }
}
