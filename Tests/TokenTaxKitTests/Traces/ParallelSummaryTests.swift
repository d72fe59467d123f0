import Foundation
import Testing

@testable import TokenTaxKit

/// Several trace files summarized on all cores give the summary they give read in order, and
/// files that share something (a duplicate, a stream, an agent span) are read in order.
@Suite struct ParallelSummaryTests {
  /// One file of every format that needs nothing from another file.
  static let independent = [
    "native/canary.jsonl", "openai/chat-completions.jsonl", "openai/chat-stream.jsonl", "openai/batch-output.jsonl",
    "openai/responses-stream.jsonl", "anthropic/messages.jsonl", "anthropic/stream.jsonl",
    "gemini/stream.jsonl", "bedrock/converse.jsonl", "litellm/spend-logs.jsonl", "promptfoo/results.json",
  ].map(TraceTestSupport.fixture)

  static func inOrder(_ files: [TraceFile]) throws -> TraceSummary {
    try TraceLoader.summarize(files, options: TraceLoadOptions(jobs: 1), prices: .builtIn())
  }

  @Test func independentFilesAreReadApartWithTheSameSummary() throws {
    let apart = try #require(
      try TraceLoader.summarizeApart(Self.independent, options: TraceLoadOptions(jobs: 4), prices: .builtIn()))
    let together = try Self.inOrder(Self.independent)
    #expect(together.totalCalls > 20)
    #expect(apart == together)
    #expect(
      try TraceLoader.summarize(Self.independent, options: TraceLoadOptions(jobs: 3), prices: .builtIn()) == together)
  }

  /// The same export listed twice: the second copy's messages are duplicates of the first's,
  /// which only reading in order sees, so the files are read in order.
  @Test func filesSharingIdsAreReadInOrder() throws {
    let twice = [
      TraceTestSupport.fixture("anthropic/messages.jsonl"), TraceTestSupport.fixture("anthropic/messages.jsonl"),
    ]
    #expect(try TraceLoader.summarizeApart(twice, options: TraceLoadOptions(jobs: 2), prices: .builtIn()) == nil)
    let summary = try TraceLoader.summarize(twice, options: TraceLoadOptions(jobs: 2), prices: .builtIn())
    #expect(summary == (try Self.inOrder(twice)))
    #expect(summary.totalCalls == (try Self.inOrder([twice[0]])).totalCalls)
  }

  /// Agent spans wait for every file's spans (a generation may sit in another file).
  @Test(arguments: ["langfuse/observations.json", "otel/spans.jsonl"])
  func aggregateSpansAreReadInOrder(_ path: String) throws {
    let files = [TraceTestSupport.fixture(path), TraceTestSupport.fixture("native/canary.jsonl")]
    #expect(try TraceLoader.summarizeApart(files, options: TraceLoadOptions(jobs: 2), prices: .builtIn()) == nil)
    #expect(
      try TraceLoader.summarize(files, options: TraceLoadOptions(jobs: 2), prices: .builtIn())
        == (try Self.inOrder(files)))
  }

  /// A stream cut across two files: the second file's late chunks belong to the first's stream.
  @Test func aStreamAcrossFilesIsReadInOrder() throws {
    let lines = try String(
      contentsOf: TraceTestSupport.repository.appendingPathComponent("fixtures/traces/gemini/stream.jsonl"),
      encoding: .utf8
    ).split(separator: "\n").map(String.init)
    let first = try TraceTestSupport.temporaryFile("a.jsonl", lines.joined(separator: "\n") + "\n")
    let second = try TraceTestSupport.temporaryFile("b.jsonl", (lines.last ?? "") + "\n")
    #expect(
      try TraceLoader.summarizeApart([first, second], options: TraceLoadOptions(jobs: 2), prices: .builtIn()) == nil)
    #expect(
      try TraceLoader.summarize([first, second], options: TraceLoadOptions(jobs: 2), prices: .builtIn())
        == (try Self.inOrder([first, second])))
  }

  /// The first bad line in file order is the error, as when the files are read one by one.
  @Test func theFirstErrorInFileOrderIsThrown() throws {
    let files = Self.independent + [TraceTestSupport.fixture("native/bad-line.jsonl")]
    var inOrder: String?
    do { _ = try Self.inOrder(files) } catch { inOrder = "\(error)" }
    var apart: String?
    do { _ = try TraceLoader.summarize(files, options: TraceLoadOptions(jobs: 4), prices: .builtIn()) } catch {
      apart = "\(error)"
    }
    #expect(inOrder != nil)
    #expect(apart == inOrder)
  }
}
