/// The trace formats tokentax reads (SPEC §7). Detected per file and per record; `--format`
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
    guard case .object(let members) = record else { return nil }
    func has(_ key: String) -> Bool { members[key] != nil }
    let type = members["type"]?.stringValue
    let object = members["object"]?.stringValue

    if has("schema_version"), members["features"]?.arrayValue != nil { return .summary }
    if has("resourceSpans") || has("resource_spans") || has("batches") || members["result"]?["resourceSpans"] != nil {
      return .otel
    }
    if has("evalId") || members["results"]?["results"] != nil || (has("gradingResult") && has("response"))
      || (has("testCase") && has("response"))
    {
      return .promptfoo
    }
    if let object, object.hasPrefix("chat.completion") || object == "response" || object == "text_completion" {
      return .openai
    }
    if let type, type.hasPrefix("response.") { return .openai }
    if has("custom_id") {
      if has("result") { return .anthropic }
      if has("response") { return .openai }
    }
    if let type, ["message", "message_start", "message_delta", "message_stop", "content_block_start",
      "content_block_delta", "content_block_stop", "ping"].contains(type) {
      return .anthropic
    }
    if has("usageMetadata") || members["response"]?["usageMetadata"] != nil { return .gemini }
    if has("schemaType") || members["usage"]?["inputTokens"] != nil || members["metadata"]?["usage"]?["inputTokens"] != nil
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
    if (has("input_tokens") || has("output_tokens")) && !has("usage") { return .native }
    if let usage = members["usage"] {
      // A bare provider response without its `object`/`type` marker.
      if usage["prompt_tokens"] != nil || usage["input_tokens_details"] != nil { return .openai }
      if usage["input_tokens"] != nil { return .anthropic }
    }
    return nil
  }
}
