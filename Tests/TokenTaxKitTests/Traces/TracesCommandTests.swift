import Testing

@testable import TokenTaxKit

/// `tokentax traces summarize` and `traces diff` end to end, in process.
@Suite struct TracesCommandTests {
  static let canary = "fixtures/demo/canary/"

  @Test func tracesSummarizeTable() {
    let result = TraceTestSupport.run(["traces", "summarize", "fixtures/traces/openai/chat-completions.jsonl"])
    #expect(result.status == .success)
    assertSnapshot(result.stdout, extension: "txt")
    #expect(result.stderr.contains("warning: 1 record(s) appeared twice (same id) and were counted once\n"))
  }

  @Test func tracesSummarizeJSON() {
    let result = TraceTestSupport.run(["traces", "summarize", "fixtures/traces/native/canary.jsonl", "--json"])
    #expect(result.status == .success)
    assertSnapshot(result.stdout, extension: "json")
  }

  @Test func tracesDiffTable() {
    let result = TraceTestSupport.run([
      "traces", "diff", Self.canary + "support-bot.base.jsonl", Self.canary + "support-bot.head.jsonl",
    ])
    #expect(result.status == .success)
    assertSnapshot(result.stdout, extension: "txt")
  }

  @Test func tracesDiffJSONIsByteIdenticalAcrossRuns() {
    let arguments = ["traces", "diff", Self.canary + "rag-qa.base.jsonl", Self.canary + "rag-qa.head.jsonl", "--json"]
    let first = TraceTestSupport.run(arguments)
    let second = TraceTestSupport.run(arguments)
    #expect(first.status == .success)
    #expect(first.stdout == second.stdout)
    assertSnapshot(first.stdout, extension: "json")
  }

  @Test func summarizeJSONIsAcceptedByDiff() throws {
    let summary = TraceTestSupport.run(["traces", "summarize", Self.canary + "support-bot.base.jsonl", "--json"])
    let file = try TraceTestSupport.temporaryFile("base-summary.json", summary.stdout)
    let fromSummary = TraceTestSupport.run([
      "traces", "diff", file.url.path, Self.canary + "support-bot.head.jsonl", "--json",
    ])
    let fromTraces = TraceTestSupport.run(
      ["traces", "diff", Self.canary + "support-bot.base.jsonl", Self.canary + "support-bot.head.jsonl", "--json"])
    #expect(fromSummary.status == .success)
    #expect(fromSummary.stdout == fromTraces.stdout)
  }

  @Test(arguments: [
    (
      ["traces", "summarize", "fixtures/traces/none.jsonl"],
      "error: cannot read trace file 'fixtures/traces/none.jsonl': No such file or directory; check the path and its permissions\n"
    ),
    (
      ["traces", "summarize", "x.jsonl", "--format", "otlp"],
      "error: option '--format' must be table or json (or a trace format: native, openai, anthropic, gemini, bedrock, otel, langfuse, litellm, promptfoo, summary), got 'otlp' (did you mean 'otel'?)\n"
    ),
    (
      ["traces", "diff", "only-one.jsonl"],
      "error: 'tokentax traces diff' needs base-and-head; run 'tokentax traces diff --help' for usage\n"
    ),
    (
      ["traces", "summarize"],
      "error: 'tokentax traces summarize' needs files; run 'tokentax traces summarize --help' for usage\n"
    ),
  ])
  func badUsageIsExitTwo(arguments: [String], message: String) {
    let result = TraceTestSupport.run(arguments)
    #expect(result.status == .couldNotRun)
    #expect(result.stderr == message)
    #expect(result.stdout.isEmpty)
  }

  @Test func lenientSummarizesAroundBadLines() throws {
    let file = try TraceTestSupport.temporaryFile(
      "some-bad.jsonl", #"{"feature":"a","input_tokens":1,"output_tokens":2}"# + "\nnot json\n")
    let strict = TraceTestSupport.run(["traces", "summarize", file.url.path])
    #expect(strict.status == .couldNotRun)
    #expect(strict.stderr.hasPrefix("error: \(file.url.path):2:1: unexpected 'n'; expected a value"))
    let lenient = TraceTestSupport.run(["traces", "summarize", file.url.path, "--lenient", "--json"])
    #expect(lenient.status == .success)
    #expect(lenient.stdout.contains("\"skipped_lines\": 1"))
    #expect(
      lenient.stderr.contains(
        "warning: skipped 1 bad line(s) (first: \(file.url.path):2:1: unexpected 'n'; expected a value)"))
  }
}
