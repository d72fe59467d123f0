import Foundation
import Testing

@testable import TokenTaxKit

@Suite struct InMemoryTraceTests {
  /// `check` reads trace files from git: the same records from memory give the same summary.
  @Test func bytesFromGitReadLikeTheFile() throws {
    let file = TraceTestSupport.fixture("openai/chat-stream.jsonl")
    let bytes = try Data(contentsOf: file.url)
    let fromDisk = try TraceLoader.summarize([file], prices: TraceTestSupport.prices)
    let fromMemory = try TraceLoader.summarize(
      [TraceFile(contents: bytes, displayName: "chat-stream.jsonl")], prices: TraceTestSupport.prices)
    #expect(fromMemory == fromDisk)
    let document = try Data(contentsOf: TraceTestSupport.fixture("langfuse/observations.json").url)
    let langfuse = try TraceLoader.summarize(
      [TraceFile(contents: document, displayName: "obs.json")], prices: TraceTestSupport.prices)
    #expect(langfuse.totalCalls == 4)
  }
}

@Suite struct ForcedFormatTests {
  @Test func recordsOfAnotherFormatAreReported() throws {
    let file = TraceTestSupport.fixture("openai/chat-completions.jsonl")
    let summary = try TraceLoader.summarize(
      [file], options: TraceLoadOptions(format: .anthropic), prices: TraceTestSupport.prices)
    #expect(summary.notes.formatMismatches == 6)
    #expect(summary.readingWarnings.contains { $0.hasPrefix("6 record(s) look like another format") })
    #expect(throws: TraceError.self) {
      try TraceLoader.summarize([file], options: TraceLoadOptions(format: .native), prices: TraceTestSupport.prices)
    }
  }
}
