import Foundation
import TokenTaxKit

/// Trace ingestion benchmark (docs/design.md, Performance targets: at least 100 MB/s of JSONL per core, memory flat in
/// file size). Writes a deterministic native JSONL file of `megabytes`, summarises it a few
/// times on one thread, and prints MB/s, calls/s, the peak RSS, and the time of one trace
/// comparison at full sample size. An OpenAI Chat Completions file of the same size shows
/// the provider formats, and so do Anthropic Messages, OTel span, Gemini, Bedrock and LiteLLM files.
enum TraceBench {
  static func run(megabytes: Int = 256) throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tokentax-trace-bench-\(getpid())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }

    let native = directory.appendingPathComponent("native.jsonl")
    let nativeBytes = try write(native, megabytes: megabytes, line: nativeLine)
    let (nativeSeconds, summary) = try best(of: 3, native)
    report("native JSONL", bytes: nativeBytes, seconds: nativeSeconds, calls: summary.totalCalls)
    let cores = ProcessInfo.processInfo.activeProcessorCount
    let (piecesSeconds, inPieces) = try best(of: 3, native, jobs: cores)
    print(
      String(
        format: "native JSONL, one file in pieces: %.0f MB/s on %d cores (%.2fx), same summary: %@",
        Double(nativeBytes) / 1_000_000 / piecesSeconds, cores, nativeSeconds / piecesSeconds,
        inPieces == summary ? "yes" : "NO"))

    // Several files: one thread, then all cores (files that need nothing from each other).
    let parts = (0..<4).map { directory.appendingPathComponent("native-\($0).jsonl") }
    var partBytes = 0
    for (index, url) in parts.enumerated() {
      partBytes += try write(url, megabytes: max(1, megabytes / 4), line: { nativeLine($0 + index * 10_000_000) })
    }
    let files = parts.map { TraceFile(url: $0, displayName: $0.lastPathComponent) }
    var oneSummary = TraceSummary()
    var allSummary = TraceSummary()
    let oneSeconds = try time {
      oneSummary = try TraceLoader.summarize(files, options: TraceLoadOptions(jobs: 1), prices: .builtIn())
    }
    let allSeconds = try time {
      allSummary = try TraceLoader.summarize(files, options: TraceLoadOptions(jobs: cores), prices: .builtIn())
    }
    let megabytesRead = Double(partBytes) / 1_000_000
    print(
      String(
        format: "native JSONL, 4 files: %.0f MB/s on one thread, %.0f MB/s on %d cores (%.2fx), same summary: %@",
        megabytesRead / oneSeconds, megabytesRead / allSeconds, cores, oneSeconds / allSeconds,
        oneSummary == allSummary ? "yes" : "NO"))

    // Each provider format: one file, best of 3 on one thread, then on all cores (a file of
    // 32 MB or more is read in pieces), checked to give the same summary.
    let formats: [(String, (Int) -> String)] = [
      ("OpenAI chat JSONL", openAILine), ("Anthropic messages JSONL", anthropicLine), ("OTel spans JSONL", otelLine),
      ("Gemini responses JSONL", geminiLine), ("Bedrock Converse JSONL", bedrockLine),
      ("LiteLLM spend logs JSONL", liteLLMLine),
    ]
    for (name, line) in formats {
      let url = directory.appendingPathComponent("format.jsonl")
      let bytes = try write(url, megabytes: max(1, megabytes / 4), line: line)
      let (seconds, result) = try best(of: 3, url)
      let (allSeconds, allResult) = try best(of: 3, url, jobs: cores)
      report(
        name, bytes: bytes, seconds: seconds, calls: result.totalCalls,
        allCores: (seconds: allSeconds, cores: cores, same: allResult == result))
    }

    let start = Date()
    let comparisons = TraceComparator.compare(base: summary, head: summary, prices: PriceTable.builtIn())
    let compareSeconds = Date().timeIntervalSince(start)
    print(
      String(
        format: "traces diff of %d features (4,096-call samples, 2,000 resamples): %.3f s", comparisons.count,
        compareSeconds))

    var usage = rusage()
    getrusage(rusageSelf, &usage)
    print(String(format: "peak RSS: %.1f MB", Double(usage.ru_maxrss) / 1024))
  }

  #if os(Linux)
    private static let rusageSelf = Int32(RUSAGE_SELF.rawValue)
  #else
    private static let rusageSelf = RUSAGE_SELF
  #endif

  private static func report(
    _ name: String, bytes: Int, seconds: Double, calls: Int,
    allCores: (seconds: Double, cores: Int, same: Bool)? = nil
  ) {
    let megabytes = Double(bytes) / 1_000_000
    var line = String(
      format: "%@: %.0f MB in %.3f s = %.0f MB/s, %.2f M calls/s (one thread)", name, megabytes, seconds,
      megabytes / seconds, Double(calls) / seconds / 1_000_000)
    if let allCores {
      line += String(
        format: "; %.0f MB/s on %d cores (%.2fx), same summary: %@", megabytes / allCores.seconds, allCores.cores,
        seconds / allCores.seconds, allCores.same ? "yes" : "NO")
    }
    print(line)
  }

  private static func time(_ work: () throws -> Void) throws -> Double {
    let start = Date()
    try work()
    return Date().timeIntervalSince(start)
  }

  private static func best(of runs: Int, _ url: URL, jobs: Int = 1) throws -> (Double, TraceSummary) {
    var fastest = Double.infinity
    var result = TraceSummary()
    for _ in 0..<runs {
      let start = Date()
      result = try TraceLoader.summarize(
        [TraceFile(url: url, displayName: url.lastPathComponent)], options: TraceLoadOptions(jobs: jobs),
        prices: PriceTable.builtIn())
      fastest = min(fastest, Date().timeIntervalSince(start))
    }
    return (fastest, result)
  }

  /// Writes lines until the file reaches `megabytes`; returns its size in bytes.
  private static func write(_ url: URL, megabytes: Int, line: (Int) -> String) throws -> Int {
    _ = FileManager.default.createFile(atPath: url.path, contents: nil)
    let handle = try FileHandle(forWritingTo: url)
    defer { try? handle.close() }
    let target = megabytes * 1_000_000
    var written = 0
    var index = 0
    var chunk = ""
    while written < target {
      chunk += line(index) + "\n"
      index += 1
      if chunk.utf8.count > 1 << 20 {
        written += chunk.utf8.count
        try handle.write(contentsOf: Data(chunk.utf8))
        chunk = ""
      }
    }
    return written
  }

  private static let features = ["support-bot", "rag-qa", "release-notes-agent", "faq-bot"]
  private static let models = ["claude-sonnet-4-6", "gpt-5", "gemini-2.5-flash", "gpt-5-mini"]

  private static func nativeLine(_ index: Int) -> String {
    let pick = index % features.count
    let output = 200 + (index &* 7919) % 900
    return
      #"{"feature":"\#(features[pick])","case":"c-\#(index % 5000)","model":"\#(models[pick])","input_tokens":\#(1500 + index % 700),"cache_read_tokens":\#(index % 3 == 0 ? 0 : 3072),"cache_write_tokens":0,"output_tokens":\#(output),"reasoning_tokens":\#(output / 4),"batch":false,"ts":"2026-11-20T10:\#(10 + index / 60 % 50):\#(10 + index % 50)Z"}"#
  }

  private static func openAILine(_ index: Int) -> String {
    let output = 200 + (index &* 7919) % 900
    return
      #"{"id":"chatcmpl-\#(index)","object":"chat.completion","created":1763820000,"model":"gpt-4o-2024-08-06","metadata":{"feature":"\#(features[index % features.count])"},"choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"ok"}}],"usage":{"prompt_tokens":\#(2000 + index % 700),"completion_tokens":\#(output),"total_tokens":\#(2000 + output),"prompt_tokens_details":{"cached_tokens":1024},"completion_tokens_details":{"reasoning_tokens":0}}}"#
  }

  private static func anthropicLine(_ index: Int) -> String {
    let output = 200 + (index &* 7919) % 900
    return
      #"{"id":"msg_\#(index)","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929","stop_reason":"end_turn","metadata":{"feature":"\#(features[index % features.count])"},"content":[{"type":"text","text":"Here is the summary you asked for, in three short paragraphs."}],"usage":{"input_tokens":\#(400 + index % 700),"cache_creation_input_tokens":0,"cache_read_input_tokens":6120,"cache_creation":{"ephemeral_5m_input_tokens":0,"ephemeral_1h_input_tokens":0},"output_tokens":\#(output),"service_tier":"standard"}}"#
  }

  private static func geminiLine(_ index: Int) -> String {
    let output = 200 + (index &* 7919) % 900
    return
      #"{"candidates":[{"content":{"parts":[{"text":"Here is the summary you asked for, in three short paragraphs."}],"role":"model"},"finishReason":"STOP","index":0}],"usageMetadata":{"promptTokenCount":\#(2000 + index % 700),"candidatesTokenCount":\#(output),"totalTokenCount":\#(2000 + output),"cachedContentTokenCount":1024,"thoughtsTokenCount":\#(output / 4),"promptTokensDetails":[{"modality":"TEXT","tokenCount":\#(2000 + index % 700)}]},"modelVersion":"gemini-2.5-flash","responseId":"resp-\#(index)","labels":{"feature":"\#(features[index % features.count])"}}"#
  }

  private static func bedrockLine(_ index: Int) -> String {
    let output = 200 + (index &* 7919) % 900
    return
      #"{"modelId":"anthropic.claude-sonnet-4-5-20250929-v1:0","requestMetadata":{"feature":"\#(features[index % features.count])","case":"c-\#(index % 5000)"},"output":{"message":{"role":"assistant","content":[{"text":"Here is the summary you asked for, in three short paragraphs."}]}},"stopReason":"end_turn","usage":{"inputTokens":\#(400 + index % 700),"outputTokens":\#(output),"totalTokens":\#(4496 + index % 700 + output),"cacheReadInputTokens":4096,"cacheWriteInputTokens":0},"metrics":{"latencyMs":2310}}"#
  }

  private static func liteLLMLine(_ index: Int) -> String {
    let output = 200 + (index &* 7919) % 900
    return
      #"{"request_id":"chatcmpl-\#(index)","call_type":"acompletion","spend":0.005615,"prompt_tokens":\#(2000 + index % 700),"completion_tokens":\#(output),"total_tokens":\#(2000 + index % 700 + output),"startTime":"2026-11-20T14:02:11.120Z","endTime":"2026-11-20T14:02:13.480Z","model":"gpt-4o-2024-08-06","model_group":"gpt-4o","custom_llm_provider":"openai","request_tags":["feature:\#(features[index % features.count])"],"metadata":{"spend_logs_metadata":{"feature":"\#(features[index % features.count])","case":"c-\#(index % 5000)"},"usage_object":{"prompt_tokens":\#(2000 + index % 700),"completion_tokens":\#(output),"prompt_tokens_details":{"cached_tokens":1024}}},"cache_hit":"False","status":"success"}"#
  }

  private static func otelLine(_ index: Int) -> String {
    let output = 200 + (index &* 7919) % 900
    let attributes = [
      ("gen_ai.operation.name", #"{"stringValue":"chat"}"#), ("gen_ai.provider.name", #"{"stringValue":"anthropic"}"#),
      ("gen_ai.request.model", #"{"stringValue":"claude-sonnet-4-5"}"#),
      ("gen_ai.response.id", #"{"stringValue":"msg_\#(index)"}"#),
      ("gen_ai.usage.input_tokens", #"{"intValue":"\#(2000 + index % 700)"}"#),
      ("gen_ai.usage.output_tokens", #"{"intValue":"\#(output)"}"#),
    ].map { #"{"key":"\#($0.0)","value":\#($0.1)}"# }.joined(separator: ",")
    return
      #"{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"support-api"}},{"key":"tokentax.feature","value":{"stringValue":"\#(features[index % features.count])"}}]},"scopeSpans":[{"scope":{"name":"opentelemetry.instrumentation.anthropic"},"spans":[{"traceId":"5b8efff798038103d269b633813fc60c","spanId":"c\#(String(index, radix: 16))","name":"chat claude-sonnet-4-5","kind":3,"startTimeUnixNano":"1763820000123000000","endTimeUnixNano":"1763820002456000000","attributes":[\#(attributes)],"status":{"code":0}}]}]}]}"#
  }
}
