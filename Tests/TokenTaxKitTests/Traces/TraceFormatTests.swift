import Foundation
import Testing

@testable import TokenTaxKit

/// Each format's sample, summed by hand from the providers' inclusion rules
/// (`fixtures/traces/README.md` says what each sample holds).
@Suite struct TraceFormatTests {
  typealias Row = TraceTestSupport.Row

  struct Case: CustomTestStringConvertible, Sendable {
    var file: String
    var rows: [Row]
    var notes: TraceNotes
    var testDescription: String { file }
  }

  static func notes(
    incomplete: Int = 0, duplicates: Int = 0, aggregates: Int = 0, cached: Int = 0, failed: Int = 0, graders: Int = 0
  ) -> TraceNotes {
    var notes = TraceNotes()
    notes.incompleteStreams = incomplete
    notes.duplicates = duplicates
    notes.aggregateSpans = aggregates
    notes.cachedResponses = cached
    notes.failedRequests = failed
    notes.graderCalls = graders
    return notes
  }

  static let cases: [Case] = [
    Case(
      file: "native/canary.jsonl",
      rows: [
        Row("release-notes-agent gemini-2.5-flash batch", calls: 1, 3200, 0, 0, 900, 250),
        // 1840 + "1200" (a number as a string), 1536 + "1536", 412 + "300".
        Row("support-bot gpt-5", calls: 2, 3040, 3072, 0, 712, 128),
        Row("unattributed gpt-5", calls: 1, 500, 0, 0, 60, 0),
      ], notes: notes()),
    Case(
      file: "openai/chat-completions.jsonl",
      rows: [
        // prompt 5000 − cached 3000 − written 1500 = 500 uncached.
        Row("rag-qa gpt-5.6", calls: 1, 500, 3000, 1500, 100, 0),
        // prompt 2006 − cached 1920 = 86; the second copy of chatcmpl-9xK2 is not counted.
        Row("ticket-summarizer gpt-4o-2024-08-06", calls: 1, 86, 1920, 0, 300, 0),
        // Numbers as strings; reasoning 704 stays inside completion 950.
        Row("ticket-summarizer o4-mini-2025-04-16", calls: 1, 1200, 0, 0, 950, 704),
        // DeepSeek: prompt_cache_hit_tokens and cached_tokens are one quantity: 1500 − 1024 = 476.
        Row("unattributed deepseek-chat", calls: 1, 476, 1024, 0, 200, 0),
        Row("unattributed gpt-3.5-turbo-instruct", calls: 1, 40, 0, 0, 12, 0),
      ], notes: notes(duplicates: 1)),
    Case(
      file: "openai/chat-stream.jsonl",
      rows: [
        // Usage only in the last chunk (choices: []), counted once.
        Row("unattributed gpt-4o-mini-2024-07-18", calls: 1, 812, 0, 0, 95, 0),
        // A running total in every chunk: the last (3), not 1 + 2 + 3.
        Row("unattributed meta-llama/Llama-3.3-70B-Instruct", calls: 1, 100, 0, 0, 3, 0),
      ], notes: notes(incomplete: 1)),
    Case(
      file: "openai/responses.json",
      rows: [
        // 5320 − 4096 = 1224; reasoning 896 inside output 1210.
        Row("ticket-summarizer gpt-5-2025-08-07", calls: 1, 1224, 4096, 0, 1210, 896),
        // 2000 − 1024 written = 976.
        Row("ticket-summarizer gpt-5.6", calls: 1, 976, 0, 1024, 300, 0),
      ], notes: notes()),
    Case(
      file: "openai/responses-stream.jsonl",
      rows: [Row("faq-bot gpt-5-mini-2025-08-07", calls: 1, 128, 512, 0, 88, 64)], notes: notes(incomplete: 1)),
    Case(
      file: "openai/batch-output.jsonl",
      // (812 + 0) and (700 − 256 = 444): 1256 uncached, 256 read, 95 + 120 out.
      rows: [Row("unattributed gpt-4o-mini-2024-07-18 batch", calls: 2, 1256, 256, 0, 215, 0)], notes: notes(failed: 1)),
    Case(
      file: "anthropic/messages.jsonl",
      rows: [
        // Cache writes from the TTL breakdown alone: 3000 + 1000; thinking 1200 inside output 1500.
        Row("unattributed claude-haiku-4-5", calls: 1, 50, 0, 4000, 1500, 1200),
        // The advisor pass runs on another model: its tokens, no call.
        Row("unattributed claude-opus-4-6", calls: 0, 3000, 0, 0, 400, 0),
        // input_tokens excludes the cache: 412 + 6120 read.
        Row("unattributed claude-sonnet-4-5-20250929", calls: 1, 412, 6120, 0, 388, 0),
        // Top-level 200/8000/600 plus the compaction pass 150000/2500; the "message" iteration
        // repeats the top level and is not added.
        Row("unattributed claude-sonnet-4-6", calls: 1, 150_200, 8000, 0, 3100, 0),
      ], notes: notes()),
    Case(
      file: "anthropic/stream.jsonl",
      // message_delta counts are cumulative: 150 (not 1 + 80 + 150) and 42; 25 + 10 input.
      rows: [Row("unattributed claude-sonnet-4-5-20250929", calls: 2, 35, 500, 2048, 192, 0)], notes: notes()),
    Case(
      file: "anthropic/batch-results.jsonl",
      rows: [Row("unattributed claude-haiku-4-5-20251001 batch", calls: 1, 900, 0, 0, 250, 0)], notes: notes(failed: 2)),
    Case(
      file: "gemini/stream.jsonl",
      rows: [
        // 800 prompt + 230 tool-use prompt, billed as input.
        Row("unattributed gemini-2.5-flash", calls: 1, 1030, 0, 0, 120, 0),
        // Running totals: the last chunk only. 15230 − 12288 = 2942; 640 + 1175 thoughts = 1815.
        Row("unattributed gemini-2.5-pro", calls: 1, 2942, 12288, 0, 1815, 1175),
      ], notes: notes()),
    Case(
      file: "gemini/batch-output.jsonl",
      rows: [
        Row("release-notes-agent gemini-2.5-flash batch", calls: 1, 1000, 0, 0, 200, 50),
        Row("unattributed gemini-2.5-flash batch", calls: 1, 4000, 0, 0, 500, 0),
      ], notes: notes()),
    Case(
      file: "bedrock/converse.jsonl",
      rows: [
        // Invocation log: cacheReadInputTokens and cacheReadInputTokenCount are one quantity
        // (2000, not 4000); the body is JSON inside a JSON string; the repeat is not counted.
        Row("faq-bot anthropic.claude-haiku-4-5-20251001-v1:0", calls: 1, 120, 2000, 0, 80, 0),
        Row("support-bot anthropic.claude-sonnet-4-5-20250929-v1:0", calls: 1, 57, 0, 4096, 240, 0),
        // inputTokens 1500 already held the 1024 read (total 1600 = 1500 + 100): 476.
        Row("unattributed openai.gpt-oss-120b-1:0", calls: 1, 476, 1024, 0, 100, 0),
        // The ConverseStream `metadata` event; the other events carry no usage.
        Row("unattributed unknown", calls: 1, 30, 500, 0, 12, 0),
      ], notes: notes(duplicates: 1)),
    Case(
      file: "otel/spans.jsonl",
      rows: [
        // OpenInference: prompt 1200 includes the 1024 read.
        Row("rag-qa gpt-4o", calls: 1, 176, 1024, 0, 150, 0),
        // Vercel: the doGenerate span counts, its ai.generateText parent does not.
        Row("release-notes gpt-4o-mini-2024-07-18", calls: 1, 500, 0, 0, 80, 0),
        // (6532 − 6120) + (2468 − 1024 written) = 412 + 1444; the agent span's 9000/700 is their
        // sum and is not added; the re-exported chat span is counted once.
        Row("support-bot claude-sonnet-4-5-20250929", calls: 2, 1856, 6120, 1024, 700, 100),
        // An agent span without children that carry usage is the call.
        Row("triage-agent gpt-5", calls: 1, 300, 0, 0, 50, 0),
      ], notes: notes(duplicates: 1, aggregates: 2)),
    Case(
      file: "langfuse/observations.json",
      rows: [
        // OpenAI usage stored verbatim (inclusive): 3000 − 1024.
        Row("research o3", calls: 1, 1976, 1024, 0, 1800, 1500),
        // Anthropic usage stored verbatim (exclusive); the AGENT parent's sum is not added.
        Row("support-bot claude-sonnet-4-5", calls: 1, 412, 6120, 0, 388, 0),
        // Langfuse's own buckets are disjoint.
        Row("ticket-summarizer gpt-4o-2024-08-06", calls: 1, 86, 1920, 0, 300, 0),
        // output 50 excludes output_reasoning_tokens 30: billed output 80.
        Row("ticket-summarizer gpt-4o-mini", calls: 1, 100, 0, 0, 80, 30),
      ], notes: notes(duplicates: 1, aggregates: 1, graders: 1)),
    Case(
      file: "litellm/spend-logs.jsonl",
      rows: [
        Row("rag-qa gpt-5-mini", calls: 1, 1000, 0, 0, 500, 320),
        // prompt_tokens 7000 includes 6120 read and 468 written: 412 uncached.
        Row("support-bot claude-sonnet-4-5-20250929", calls: 1, 412, 6120, 468, 388, 0),
        Row("ticket-summarizer gpt-4o-2024-08-06", calls: 1, 86, 1920, 0, 300, 0),
      ], notes: notes(cached: 1, failed: 1)),
    Case(
      file: "promptfoo/results.json",
      // The app's tokens only: 1200 + 1300 prompt, 250 + 400 completion; the grader's 900 are not.
      rows: [Row("support-bot claude-sonnet-4-6", calls: 2, 2500, 0, 0, 650, 150)],
      notes: notes(cached: 1, failed: 1, graders: 1)),
  ]

