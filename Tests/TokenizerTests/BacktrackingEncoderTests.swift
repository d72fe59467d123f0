import Foundation
import Testing

@testable import Tokenizer

/// The backtracking encoder gives exactly the merge order's tokens (`LargePieceMerger`, the
/// reference for long pieces) on long pieces of many shapes, in both encodings; the corpus
/// parity tests cover it on real text as well.
@Suite struct BacktrackingEncoderTests {
  static func reference(_ encoder: BytePairEncoder, _ bytes: [UInt8]) -> [Int] {
    TokenWriter.ids(byteCount: bytes.count) { sink in
      bytes.withUnsafeBufferPointer {
        LargePieceMerger(encoder: encoder).merge($0.baseAddress!, count: $0.count, into: &sink)
      }
    }
  }

  static func backtracked(_ encoder: BytePairEncoder, _ bytes: [UInt8]) -> [Int]? {
    guard let merges = encoder.merges else { return nil }
    var done = false
    let ids = TokenWriter.ids(byteCount: bytes.count) { sink in
      done = bytes.withUnsafeBufferPointer {
        BacktrackingEncoder(encoder: encoder, tables: merges).encode($0.baseAddress!, count: $0.count, into: &sink)
      }
    }
    return done ? ids : nil
  }

  /// Pieces the pre-tokenizer would never make are fine here: both encoders take any bytes.
  static func pieces(seed: UInt64) -> [[UInt8]] {
    var state = seed
    func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
    let alphabets: [[UInt8]] = [
      Array("abcdefghijklmnopqrstuvwxyz".utf8), Array("ab".utf8), Array("aeiou".utf8), Array("0123456789".utf8),
      Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8), Array(" \n\t".utf8),
      Array("!@#$%^&*()-_=+[]{};:'\",.<>/?|".utf8), Array("😀éü中文にほんごкир".utf8),
    ]
    var pieces: [[UInt8]] = []
    for alphabet in alphabets {
      for length in [129, 300, 1000, 5000] {
        pieces.append((0..<length).map { _ in alphabet[next(alphabet.count)] })
      }
    }
    // Runs of one or two repeated units, which stress the backtracking.
    for unit in ["a", "ab", "aab", "😀", "é", " ", "\n", "=", "-", "0", "x y"] {
      pieces.append(Array(String(repeating: unit, count: 2000 / unit.utf8.count + next(7)).utf8))
    }
    // Random bytes, valid UTF-8 or not.
    for _ in 0..<8 { pieces.append((0..<(200 + next(3000))).map { _ in UInt8(next(256)) }) }
    return pieces
  }

  @Test(arguments: EncodingName.allCases)
  func backtrackingMatchesTheMergeOrder(_ name: EncodingName) {
    let encoder = Encoding.load(name).vocabulary.encoder
    for (index, piece) in Self.pieces(seed: 20).enumerated() {
      let expected = Self.reference(encoder, piece)
      #expect(Self.backtracked(encoder, piece) == expected, "piece \(index) of \(piece.count) bytes")
    }
  }

  /// The corpus files' bytes, one after another.
  static func corpusBytes() throws -> [UInt8] {
    let names = try FileManager.default.contentsOfDirectory(atPath: Fixture.directory.path).sorted()
    return try names.filter { $0.first?.isNumber == true }.flatMap {
      Array(try Data(contentsOf: Fixture.directory.appendingPathComponent($0)))
    }
  }

  /// Every line of the corpus with its spaces taken out is one long piece of real words.
  @Test(arguments: EncodingName.allCases)
  func backtrackingMatchesTheMergeOrderOnJoinedCorpusText(_ name: EncodingName) throws {
    let encoder = Encoding.load(name).vocabulary.encoder
    let text = try Self.corpusBytes()
    var start = 0
    var checked = 0
    while start < text.count, checked < 400 {
      let end = min(start + 2000, text.count)
      let piece = text[start..<end].filter { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\n") }
      if piece.count > 128 {
        #expect(Self.backtracked(encoder, Array(piece)) == Self.reference(encoder, Array(piece)), "at byte \(start)")
        checked += 1
      }
      start = end
    }
    #expect(checked > 10)
  }

  /// The cost choice between the two encoders (`BytePairEncoder.encodeLarge`) sends periodic
  /// text to backtracking and low-repetition text to the merger.
  @Test func periodicPiecesAreTheOnesThatBacktrack() {
    func periodic(_ text: String) -> Bool {
      let bytes = Array(text.utf8)
      return bytes.withUnsafeBufferPointer { BytePairEncoder.isPeriodic($0.baseAddress!, count: $0.count) }
    }
    #expect(periodic(String(repeating: "a", count: 1000)))
    #expect(periodic(String(repeating: "ab", count: 500)))
    #expect(periodic(String(repeating: "😀", count: 300)))
    #expect(periodic(String(repeating: "=-", count: 70) + "x"))
    let pieces = Self.pieces(seed: 3)
    #expect(!periodic(String(decoding: pieces[0], as: UTF8.self)), "random letters")
    #expect(!periodic(String(decoding: pieces[17], as: UTF8.self)), "random base64")
  }
}
