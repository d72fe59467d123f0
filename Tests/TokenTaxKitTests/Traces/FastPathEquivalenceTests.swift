import Foundation
import Testing

@testable import TokenTaxKit

/// The fast paths (native field scan, OpenAI and Anthropic objects read in place) must give exactly what the
/// general path (a full `JSONValue` parse per line) gives: calls, notes, skipped lines, errors.
@Suite struct FastPathEquivalenceTests {
  /// Everything a read produces, or the error it stops with.
  struct Result: Equatable {
    var calls: [TraceCall] = []
    var notes = TraceNotes()
    var skipped = 0
    var examples: [String] = []
    var error: String?
  }

  static func read(_ files: [TraceFile], _ options: TraceLoadOptions, fast: Bool) -> Result {
    var options = options
    options.fastPaths = fast
    var result = Result()
    var calls: [TraceCall] = []
    do {
      let outcome = try TraceLoader.read(files, options: options) { calls.append($0) }
      result.notes = outcome.notes
      result.skipped = outcome.skippedLines
      result.examples = outcome.skippedExamples
    } catch {
      result.error = "\(error)"
    }
    result.calls = calls
    return result
  }

  static let fixtures: [String] = {
    let root = TraceTestSupport.repository.appendingPathComponent("fixtures/traces")
    let paths = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? []
    return paths.filter { $0.hasSuffix(".jsonl") || $0.hasSuffix(".json") }.sorted()
  }()

  @Test func everyFixtureIsFound() {
    #expect(Self.fixtures.count >= 10)
  }

  @Test(arguments: fixtures)
  func fixtureReadsTheSameBothWays(_ path: String) {
    let file = TraceTestSupport.fixture(path)
    let fast = Self.read([file], TraceLoadOptions(), fast: true)
    #expect(fast == Self.read([file], TraceLoadOptions(), fast: false))
    #expect(fast.error == nil)
  }

  /// OpenAI objects near every edge of the fast path, one file.
  static let openAILines = [
    #"{"id":"a","object":"chat.completion","created":1763820000,"model":"gpt-4o","metadata":{"feature":"f1","case":"c1"},"choices":[{"message":{"content":"héllo … 😀"}}],"usage":{"prompt_tokens":100,"completion_tokens":20,"prompt_tokens_details":{"cached_tokens":40},"completion_tokens_details":{"reasoning_tokens":5}}}"#,
    #"{"id":"a","object":"chat.completion","model":"gpt-4o","usage":{"prompt_tokens":1,"completion_tokens":1}}"#,
    #"{"id":"b","object":"chat.completion","model":"gpt-4o","usage":null}"#,
    #"{"id":"c","object":"chat.completion","model":"gpt-4o","usage":"none"}"#,
    #"{"id":"d","object":"chat.completion","model":"gpt-4o","metadata":"{\"feature\":\"embedded\"}","usage":{"prompt_tokens":"12","completion_tokens":3.0,"prompt_tokens_details":"{\"cached_tokens\":2}"}}"#,
    #"{"id":"e","object":"response","created_at":1763820000.5,"model":"gpt-5","service_tier":"batch","usage":{"input_tokens":50,"output_tokens":7,"input_tokens_details":{"cached_tokens":10},"output_tokens_details":{"reasoning_tokens":3}}}"#,
    #"{"id":"f","object":"chat.completion","model":"deepseek-chat","usage":{"prompt_cache_hit_tokens":30,"prompt_cache_miss_tokens":70,"completion_tokens":9}}"#,
    #"{"id":"g","object":"chat.completion","model":"gpt-4o","model":"gpt-4o-mini","usage":{"prompt_tokens":5,"prompt_tokens":6,"completion_tokens":1}}"#,
    #"{"id":"h","obj\u0065ct":"chat.completion","model":"gpt-4o","usage":{"prompt_tokens":5,"completion_tokens":1}}"#,
    #"{"id":"i","object":"chat.completion","model":"gpt-4o","usage":{"prompt\u005ftokens":5,"completion_tokens":1}}"#,
    #"{"id":"j","object":"chat.completion","type":"x","model":"gpt-4o","usage":{"prompt_tokens":5,"completion_tokens":1}}"#,
    #"{"id":"k","object":"chat.completion.chunk","model":"gpt-4o","choices":[],"usage":{"prompt_tokens":5,"completion_tokens":1}}"#,
    #"{"id":42,"object":"text_completion","model":"gpt-3.5-turbo-instruct","usage":{"prompt_tokens":5,"completion_tokens":1}}"#,
    #"{"id":"m","object":"chat.completion","model":"gpt-4o","usage":{"prompt_tokens":-5,"completion_tokens":1}}"#,
    #"{"id":"n","object":"chat.completion","model":"gpt-4o","usage":{"prompt_tokens":5,"completion_tokens":"many"}}"#,
    #"{"id":"o","object":"chat.completion","model":"gpt-4o","choices":[{"message":{"content":"bad \u00"}}],"usage":{}}"#,
    #"{"id":"p","object":"chat.completion","model":"gpt-4o","usage":{"prompt_tokens":5}"#,
    #"{"id":"q","object":"chat.completion","model":"gpt-4o","usage":{"prompt_tokens":5,"completion_tokens":1},"evalId":"x"}"#,
  ]