  @Test(arguments: cases)
  func bucketsMatchTheHandSums(_ test: Case) throws {
    let summary = try TraceLoader.summarize([TraceTestSupport.fixture(test.file)], prices: TraceTestSupport.prices)
    #expect(TraceTestSupport.rows(summary) == test.rows)
    #expect(summary.notes == test.notes)
    #expect(summary.skippedLines == 0)
  }

  @Test(arguments: cases)
  func forcedFormatReadsTheSame(_ test: Case) throws {
    let auto = try TraceLoader.summarize([TraceTestSupport.fixture(test.file)], prices: TraceTestSupport.prices)
    let format = try #require(TraceFormat(rawValue: String(test.file.prefix { $0 != "/" })))
    let forced = try TraceLoader.summarize(
      [TraceTestSupport.fixture(test.file)], options: TraceLoadOptions(format: format), prices: TraceTestSupport.prices)
    #expect(TraceTestSupport.rows(forced) == TraceTestSupport.rows(auto))
  }

  @Test func mixedFilesDetectEachLine() throws {
    let lines = [
      #"{"feature":"a","model":"gpt-5","input_tokens":10,"output_tokens":5}"#,
      #"{"id":"m1","type":"message","model":"claude-sonnet-4-6","usage":{"input_tokens":7,"output_tokens":3}}"#,
      #"{"id":"c1","object":"chat.completion","model":"gpt-5","usage":{"prompt_tokens":20,"completion_tokens":4}}"#,
      #"{"feature":"a","model":"gpt-5","input_tokens":1,"output_tokens":1}"#,
    ]
    let file = try TraceTestSupport.temporaryFile("mixed.jsonl", lines.joined(separator: "\n") + "\n")
    let summary = try TraceLoader.summarize([file], prices: TraceTestSupport.prices)
    #expect(
      TraceTestSupport.rows(summary) == [
        Row("a gpt-5", calls: 2, 11, 0, 0, 6, 0), Row("unattributed claude-sonnet-4-6", calls: 1, 7, 0, 0, 3, 0),
        Row("unattributed gpt-5", calls: 1, 20, 0, 0, 4, 0),
      ])
  }

  @Test func costIsOneDotProductOfDisjointBuckets() throws {
    // gpt-5: 1840 × 1.25 + 1536 × 0.125 + 412 × 10 = 6612 per million; + 1200 × 1.25 + 1536 × 0.125
    // + 300 × 10 = 4692; total 11304 / 1e6.
    let summary = try TraceLoader.summarize(
      [TraceTestSupport.fixture("native/canary.jsonl")], prices: TraceTestSupport.prices)
    let support = try #require(summary.features["support-bot"])
    #expect(support.costUSD == Decimal(string: "0.011304"))
    // Batch halves gemini-2.5-flash: (3200 × 0.3 + 900 × 2.5) / 2 / 1e6.
    #expect(summary.features["release-notes-agent"]?.costUSD == Decimal(string: "0.001605"))
    #expect(summary.unknownModels.isEmpty)
  }
}
