import Testing

@testable import TokenTaxKit

/// Bad input stops the read with file:line:column, or under `--lenient` is skipped and counted.
@Suite struct BadLineTests {
  static let good = #"{"feature":"a","model":"gpt-5","input_tokens":10,"output_tokens":5}"#

  struct Case: Sendable, CustomTestStringConvertible {
    var name: String
    var line: String
    var expected: String
    var testDescription: String { name }
  }

  static let cases: [Case] = [
    Case(
      name: "missing value", line: #"{"feature":"x","input_tokens":12,"output_tokens":}"#,
      expected: "bad.jsonl:3:50: unexpected '}'; expected a value"),
    Case(
      name: "negative count", line: #"{"feature":"x","input_tokens":-5,"output_tokens":1}"#,
      expected: "bad.jsonl:3:31: field 'input_tokens' is -5; token counts cannot be negative"),
    Case(
      name: "text count", line: #"{"feature":"x","input_tokens":"many","output_tokens":1}"#,
      expected: "bad.jsonl:3:31: field 'input_tokens' is not a whole token count"),
    Case(
      name: "absurd count", line: #"{"feature":"x","input_tokens":1,"output_tokens":5000000000}"#,
      expected: "bad.jsonl:3:49: field 'output_tokens' is 5000000000, more than 1000000000 tokens in one call"),
    Case(
      name: "reasoning over output", line: #"{"feature":"x","input_tokens":1,"output_tokens":5,"reasoning_tokens":9}"#,
      expected:
        "bad.jsonl:3:1: reasoning_tokens (9) is more than output_tokens (5); output_tokens must include the reasoning tokens"
    ),
    Case(
      name: "provider record", line: #"{"type":"message","usage":{"input_tokens":-1,"output_tokens":2}}"#,
      expected: "bad.jsonl:3:1: field 'input_tokens' is -1; token counts cannot be negative"),
    Case(name: "truncated", line: #"{"feature":"x","input_tok"#, expected: "bad.jsonl:3:16: unterminated string"),
    Case(name: "binary", line: "\u{0}\u{1}PK", expected: "bad.jsonl:3:1: unexpected '0x00'; expected a value"),
  ]

  private func file(with bad: String) throws -> TraceFile {
    try TraceTestSupport.temporaryFile(
      "bad.jsonl", [Self.good, Self.good, bad, Self.good].joined(separator: "\n") + "\n")
  }

  @Test(arguments: cases)
  func badLineStopsWithItsPosition(_ test: Case) throws {
    let file = try file(with: test.line)
    #expect(throws: (any Error).self) { try TraceLoader.summarize([file], prices: TraceTestSupport.prices) }
    do {
      _ = try TraceLoader.summarize([file], prices: TraceTestSupport.prices)
    } catch let error as TraceError {
      #expect(error.description == test.expected + "; fix the record or pass --lenient to skip and count bad lines")
    }
  }

  @Test(arguments: cases)
  func lenientSkipsAndCounts(_ test: Case) throws {
    let summary = try TraceLoader.summarize(
      [try file(with: test.line)], options: TraceLoadOptions(lenient: true), prices: TraceTestSupport.prices)
    #expect(summary.skippedLines == 1)
    #expect(summary.features["a"]?.calls == 3)
    #expect(summary.skippedExamples == [test.expected])
  }

  @Test func unknownRecordNamesItsKeys() throws {
    let file = try TraceTestSupport.temporaryFile("odd.jsonl", Self.good + "\n" + #"{"hello":"world","n":1}"# + "\n")
    #expect(throws: TraceError.unknownRecord(file: "odd.jsonl", line: 2, keys: ["hello", "n"])) {
      try TraceLoader.summarize([file], prices: TraceTestSupport.prices)
    }
  }

  @Test func documentErrorsPointIntoTheFile() throws {
    let file = try TraceTestSupport.temporaryFile(
      "doc.json", "[\n  {\"type\": \"message\",\n   \"usage\": {\"input_tokens\": 1,,}}\n]\n")
    #expect(
      throws: TraceError.badRecord(
        file: "doc.json", line: 3, column: 32, reason: "unexpected ','; expected a quoted key")
    ) {
      try TraceLoader.summarize([file], prices: TraceTestSupport.prices)
    }
  }

  @Test func missingFileIsUnreadable() {
    let file = TraceFile(
      url: TraceTestSupport.repository.appendingPathComponent("no/such.jsonl"), displayName: "no/such.jsonl")
    #expect(throws: TraceError.unreadable(file: "no/such.jsonl", reason: "No such file or directory")) {
      try TraceLoader.summarize([file], prices: TraceTestSupport.prices)
    }
  }

  @Test func emptyFileHasNoCalls() throws {
    let summary = try TraceLoader.summarize(
      [try TraceTestSupport.temporaryFile("empty.jsonl", "\n\n")], prices: TraceTestSupport.prices)
    #expect(summary.totalCalls == 0)
  }
}
