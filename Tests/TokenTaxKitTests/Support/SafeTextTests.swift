import Foundation
import Testing

@testable import TokenTaxKit

/// Control and bidi characters from input never reach a terminal raw, and a huge quoted value
/// cannot make a huge error line.
@Suite struct SafeTextTests {
  @Test func controlAndBidiCharactersBecomeVisible() {
    #expect(SafeText.escaped("a\u{1B}[31mb\u{07}") == "a\\u{1B}[31mb\\u{7}")
    #expect(SafeText.escaped("x\u{202E}y\u{2066}z") == "x\\u{202E}y\\u{2066}z")
    #expect(SafeText.escaped("tab\there\nline", keepNewlines: true) == "tab\\u{9}here\nline")
    #expect(SafeText.escaped("plain café ✓") == "plain café ✓")
  }

  @Test func quotedValuesAreCut() {
    let value = String(repeating: "x", count: 100_000)
    #expect(SafeText.quoted(value, limit: 10) == "xxxxxxxxxx… (100000 characters)")
    let line = SafeText.errorLine("prices.json: field 'encoding' is '\(value)'; use o200k_base")
    #expect(line.count < 300)
    #expect(line.hasSuffix("… (100000 characters)'; use o200k_base"))
  }

  @Test func aFeatureIDWithEscapesIsEscapedInTheTableAndTheError() throws {
    let file = try TraceTestSupport.temporaryFile(
      "esc.jsonl",
      #"{"feature":"bot\u001b]0;owned\u0007\u202e","model":"gpt-5","input_tokens":1,"output_tokens":2}"# + "\n")
    let table = TraceTestSupport.run(["traces", "summarize", file.url.path])
    #expect(table.status == .success, "\(table.stderr)")
    #expect(table.stdout.contains("bot\\u{1B}]0;owned\\u{7}\\u{202E}"), "\(table.stdout)")
    #expect(!table.stdout.unicodeScalars.contains { SafeText.isUnsafe($0) && $0 != "\n" })

    let bad = try TraceTestSupport.temporaryFile("bad\u{1B}[2J.jsonl", "not json\n")
    let error = TraceTestSupport.run(["traces", "summarize", bad.url.path])
    #expect(error.status == .couldNotRun)
    #expect(error.stderr.contains("bad\\u{1B}[2J.jsonl:1:1"))
    #expect(!error.stderr.unicodeScalars.contains { SafeText.isUnsafe($0) && $0 != "\n" })
  }

  /// A 100,000-character bad value in a price file gives a one-line error of about 200
  /// characters; any error line, however it was built, stops at 2,000.
  @Test func errorsStaySmallWhateverTheValue() throws {
    let huge = String(repeating: "x", count: 100_000)
    let file = try TraceTestSupport.temporaryFile(
      "prices.json", #"{"version": 1, "models": {"a": {"input": ""# + huge + #"", "output": 1}}}"#)
    let run = InProcessRun(["prices", "--prices", file.url.path], in: file.url.deletingLastPathComponent())
    #expect(run.code == .couldNotRun)
    #expect(run.stderr.count < 400, "\(run.stderr.count) characters")
    #expect(run.stderr.contains("… (100000 characters)"))
    let line = SafeText.errorLine("no quotes at all " + huge)
    #expect(line.count < SafeText.lineLimit + 40)
    #expect(line.hasSuffix("… (100017 characters)"))
  }
}
