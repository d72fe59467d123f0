import Foundation
import Testing

@testable import Tokenizer

/// The vocabularies are OpenAI's files, the tables embedded in the binary are generated from them
/// and up to date, and those tables are exact.
@Suite struct VocabularyTests {
  static let vocabDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources/VocabData")

  static func tiktokenFile(_ name: EncodingName) throws -> [UInt8] {
    Array(try Data(contentsOf: vocabDirectory.appendingPathComponent("\(name.rawValue).tiktoken")))
  }

  @Test func sha256MatchesKnownVectors() {
    #expect(SHA256.hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    // Two blocks of padding.
    let long = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
    #expect(SHA256.hex(long) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
  }

  /// The hashes tiktoken 0.14.0 checks (`expected_hash` in `tiktoken_ext/openai_public.py`).
  @Test(arguments: [
    (EncodingName.o200kBase, "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d"),
    (.cl100kBase, "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7"),
  ])
  func tiktokenFileIsOpenAIs(_ name: EncodingName, _ sha256: String) throws {
    #expect(SHA256.hex(try Self.tiktokenFile(name)) == sha256)
  }

  /// The embedded tables are exactly what the generator makes from the `.tiktoken` file;
  /// `RECORD_VOCAB_TABLES=1` rewrites `Sources/VocabData/<name>.tables` (then rebuild).
  @Test(arguments: EncodingName.allCases)
  func embeddedTablesAreGeneratedFromTheTiktokenFile(_ name: EncodingName) throws {
    let file = try Self.tiktokenFile(name)
    let generated = file.withUnsafeBufferPointer { buffer in
      buffer.baseAddress.map { VocabularyTables.make(tiktoken: $0, count: buffer.count) } ?? []
    }
    if ProcessInfo.processInfo.environment["RECORD_VOCAB_TABLES"] == "1" {
      try Data(generated).write(to: Self.vocabDirectory.appendingPathComponent("\(name.rawValue).tables"))
      Issue.record("recorded \(name.rawValue).tables; rebuild and run again without RECORD_VOCAB_TABLES")
      return
    }
    let embedded = name.embeddedTables
    #expect(embedded.count == generated.count)
    #expect(Array(embedded) == generated, "regenerate with RECORD_VOCAB_TABLES=1 swift test --filter VocabularyTests")
    #expect(VocabularyTables(blob: embedded) != nil)
  }

  /// A blob whose header does not describe it (truncated, another format) is rejected, and the
  /// vocabulary over it is empty rather than reading past its end.
  @Test func malformedTablesAreRejected() throws {
    let tiny = Array("YQ== 0\nYg== 1\nYWI= 2\n".utf8)
    let blob = tiny.withUnsafeBufferPointer { VocabularyTables.make(tiktoken: $0.baseAddress!, count: $0.count) }
    let aligned = UnsafeMutableRawBufferPointer.allocate(byteCount: blob.count, alignment: 16)
    defer { aligned.deallocate() }
    blob.withUnsafeBytes { aligned.copyMemory(from: $0) }
    let whole = UnsafeRawBufferPointer(aligned)
    #expect(VocabularyTables(blob: whole)?.tokenCount == 3)
    #expect(VocabularyTables(blob: UnsafeRawBufferPointer(rebasing: whole.dropLast())) == nil)
    aligned[0] ^= 1
    #expect(VocabularyTables(blob: whole) == nil)
    #expect(Vocabulary(tables: whole).tokenCount == 0)
  }

  /// Tables built from `.tiktoken` text in process encode like the embedded ones.
  @Test func tablesBuiltFromTiktokenTextMatchTheEmbeddedOnes() throws {
    let file = try Self.tiktokenFile(.cl100kBase)
    let built = file.withUnsafeBufferPointer { Vocabulary(tiktoken: $0.baseAddress!, count: $0.count) }
    let embedded = Encoding.load(.cl100kBase).vocabulary
    #expect(built.tokenCount == embedded.tokenCount)
    for rank in stride(from: 0, to: built.tokenCount, by: 997) {
      #expect(built.withTokenBytes(rank) { Array($0) } == embedded.withTokenBytes(rank) { Array($0) })
    }
  }

