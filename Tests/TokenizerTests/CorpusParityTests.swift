import Testing
@testable import Tokenizer

/// Every corpus file, both encodings: the ids (not only the count) equal tiktoken's.
@Suite struct CorpusParityTests {
  static let expectations = Fixture.expectations()

  @Test func corpusIsComplete() {
    // 51 corpus texts × 2 encodings; a missing or unreadable line would silently drop a case.
    #expect(Self.expectations.count >= 102)
  }

  @Test(arguments: expectations)
  func idsMatchTiktoken(_ expected: Fixture.Expectation) throws {
    let encoding = try Fixture.encoding(expected.encoding)
    let text = try Fixture.text(expected.file)
    let ids = encoding.encode(text)
    #expect(ids.count == expected.count)
    if let mismatch = zip(ids, expected.ids).enumerated().first(where: { $0.element.0 != $0.element.1 }) {
      let context = Array(expected.ids[max(0, mismatch.offset - 3)..<min(expected.ids.count, mismatch.offset + 3)])
      Issue.record("first difference at token \(mismatch.offset): \(mismatch.element.0) != \(mismatch.element.1); expected around it: \(context) = \(String(decoding: encoding.decode(context), as: UTF8.self).debugDescription)")
    }
    #expect(encoding.count(text) == expected.count)
  }
}
