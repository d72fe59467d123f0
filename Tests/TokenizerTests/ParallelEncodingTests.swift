import Foundation
import Testing

@testable import Tokenizer

/// `encode(utf8:jobs:)` cuts a long text into parts on several threads; the ids must be the
/// ones of the whole text on one thread, whatever the text does around the cuts.
@Suite struct ParallelEncodingTests {
  /// Every corpus file, each joined to the next with no separator, repeated past 1 MB: cuts land
  /// after all kinds of lines (trailing spaces, CRLF, punctuation runs, emoji, special tokens).
  static let corpus: String = {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: Fixture.directory.path)) ?? []
    let texts = names.sorted().filter { !$0.hasPrefix("expected") && !$0.hasSuffix(".py") && $0 != "README.md" }
      .compactMap { try? String(contentsOf: Fixture.directory.appendingPathComponent($0), encoding: .utf8) }
    var text = texts.joined()
    text += "line\n<|endoftext|>\nword \n\nNext\r\nX  \n\tY!!\nz"
    let unit = text
    while text.utf8.count < 1_200_000 { text += unit }
    return text
  }()

  @Test(arguments: EncodingName.allCases)
  func partsGiveTheIdsOfTheWholeText(_ name: EncodingName) {
    let encoding = Encoding.load(name)
    let text = Self.corpus
    let whole = encoding.encode(text)
    var bytes = Array(text.utf8)
    bytes.withUnsafeBytes { raw in
      for jobs in [2, 3, 4] {
        #expect(TextPartition.parts(of: raw.bindMemory(to: UInt8.self), count: jobs).count == jobs)
        #expect(encoding.encode(utf8: raw, jobs: jobs) == whole)
        #expect(encoding.count(utf8: raw, jobs: jobs) == whole.count)
      }
      #expect(encoding.encode(utf8: raw, allowSpecial: true, jobs: 4) == encoding.encode(text, allowSpecial: true))
    }
    bytes.removeAll()
  }

  @Test func partsTileTheTextAndEndAfterANewlineBeforeALetter() {
    let text = Array(Self.corpus.utf8)
    text.withUnsafeBufferPointer { buffer in
      let parts = TextPartition.parts(of: buffer, count: 4)
      #expect(parts.first?.lowerBound == 0)
      #expect(parts.last?.upperBound == buffer.count)
      for (left, right) in zip(parts, parts.dropFirst()) {
        #expect(left.upperBound == right.lowerBound)
        #expect(buffer[left.upperBound - 1] == UInt8(ascii: "\n"))
        #expect(
          (buffer[right.lowerBound] | 0x20) >= UInt8(ascii: "a")
            && (buffer[right.lowerBound] | 0x20) <= UInt8(ascii: "z"))
      }
    }
  }

  /// A text without a newline before a letter (one long piece) stays whole, and short texts too.
  @Test func noBoundaryMeansOnePart() {
    let letters = Array(String(repeating: "a", count: 1_000_000).utf8)
    let short = Array("Hello\nworld\n".utf8)
    for text in [letters, short] {
      text.withUnsafeBufferPointer { #expect(TextPartition.parts(of: $0, count: 8) == [0..<$0.count]) }
    }
  }

  /// Bytes cut inside a scalar are read safely (a caller that skipped validation).
  @Test func truncatedScalarsAreReadInBounds() {
    for bytes: [UInt8] in [[0xE6], [0x61, 0xF0, 0x9F], [0xC3], [0x80, 0x80]] {
      bytes.withUnsafeBytes { #expect(Encoding.load(.o200kBase).count(utf8: $0) > 0) }
    }
  }
}
