import Foundation
import JSON
import Testing

@testable import TokenTaxKit

/// `count --request` and `calibrate`, in process.
@Suite struct RequestCommandTests {
  private func run(_ arguments: [String], stdin: String = "", in directory: URL? = nil) -> InProcessRun {
    InProcessRun(arguments, in: directory ?? RequestFixture.directory, stdin: Data(stdin.utf8))
  }

  private let cookbook =
    #"{"model": "gpt-4o", "messages": [{"role": "system", "content": "You are a helpful assistant that can answer to questions about the weather."}, {"role": "user", "content": "What's the weather like in San Francisco?"}]}"#

  /// The cookbook's weather messages without the tool: system 3 + "system" 1 + 14 (tiktoken),
  /// user 3 + 1 + 8, reply priming 3 = 33.
  @Test func countRequestPrintsOneJSONObjectPerRequest() throws {
    let result = run(["count", "--request", "--json", "-"], stdin: cookbook)
    #expect(result.code == .success, "\(result.stderr)")
    #expect(
      result.stdout
        == #"{"api":"chat","exact":true,"file":"-","input_tokens":33,"method":"o200k_base, gpt-4o chat framing","model":"gpt-4o"}"#
        + "\n")
  }

  @Test func countRequestTableMarksEstimatesAndTotals() throws {
    let claude = #"{"model": "claude-haiku-4-5", "messages": [{"role": "user", "content": "Hi"}]}"#
    let directory = try Scratch.directory("requests")
    try Data(cookbook.utf8).write(to: directory.appendingPathComponent("a.json"))
    try Data(claude.utf8).write(to: directory.appendingPathComponent("b.json"))
    let result = run(["count", "--request", "a.json", "b.json"], in: directory)
    #expect(result.code == .success, "\(result.stderr)")
    #expect(result.stdout.contains("    33  exact      a.json  gpt-4o: o200k_base, gpt-4o chat framing"))
    #expect(result.stdout.contains("estimated  b.json  claude-haiku-4-5: o200k_base × 1.15"))
    #expect(result.stdout.contains("  total"))
  }

  /// A JSONL file holds one request per line, bare or wrapped the way batch APIs and recorded
  /// calls wrap them; the table sums the file, --json shows each line.
  @Test func countRequestReadsBatchFilesLineByLine() throws {
    let batch = [
      #"{"custom_id": "q-1", "method": "POST", "url": "/v1/chat/completions", "body": \#(cookbook)}"#,
      "",
      #"{"custom_id": "q-2", "params": {"model": "claude-haiku-4-5", "max_tokens": 10, "messages": [{"role": "user", "content": "Hi"}]}}"#,
      #"{"model": "gpt-4o", "request": {"messages": [{"role": "user", "content": "Hi"}]}, "usage": {"prompt_tokens": 8}}"#,
      cookbook,
    ].joined(separator: "\n")
    let lines = run(["count", "--request", "--json", "-"], stdin: batch).stdout.split(separator: "\n")
    let objects = try lines.map { try JSONParser().parse(String($0)) }
    #expect(objects.map { $0["line"]?.intValue } == [1, 3, 4, 5])
    #expect(objects.map { $0["custom_id"]?.stringValue } == ["q-1", "q-2", nil, nil])
    #expect(objects.map { $0["input_tokens"]?.intValue } == [33, objects[1]["input_tokens"]?.intValue, 8, 33])
    #expect(objects[1]["exact"] == .bool(false))

    let table = run(["count", "--request", "-"], stdin: batch)
    #expect(table.code == .success, "\(table.stderr)")
    let total = objects.compactMap { $0["input_tokens"]?.intValue }.reduce(0, +)
    #expect(table.stdout.contains("estimated  - (4 requests)  2 models or methods; --json shows each request"))
    #expect(table.stdout.contains("\(total)  total"))

    // A .jsonl file on disk is streamed line by line rather than read whole: the same
    // requests, lines and sums as through stdin, in both formats and in argument order.
    let directory = try Scratch.directory("batch")
    try Data(batch.utf8).write(to: directory.appendingPathComponent("batch.jsonl"))
    try Data(cookbook.utf8).write(to: directory.appendingPathComponent("one.json"))
    let streamed = run(["count", "--request", "--json", "one.json", "batch.jsonl"], in: directory)
    #expect(streamed.code == .success, "\(streamed.stderr)")
    let streamedObjects = try streamed.stdout.split(separator: "\n").map { try JSONParser().parse(String($0)) }
    #expect(streamedObjects.map { $0["file"]?.stringValue } == ["one.json"] + Array(repeating: "batch.jsonl", count: 4))
    #expect(streamedObjects.map { $0["line"]?.intValue } == [nil, 1, 3, 4, 5])
    #expect(streamedObjects.dropFirst().map { $0["input_tokens"] } == objects.map { $0["input_tokens"] })
    let streamedTable = run(["count", "--request", "batch.jsonl"], in: directory)
    #expect(
      streamedTable.stdout.contains("estimated  batch.jsonl (4 requests)  2 models or methods"),
      "\(streamedTable.stdout)")
    #expect(streamedTable.stdout.contains("\(total)  total"))
    try Data("\n  \n".utf8).write(to: directory.appendingPathComponent("blank.jsonl"))
    for format in [[], ["--json"]] {
      let blank = run(["count", "--request"] + format + ["blank.jsonl"], in: directory)
      #expect(blank.code == .couldNotRun)
      #expect(blank.stderr.contains("blank.jsonl: holds no requests"), "\(blank.stderr)")
    }
    try Data([0x7B, 0xFF, 0x7D, 0x0A]).write(to: directory.appendingPathComponent("latin.jsonl"))
    let latin = run(["count", "--request", "latin.jsonl"], in: directory)
    #expect(latin.code == .couldNotRun)
    #expect(latin.stderr.contains("latin.jsonl:1: invalid UTF-8 at byte offset 1"), "\(latin.stderr)")

    try Data().write(to: directory.appendingPathComponent("empty.jsonl"))
    // No request to count is exit 2 in both formats: --json would print nothing at all.
    #expect(run(["count", "--request", "empty.jsonl"], in: directory).code == .couldNotRun)

    let broken = run(
      ["count", "--request", "-"],
      stdin: cookbook + "\n"
        + #"{"custom_id": "e", "url": "/v1/embeddings", "body": {"model": "text-embedding-3-small", "input": "hi"}}"#)
    #expect(broken.code == .couldNotRun)
    #expect(
      broken.stderr.contains(
        "-:2: url is /v1/embeddings, but only /v1/chat/completions and /v1/responses batch lines are request bodies; count other text with tokentax count"
      ))
  }

  /// claude-opus-4-6 has 9 recorded calls, most of one size: its fit is implausible and must
  /// not reach the overrides a user pastes.
  @Test func calibrateWarnsAboutImplausibleFitsAndLeavesThemOut() throws {
    let text = run(["calibrate", "recorded-anthropic.jsonl"])
    #expect(text.code == .success, "\(text.stderr)")
    #expect(text.stdout.contains("warning: claude-opus-4-6: token_factor 0.459 is under half the claude family's 1.15"))
    let report = try JSONParser().parse(run(["calibrate", "recorded-anthropic.jsonl", "--json"]).stdout)
    let warnings = try #require(report["warnings"]?.arrayValue)
    #expect(warnings.count == 1)
    #expect(report["overrides"]?["claude-opus-4-6"] == nil)
    #expect(report["overrides"]?["claude-sonnet-4-5"] != nil)
  }

  @Test func countRequestRejectsTokenizerOnlyOptions() {
    let result = run(["count", "--request", "--ids", "-"], stdin: cookbook)
    #expect(result.code == .couldNotRun)
    #expect(result.stderr.contains("--ids does not apply to --request"))
  }

  @Test func calibrateFitsTheRecordedClaudeCalls() throws {
    let result = run(["calibrate", "recorded-anthropic.jsonl", "--json"])
    #expect(result.code == .success, "\(result.stderr)")
    let report = try JSONParser().parse(result.stdout)
    let models = try #require(report["models"]?.arrayValue)
    let haiku = try #require(models.first { $0["model"] == .string("claude-haiku-4-5") })
    #expect(haiku["family"] == .string("claude"))
    let factor = try #require(haiku["token_factor"]?.doubleValue)
    #expect(factor > 1.05 && factor < 1.25)
    #expect(report["overrides"]?["claude-haiku-4-5"]?["token_factor"] == haiku["token_factor"])
  }

  @Test func calibrateSaysWhichCallsItLeftOut() throws {
    let json = run(["calibrate", "recorded-anthropic.jsonl", "--min-tokens", "500", "--json"])
    #expect(json.code == .success, "\(json.stderr)")
    let leftOut = try #require(try JSONParser().parse(json.stdout)["left_out"])
    #expect(leftOut["images"]?.intValue == 18)
    #expect((leftOut["small"]?.intValue ?? 0) > 200)
    let text = run(["calibrate", "recorded-anthropic.jsonl", "--min-tokens", "500"])
    #expect(text.stdout.contains("left out: 18 with images"))
    #expect(text.stdout.contains("under --min-tokens"))
  }

  @Test func calibrateRecoversAKnownFactorAndOverhead() throws {
    // Calls billed exactly 2 × o200k content + 10: the fit must find 2 and 10 again.
    var lines: [String] = []
    for words in 1...6 {
      let text = Array(repeating: "cat", count: words * 10).joined(separator: " ")
      let content = words * 10 + 2  // o200k: one token per " cat" + 2 framing for the message
      lines.append(
        #"{"model": "claude-haiku-4-5", "request": {"model": "claude-haiku-4-5", "messages": [{"role": "user", "content": "\#(text)"}]}, "usage": {"input_tokens": \#(2 * content + 10)}}"#
      )
    }
    let result = run(["calibrate", "-", "--json"], stdin: lines.joined(separator: "\n"))
    #expect(result.code == .success, "\(result.stderr)")
    let fit = try #require(try JSONParser().parse(result.stdout)["models"]?.arrayValue?.first)
    #expect(fit["token_factor"] == .number("2"))
    #expect(fit["request_overhead"] == .number("10"))
    #expect(fit["error"]?["max_abs_percent"] == .number("0"))
  }

  @Test func calibrateNamesTheLineOfABadTrace() {
    let result = run(["calibrate", "-"], stdin: "{\"model\": \"claude-haiku-4-5\", \"request\": {\"messages\": []}}\n")
    #expect(result.code == .couldNotRun)
    #expect(result.stderr.contains("-:1: usage has no input token count; record the provider's usage"))
  }

  @Test func calibrateWithOnlyOpenAICallsSaysWhy() {
    let line = #"{"request": \#(cookbook), "usage": {"prompt_tokens": 35}}"#
    let result = run(["calibrate", "-"], stdin: line)
    #expect(result.code == .couldNotRun)
    #expect(result.stderr.contains("OpenAI calls are counted exactly"))
  }
}