  @Test(arguments: [(EncodingName.o200kBase, 199_998), (.cl100kBase, 100_256)])
  func everyRankIsParsedAndLooksUpToItself(_ name: EncodingName, _ size: Int) {
    let vocabulary = Encoding.load(name).vocabulary
    #expect(vocabulary.tokenCount == size)
    let filter = vocabulary.encoder.filter.bits
    var missing = 0
    var wrong = 0
    var filteredOut = 0
    for rank in 0..<size {
      let found = vocabulary.withTokenBytes(rank) { bytes -> (UInt32, UInt32) in
        guard let base = bytes.baseAddress else { return (RankTable.absent, RankTable.absent) }
        let ranks = vocabulary.encoder.ranks
        return (ranks.rank(of: base, count: bytes.count), ranks.rank(of: base, count: bytes.count, filter: filter))
      }
      guard let found else {
        missing += 1
        continue
      }
      if found.0 != UInt32(rank) { wrong += 1 }
      if found.1 != UInt32(rank) { filteredOut += 1 }
    }
    #expect(missing == 0)
    #expect(wrong == 0)
    #expect(filteredOut == 0, "the token filter must pass every token")
  }

  /// The filter is only worth its look-up if it rules out most byte strings that are no token:
  /// four random lowercase letters are mostly not one in either vocabulary.
  @Test(arguments: EncodingName.allCases)
  func tokenFilterRulesOutMostStringsThatAreNoToken(_ name: EncodingName) {
    let encoder = Encoding.load(name).vocabulary.encoder
    let filter = encoder.filter.bits
    var generator = SystemRandomNumberGenerator()
    var absent = 0
    var passed = 0
    for _ in 0..<20_000 {
      let bytes = (0..<4).map { _ in UInt8.random(in: 0x61...0x7A, using: &generator) }
      bytes.withUnsafeBufferPointer { buffer in
        guard let base = buffer.baseAddress,
          encoder.ranks.rank(of: base, count: 4) == RankTable.absent
        else { return }
        absent += 1
        if filter.mayContain(RankTable.hash(of: base, count: 4)) { passed += 1 }
      }
    }
    #expect(absent > 10_000)
    #expect(passed * 5 < absent, "\(passed) of \(absent) strings that are no token passed the filter")
  }

  @Test(arguments: EncodingName.allCases)
  func everyByteIsAToken(_ name: EncodingName) {
    let encoding = Encoding.load(name)
    for byte in 0..<256 {
      #expect(encoding.vocabulary.encoder.byteRanks[byte] != RankTable.absent)
    }
  }

  @Test func byteStringsThatAreNoTokenAreAbsent() {
    let ranks = Encoding.load(.o200kBase).vocabulary.encoder.ranks
    for text in ["qzxqzxqzx", "\u{0}\u{0}\u{0}", String(repeating: "ab", count: 70)] {
      let bytes = Array(text.utf8)
      let filter = Encoding.load(.o200kBase).vocabulary.encoder.filter.bits
      let rank = bytes.withUnsafeBufferPointer { buffer in
        buffer.baseAddress.map { ranks.rank(of: $0, count: buffer.count) }
      }
      let filtered = bytes.withUnsafeBufferPointer { buffer in
        buffer.baseAddress.map { ranks.rank(of: $0, count: buffer.count, filter: filter) }
      }
      #expect(rank == RankTable.absent)
      #expect(filtered == RankTable.absent)
    }
  }

  @Test func decodeSkipsIdsThatAreNoToken() {
    let encoding = Encoding.load(.o200kBase)
    #expect(encoding.decode([-1, 199_998, 1_000_000]).isEmpty)
    #expect(encoding.decode([13225, 2375]) == Array("Hello world".utf8))
  }
}
