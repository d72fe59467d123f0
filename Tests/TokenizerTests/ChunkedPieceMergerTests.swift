import Foundation
import Testing

@testable import Tokenizer

/// Merging a long piece in chunks gives exactly the tokens of merging it whole, however small
/// the chunks: tiny chunks make almost every cut one that BPE merges across, so the repair of
/// cuts (and its widening) is what these tests exercise.
@Suite struct ChunkedPieceMergerTests {
  static func chunked(_ encoder: BytePairEncoder, _ bytes: [UInt8], chunkBytes: Int) -> [Int]? {
    guard let merges = encoder.merges else { return nil }
    return TokenWriter.ids(byteCount: bytes.count) { sink in
      bytes.withUnsafeBufferPointer {
        var merger = ChunkedPieceMerger(encoder: encoder, tables: merges)
        merger.chunkBytes = chunkBytes
        merger.merge($0.baseAddress!, count: $0.count, into: &sink)
      }
    }
  }

  @Test(arguments: EncodingName.allCases)
  func chunksGiveTheTokensOfTheWholePiece(_ name: EncodingName) {
    let encoder = Encoding.load(name).vocabulary.encoder
    for (index, piece) in BacktrackingEncoderTests.pieces(seed: 41).enumerated() {
      let expected = BacktrackingEncoderTests.reference(encoder, piece)
      for chunkBytes in [1, 2, 3, 7, 64, 1000] {
        #expect(
          Self.chunked(encoder, piece, chunkBytes: chunkBytes) == expected,
          "piece \(index) of \(piece.count) bytes in chunks of \(chunkBytes)")
      }
    }
  }

  /// Real words run together: long tokens cross the cuts.
  @Test(arguments: EncodingName.allCases)
  func chunksGiveTheTokensOfJoinedCorpusText(_ name: EncodingName) throws {
    let encoder = Encoding.load(name).vocabulary.encoder
    let text = try BacktrackingEncoderTests.corpusBytes()
    let piece = Array(text.filter { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\n") }.prefix(200_000))
    let expected = BacktrackingEncoderTests.reference(encoder, piece)
    for chunkBytes in [5, 333, 4096] {
      #expect(Self.chunked(encoder, piece, chunkBytes: chunkBytes) == expected, "chunks of \(chunkBytes)")
    }
  }

  /// A varied start (so the piece is not sent to backtracking) and then a long run of one or
  /// two letters, whose merges depend on where the run's tokens started: cuts in the run may
  /// need wide repairs or the whole-piece fallback, and the ids stay the same.
  @Test(arguments: EncodingName.allCases)
  func longRunsAfterAVariedStartGiveTheSameTokens(_ name: EncodingName) {
    let encoder = Encoding.load(name).vocabulary.encoder
    let start = Array("qwertyuiopasdfghjklzxcvbnmpoiuytrewqlkjhgfdsamnbvcxz".utf8)
    for unit in ["a", "ab", "aab", "é"] {
      let piece = start + Array(String(repeating: unit, count: 40_000 / unit.utf8.count).utf8)
      let expected = BacktrackingEncoderTests.reference(encoder, piece)
      for chunkBytes in [64, 1000, ChunkedPieceMerger.defaultChunkBytes] {
        #expect(Self.chunked(encoder, piece, chunkBytes: chunkBytes) == expected, "\(unit) in chunks of \(chunkBytes)")
      }
    }
  }

  /// The encoder takes the chunked path for a long low-repetition piece, with the same ids.
  @Test func longRandomPiecesEncodeAsMergedWhole() {
    let encoding = Encoding.load(.o200kBase)
    let encoder = encoding.vocabulary.encoder
    var state: UInt64 = 5
    let letters = Array("abcdefghijklmnopqrstuvwxyz".utf8)
    let piece = (0..<(3 * ChunkedPieceMerger.defaultChunkBytes + 17)).map { _ -> UInt8 in
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return letters[Int((state >> 33) % 26)]
    }
    #expect(
      encoding.encode(String(decoding: piece, as: UTF8.self)) == BacktrackingEncoderTests.reference(encoder, piece))
  }
}
