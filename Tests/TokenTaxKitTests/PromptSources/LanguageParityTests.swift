import Foundation
import Testing

@testable import TokenTaxKit

/// Every value in `Fixtures/prompt-values/cases.jsonl` read as the language itself holds it:
/// the expected text was written by Python, Node and PyYAML (`generate.py` beside the cases),
/// so a reader that decodes an escape, a dedent or a block scalar differently fails here.
@Suite struct LanguageParityTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var name: String
    var file: String
    var source: String
    var selector: String
    var expected: String
    var testDescription: String { name }
  }

  static let cases: [Case] = {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Fixtures/prompt-values/cases.jsonl")
    guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
    return text.split(separator: "\n").compactMap { line in
      guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String],
        let name = object["name"], let file = object["file"], let source = object["source"],
        let selector = object["selector"], let expected = object["expected"]
      else { return nil }
      return Case(name: name, file: file, source: source, selector: selector, expected: expected)
    }
  }()

  @Test func theCorpusIsThere() {
    #expect(Self.cases.count >= 30)
  }

  @Test(arguments: cases) func valueIsWhatTheLanguageHolds(_ sample: Case) throws {
    let selector: PromptSource.Selector =
      sample.file.hasSuffix(".yaml") ? .key(sample.selector) : .symbol(sample.selector)
    let value = try PromptSource.value(of: selector, in: sample.source, file: sample.file, syntax: .none)
    #expect(value.text == sample.expected)
    #expect(value.lineOrigins.count == SourceString.lineBreaks(in: value.text) + 1)
  }
}
