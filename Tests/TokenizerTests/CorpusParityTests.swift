import Testing

@testable import Tokenizer

/// Every corpus file, both encodings: the ids (not only the count) equal tiktoken's.
@Suite struct CorpusParityTests {
  @Test func corpusIsComplete() {
    // 51 corpus texts and 9 extra ones, × 2 encodings; an unreadable line would drop a case.
    #expect(Fixture.ordinary.count == 120)
    #expect(Fixture.allowSpecial.count == 6)
  }

  @Test(arguments: Fixture.ordinary)
  func idsMatchTiktoken(_ expected: Fixture.Expectation) throws {
    let encoding = try expected.encodingValue()
    let text = try expected.text()
    Self.expectIDs(encoding.encode(text), expected, encoding)
    #expect(encoding.count(text) == expected.count)
  }

  @Test(arguments: Fixture.allowSpecial)
  func idsWithSpecialTokensMatchTiktoken(_ expected: Fixture.Expectation) throws {
    let encoding = try expected.encodingValue()
    let text = try expected.text()
    Self.expectIDs(encoding.encode(text, allowSpecial: true), expected, encoding)
    #expect(encoding.count(text, allowSpecial: true) == expected.count)
  }

  /// Equal ids, or one issue naming the first difference and the text around it.
  static func expectIDs(
    _ ids: [Int], _ expected: Fixture.Expectation, _ encoding: Encoding,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    #expect(ids.count == expected.count, sourceLocation: sourceLocation)
    guard let index = zip(ids, expected.ids).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset else {
      return
    }
    let context = Array(expected.ids[max(0, index - 3)..<min(expected.ids.count, index + 3)])
    let text = String(decoding: encoding.decode(context), as: UTF8.self).debugDescription
    Issue.record(
      "first difference at token \(index): \(ids[index]) instead of \(expected.ids[index]); expected around it \(context) = \(text)",
      sourceLocation: sourceLocation)
  }
}