  /// Anthropic Messages objects near every edge of the fast path.
  static let anthropicLines = [
    #"{"id":"m1","type":"message","model":"claude-sonnet-4-5","metadata":{"feature":"f2"},"content":[{"type":"text","text":"ünïcode …"}],"usage":{"input_tokens":10,"cache_read_input_tokens":500,"cache_creation":{"ephemeral_5m_input_tokens":30,"ephemeral_1h_input_tokens":20},"output_tokens":80,"output_tokens_details":{"thinking_tokens":50},"service_tier":"batch"}}"#,
    #"{"id":"m1","type":"message","model":"claude-sonnet-4-5","usage":{"input_tokens":1,"output_tokens":1}}"#,
    #"{"id":"m2","type":"message","model":"claude-sonnet-4-6","usage":{"input_tokens":200,"output_tokens":600,"iterations":[{"type":"compaction","input_tokens":150,"output_tokens":25},{"type":"message","input_tokens":200,"output_tokens":600},{"type":"advisor_message","model":"claude-opus-4-6","input_tokens":7,"output_tokens":3}]}}"#,
    #"{"id":"m3","type":"message","model":"claude-haiku-4-5","usage":null}"#,
    #"{"id":"m4","type":"message","object":"x","model":"claude-haiku-4-5","usage":{"input_tokens":1,"output_tokens":1}}"#,
    #"{"id":"m5","type":"message","model":"claude-haiku-4-5","usage":{"input_tokens":1,"output_tokens":1,"cache_creation":"{\"ephemeral_5m_input_tokens\":4}"}}"#,
    #"{"id":"m6","type":"message","model":"claude-haiku-4-5","usage":{"input_tokens":1,"output_tokens":-1}}"#,
  ]

  @Test(arguments: [false, true])
  func anthropicEdgeCasesReadTheSameBothWays(lenient: Bool) throws {
    let file = try TraceTestSupport.temporaryFile("edge.jsonl", Self.anthropicLines.joined(separator: "\n") + "\n")
    for format in [nil, TraceFormat.anthropic, .openai] {
      let options = TraceLoadOptions(format: format, lenient: lenient)
      let fast = Self.read([file], options, fast: true)
      #expect(fast == Self.read([file], options, fast: false))
      #expect(lenient ? fast.skipped == 1 : fast.error != nil)
    }
  }

  @Test(arguments: [false, true])
  func openAIEdgeCasesReadTheSameBothWays(lenient: Bool) throws {
    let file = try TraceTestSupport.temporaryFile("edge.jsonl", Self.openAILines.joined(separator: "\n") + "\n")
    let rules = FeatureAttributor(rules: [AttributionRule(match: ["model": "gpt-4o*"], feature: "by-rule")])
    for attributor in [FeatureAttributor(), rules] {
      let options = TraceLoadOptions(lenient: lenient, attributor: attributor)
      let fast = Self.read([file], options, fast: true)
      #expect(fast == Self.read([file], options, fast: false))
      #expect(lenient ? fast.skipped == 4 && fast.calls.count >= 8 : fast.error != nil)
    }
  }

  /// Invalid UTF-8 in text the fast path does not read is still reported where it is.
  @Test func invalidUTF8InSkippedTextIsReported() throws {
    var bytes = Array(#"{"id":"a","object":"chat.completion","model":"gpt-4o","choices":[{"message":{"content":"x"#.utf8)
    bytes += [0xFF]
    bytes += Array(#""}}],"usage":{"prompt_tokens":5,"completion_tokens":1}}"#.utf8) + [0x0A]
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tokentax-fast-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let url = directory.appendingPathComponent("bad.jsonl")
    try Data(bytes).write(to: url)
    let file = TraceFile(url: url, displayName: "bad.jsonl")
    let fast = Self.read([file], TraceLoadOptions(), fast: true)
    #expect(fast == Self.read([file], TraceLoadOptions(), fast: false))
    #expect(fast.error?.contains("bad.jsonl:1:") == true)
    #expect(fast.error?.contains("invalid UTF-8") == true)
  }
}
