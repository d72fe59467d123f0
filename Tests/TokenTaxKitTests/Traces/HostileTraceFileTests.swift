import Foundation
import JSON
import Testing

@testable import TokenTaxKit

/// Trace paths that are not plain files, records larger than memory should hold, bytes that
/// are not UTF-8 and misspelt token keys: each is one sentence naming the file, never a hang,
/// unbounded memory or tokens dropped without a word.
@Suite struct HostileTraceFileTests {
  static let good = BadLineTests.good

  private func summarize(_ file: TraceFile, _ options: TraceLoadOptions = TraceLoadOptions()) throws -> TraceSummary {
    try TraceLoader.summarize([file], options: options, prices: TraceTestSupport.prices)
  }

  @Test func aNamedPipeIsRefusedWithoutBlocking() throws {
    let url = try Scratch.directory("fifo").appendingPathComponent("calls.jsonl")
    #expect(mkfifo(url.path, 0o600) == 0)
    #expect(throws: TraceError.unreadable(file: "calls.jsonl", reason: "it is a named pipe (FIFO), not a regular file"))
    {
      try summarize(TraceFile(url: url, displayName: "calls.jsonl"))
    }
  }

  @Test func aDeviceIsRefused() {
    #expect(throws: TraceError.unreadable(file: "/dev/zero", reason: "it is a device, not a regular file")) {
      try summarize(TraceFile(url: URL(fileURLWithPath: "/dev/zero"), displayName: "/dev/zero"))
    }
  }

  /// A minified export is one line: its elements are framed one by one, so a record limit far
  /// below the file's size still reads it all.
  @Test func aOneLineArrayStreamsElementByElement() throws {
    let element = #"{"feature":"a","model":"gpt-5","input_tokens":10,"output_tokens":5}"#
    let file = try TraceTestSupport.temporaryFile(
      "export.json", "[" + Array(repeating: element, count: 2_000).joined(separator: ",") + "]")
    var options = TraceLoadOptions()
    options.maximumRecordBytes = 4_096
    let summary = try summarize(file, options)
    #expect(summary.features["a"]?.calls == 2_000)
  }

  @Test func aRecordOverTheLimitIsRefused() throws {
    let huge =
      #"{"feature":"a","model":"gpt-5","input_tokens":10,"output_tokens":5,"pad":""#
      + String(repeating: "x", count: 3 << 20) + "\"}"
    let file = try TraceTestSupport.temporaryFile("big.jsonl", Self.good + "\n" + huge + "\n")
    var options = TraceLoadOptions()
    options.maximumRecordBytes = 1 << 20
    #expect(throws: TraceError.recordTooLarge(file: "big.jsonl", line: 2, limit: 1 << 20)) {
      try summarize(file, options)
    }
    #expect(
      TraceError.recordTooLarge(file: "big.jsonl", line: 2, limit: 1 << 20).description
        == "big.jsonl:2: a single record is larger than 1 MB; write one call per line (JSON Lines) or one per element of a top-level array"
    )
  }

  @Test func invalidUTF8IsAnErrorOrSkippedAndCounted() throws {
    // A cache-read key broken by a stray byte: read leniently it would vanish from the call.
    var bytes = Data((Self.good + "\n").utf8)
    bytes += Data(#"{"feature":"a","model":"gpt-5","input_tokens":10,"output_tokens":5,"cache_read"#.utf8)
    bytes += Data([0xFF])
    bytes += Data(#"_tokens":3072}"#.utf8) + Data("\n".utf8)
    let url = try Scratch.directory("utf8").appendingPathComponent("calls.jsonl")
    try bytes.write(to: url)
    let file = TraceFile(url: url, displayName: "calls.jsonl")
    #expect(throws: TraceError.badRecord(file: "calls.jsonl", line: 2, column: 79, reason: "invalid UTF-8 in the line"))
    {
      try summarize(file)
    }
    let lenient = try summarize(file, TraceLoadOptions(lenient: true))
    #expect(lenient.skippedLines == 1)
    #expect(lenient.features["a"]?.calls == 1)
  }

  @Test(arguments: ["calls.jsonl", "calls.json"])
  func aMisspeltTokenKeyIsAnError(name: String) throws {
    let typo = #"{"feature":"a","model":"gpt-5","inpt_tokens":100000,"output_tokens":5}"#
    let text = name.hasSuffix(".jsonl") ? Self.good + "\n" + typo + "\n" : "[" + Self.good + ",\n" + typo + "]"
    let file = try TraceTestSupport.temporaryFile(name, text)
    do {
      _ = try summarize(file)
      Issue.record("a misspelt key was accepted")
    } catch let error as TraceError {
      #expect(
        error.description.contains(
          "unknown key 'inpt_tokens' in a tokentax record (did you mean 'input_tokens'?); the token counts are input_tokens, "
            + "output_tokens, reasoning_tokens, cache_read_tokens, cache_write_tokens"), "\(error.description)")
    }
    // Extra keys that are not token counts stay allowed: attribution rules may read them.
    let extra = try TraceTestSupport.temporaryFile(
      "extra.jsonl", #"{"feature":"a","route":"/chat","input_tokens":1,"output_tokens":1}"#)
    #expect(try summarize(extra).features["a"]?.calls == 1)
  }
}

/// Summaries read as input merge as they are read, and one whose statistics disagree with its
/// rows is refused rather than reported.
@Suite struct SummaryInputTests {
  private func summaryLine() throws -> String {
    let calls = try TraceTestSupport.temporaryFile("c.jsonl", BadLineTests.good + "\n" + BadLineTests.good + "\n")
    let summary = try TraceLoader.summarize([calls], prices: TraceTestSupport.prices)
    return JSONWriter.string(TraceSummaryJSON.encode(summary), pretty: false)
  }

  @Test func manySummaryRecordsMergeIntoOne() throws {
    let line = try summaryLine()
    let file = try TraceTestSupport.temporaryFile(
      "many.jsonl", Array(repeating: line, count: 500).joined(separator: "\n") + "\n")
    var collected = 0
    let outcome = try TraceLoader.read([file], onSummary: { _ in collected += 1 }, onCall: { _ in })
    #expect(collected == 500)
    #expect(outcome.summaries.isEmpty)
    #expect(try TraceLoader.summarize([file], prices: TraceTestSupport.prices).features["a"]?.calls == 1_000)
  }

  @Test func anInconsistentSummaryIsRefused() throws {
    let line = try summaryLine()
    let inflated = line.replacingOccurrences(of: #""calls":2,"cost_usd""#, with: #""calls":1000000000,"cost_usd""#)
    #expect(inflated != line)
    let file = try TraceTestSupport.temporaryFile("bad-summary.jsonl", inflated + "\n")
    do {
      _ = try TraceLoader.summarize([file], prices: TraceTestSupport.prices)
      Issue.record("an inconsistent summary was accepted")
    } catch let error as TraceError {
      #expect(
        error.description.contains("stats.calls is 2 but its models' calls add up to 1000000000"),
        "\(error.description)")
    }
  }
}

@Suite struct AzureStreamTests {
  @Test func anAzureStreamCountsOnce() throws {
    let lines = [
      #"{"choices":[],"created":0,"id":"","model":"","object":"","prompt_filter_results":[{"prompt_index":0,"content_filter_results":{"hate":{"filtered":false,"severity":"safe"}}}]}"#,
      #"{"choices":[{"delta":{"content":"Hi"},"index":0,"finish_reason":null}],"created":1,"id":"chatcmpl-1","model":"gpt-5","object":"chat.completion.chunk"}"#,
      #"{"choices":[],"created":1,"id":"chatcmpl-1","model":"gpt-5","object":"chat.completion.chunk","usage":{"prompt_tokens":20,"completion_tokens":3,"total_tokens":23}}"#,
    ]
    let file = try TraceTestSupport.temporaryFile("azure.jsonl", lines.joined(separator: "\n") + "\n")
    let summary = try TraceLoader.summarize([file], prices: TraceTestSupport.prices)
    #expect(summary.totalCalls == 1)
    #expect(TraceTestSupport.rows(summary).map(\.usage.uncachedInput) == [20])
    #expect(summary.notes.messages.isEmpty, "\(summary.notes.messages)")
  }
}

@Suite struct LangfuseTraceExportTests {
  /// The UI download / traces API shape: observations under the trace and beside it, usage on
  /// the agent and on its generations. Each generation counts once; the agent's sum not at all.
  @Test func aTraceExportCountsEachGenerationOnce() throws {
    let agent =
      #"{"id":"o-1","traceId":"t-1","type":"AGENT","parentObservationId":null,"model":null,"usageDetails":{"input":300,"output":30}}"#
    let first =
      #"{"id":"o-2","traceId":"t-1","type":"GENERATION","parentObservationId":"o-1","model":"gpt-5","usageDetails":{"input":100,"output":10}}"#
    let second =
      #"{"id":"o-3","traceId":"t-1","type":"GENERATION","parentObservationId":"o-1","model":"gpt-5","usageDetails":{"input":200,"output":20}}"#
    let observations = "[\(agent),\n\(first),\n\(second)]"
    let text =
      "{\n\"trace\": {\"id\": \"t-1\", \"name\": \"support\", \"observations\": \(observations)},\n\"observations\": \(observations)\n}\n"
    let file = try TraceTestSupport.temporaryFile("trace-t-1.json", text)
    let summary = try TraceLoader.summarize([file], prices: TraceTestSupport.prices)
    #expect(summary.totalCalls == 2)
    #expect(TraceTestSupport.rows(summary).map(\.usage.uncachedInput) == [300])
    #expect(TraceTestSupport.rows(summary).map(\.usage.output) == [30])
  }
}
