import Foundation
import Testing

@testable import TokenTaxKit

@Suite struct InMemoryTraceTests {
  /// `check` reads trace files from git: the same records from memory give the same summary.
  @Test func bytesFromGitReadLikeTheFile() throws {
    let file = TraceTestSupport.fixture("openai/chat-stream.jsonl")
    let bytes = try Data(contentsOf: file.url)
    let fromDisk = try TraceLoader.summarize([file], prices: TraceTestSupport.prices)
    let fromMemory = try TraceLoader.summarize([TraceFile(contents: bytes, displayName: "chat-stream.jsonl")], prices: TraceTestSupport.prices)
    #expect(fromMemory == fromDisk)
    let document = try Data(contentsOf: TraceTestSupport.fixture("langfuse/observations.json").url)
    let langfuse = try TraceLoader.summarize([TraceFile(contents: document, displayName: "obs.json")], prices: TraceTestSupport.prices)
    #expect(langfuse.totalCalls == 4)
  }
}
