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

  // MARK: One large file in pieces

  static func native(_ index: Int) -> String {
    #"{"feature":"f\#(index % 3)","case":"c-\#(index)","model":"gpt-5","input_tokens":\#(1000 + index % 97),"#
      + #""cache_read_tokens":\#(index % 5 * 128),"output_tokens":\#(200 + index % 31),"reasoning_tokens":0}"#
  }

  static func pieces(_ jobs: Int) -> TraceLoadOptions {
    var options = TraceLoadOptions(jobs: jobs)
    options.pieceMinimumBytes = 1
    return options
  }

  @Test func aLargeFileIsReadInPiecesWithTheSameSummary() throws {
    let file = try TraceTestSupport.temporaryFile(
      "big.jsonl", (0..<2_000).map(Self.native).joined(separator: "\n") + "\n")
    let pieces = TracePieces.split([file], jobs: 4, minimum: 1)
    #expect(pieces.count == 4)
    #expect(pieces.compactMap(\.piece?.firstLine).first == 1)
    #expect(pieces.last?.piece?.isLast == true)
    let apart = try #require(try TraceLoader.summarizeApart(pieces, options: Self.pieces(4), prices: .builtIn()))
    let together = try Self.inOrder([file])
    #expect(together.totalCalls == 2_000)
    #expect(apart == together)
    #expect(try TraceLoader.summarize([file], options: Self.pieces(4), prices: .builtIn()) == together)
  }

  /// A bad line in a later piece is named by its line in the whole file, and under --lenient
  /// the skipped-line examples are the same.
  @Test func linesAreNumberedInTheWholeFile() throws {
    var lines = (0..<2_000).map(Self.native)
    lines[1_700] = #"{"feature":"f","model":"gpt-5","input_tokens":"many"}"#
    let file = try TraceTestSupport.temporaryFile("bad.jsonl", lines.joined(separator: "\n") + "\n")
    var inOrder: String?
    do { _ = try Self.inOrder([file]) } catch { inOrder = "\(error)" }
    var inPieces: String?
    do { _ = try TraceLoader.summarize([file], options: Self.pieces(4), prices: .builtIn()) } catch {
      inPieces = "\(error)"
    }
    #expect(inOrder?.contains("bad.jsonl:1701:") == true, "\(inOrder ?? "")")
    #expect(inPieces == inOrder)
    var lenient = Self.pieces(4)
    lenient.lenient = true
    var lenientInOrder = TraceLoadOptions(lenient: true, jobs: 1)
    lenientInOrder.pieceMinimumBytes = 1
    let skipped = try TraceLoader.summarize([file], options: lenient, prices: .builtIn())
    #expect(skipped == (try TraceLoader.summarize([file], options: lenientInOrder, prices: .builtIn())))
    #expect(skipped.skippedExamples.first?.contains("bad.jsonl:1701") == true)
  }

  /// A stream whose chunks run across a piece's end is read in order.
  @Test func aStreamAcrossPiecesIsReadInOrder() throws {
    let chunk =
      #"{"id":"chatcmpl-X","object":"chat.completion.chunk","model":"gpt-4o-mini","choices":[{"index":0,"delta":{"content":"a"},"finish_reason":null}],"usage":null}"#
    let last =
      #"{"id":"chatcmpl-X","object":"chat.completion.chunk","model":"gpt-4o-mini","choices":[],"usage":{"prompt_tokens":10,"completion_tokens":400,"total_tokens":410}}"#
    let lines =
      (0..<900).map(Self.native) + Array(repeating: chunk, count: 400) + [last] + (900..<1_800).map(Self.native)
    let file = try TraceTestSupport.temporaryFile("stream.jsonl", lines.joined(separator: "\n") + "\n")
    let pieces = TracePieces.split([file], jobs: 2, minimum: 1)
    #expect(pieces.count == 2)
    #expect(try TraceLoader.summarizeApart(pieces, options: Self.pieces(2), prices: .builtIn()) == nil)
    let summary = try TraceLoader.summarize([file], options: Self.pieces(2), prices: .builtIn())
    #expect(summary == (try Self.inOrder([file])))
    #expect(summary.totalCalls == 1_801)
    // A file that opens with a stream chunk is not cut at all: its streams would run across.
    let streamed = try TraceTestSupport.temporaryFile(
      "streamed.jsonl", (Array(repeating: chunk, count: 400) + [last]).joined(separator: "\n") + "\n")
    #expect(TracePieces.split([streamed], jobs: 2, minimum: 1).count == 1)
  }
}
