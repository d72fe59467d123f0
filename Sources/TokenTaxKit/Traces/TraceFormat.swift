import JSON

/// The trace formats tokentax reads (docs/traces.md). Detected per file and per record; `--format`
/// forces one.
public enum TraceFormat: String, Sendable, CaseIterable {
  /// tokentax JSONL: one call per line with disjoint buckets.
  case native
  /// Chat Completions, legacy Completions, Responses (objects, streaming chunks and events)
  /// and Batch output lines.
  case openai
  /// Messages (objects and streaming events) and Message Batches results.
  case anthropic
  /// `generateContent` responses and stream chunks with `usageMetadata`, batch output lines.
  case gemini
  /// Converse responses, ConverseStream `metadata` events and model-invocation log records.
  case bedrock
  /// OpenTelemetry GenAI spans in OTLP/JSON (also OpenInference and Vercel AI SDK attributes).
  case otel
  /// Langfuse observation exports.
  case langfuse
  /// LiteLLM spend-log rows and standard logging payloads.
  case litellm
  /// promptfoo eval result files.
  case promptfoo
  /// The output of `tokentax traces summarize --json`.
  case summary

  /// Guesses the format of one record; nil when it matches none.
  static func detect(_ record: JSONValue) -> TraceFormat? {
    guard case .object = record else { return nil }
    return detect(object: record)
  }

  /// The same for an object read in place: members are built only when a test needs their value.
  static func detect<Members: MemberLookup>(object members: Members) -> TraceFormat? {
    func has(_ key: String) -> Bool { members.contains(key) }
    let type = members["type"]?.stringValue
    let object = members["object"]?.stringValue

    if has("schema_version"), members["features"]?.arrayValue != nil { return .summary }
    if has("resourceSpans") || has("resource_spans") || has("batches")
      || members.member("result")?.contains("resourceSpans") == true
    {
      return .otel
    }
    if has("evalId") || members.member("results")?.contains("results") == true
      || (has("gradingResult") && has("response"))
      || (has("testCase") && has("response"))
    {
      return .promptfoo
    }
    if let object, object.hasPrefix("chat.completion") || object == "response" || object == "text_completion" {
      return .openai
    }
    if let type, type.hasPrefix("response.") { return .openai }
    // Azure OpenAI opens a stream with a chunk holding only the prompt's content-filter results.
    if has("prompt_filter_results"), object?.isEmpty ?? true { return .openai }
    if has("custom_id") {
      if has("result") { return .anthropic }
      if has("response") { return .openai }
    }
    if let type,
      [
        "message", "message_start", "message_delta", "message_stop", "content_block_start",
        "content_block_delta", "content_block_stop", "ping",
      ].contains(type)
    {
      return .anthropic
    }
    if has("usageMetadata") || members.member("response")?.contains("usageMetadata") == true { return .gemini }
    if has("schemaType") || members.member("usage")?.contains("inputTokens") == true
      || members.member("metadata")?.member("usage")?.contains("inputTokens") == true
      || has("messageStart") || has("contentBlockDelta") || has("contentBlockStart") || has("contentBlockStop")
      || has("messageStop")
    {
      return .bedrock
    }
    if has("usageDetails") || (has("traceId") && (has("parentObservationId") || has("usage") || has("promptTokens"))) {
      return .langfuse
    }
    if has("litellm_call_id") || has("response_cost") || (has("spend") && has("request_id")) { return .litellm }
    if members["data"]?.arrayValue != nil, members["meta"] != nil { return .langfuse }
    // A trace as the Langfuse UI downloads it and the traces API returns it.
    if members["observations"]?.arrayValue != nil, members.member("trace") != nil || has("htmlPath") {
      return .langfuse
    }
    if (has("input_tokens") || has("output_tokens")) && !has("usage") { return .native }
    if let usage = members.member("usage") {
      // A bare provider response without its `object`/`type` marker.
      if usage.contains("prompt_tokens") || usage.contains("input_tokens_details") { return .openai }
      if usage.contains("input_tokens") { return .anthropic }
    }
    return nil
  }
}
