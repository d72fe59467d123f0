import JSON

/// LiteLLM spend-log rows (`LiteLLM_SpendLogs`) and standard logging payloads
/// (docs/traces.md).
///
/// Inclusion: `prompt_tokens` includes cache reads and writes (LiteLLM adds Anthropic's in);
/// the split is only in `metadata.usage_object`, the provider's raw usage. `metadata` is often
/// exported as a JSON string.
enum LiteLLMReader {
  /// - Parameter line: the whole record as a `JSONValue`, which config rules match; built only
  ///   when there are rules.
  static func read<Record: MemberLookup>(
    _ record: Record, line: @autoclosure () -> JSONValue, _ context: TraceReadContext
  )
    throws(TraceRecordError)
  {
    let id = record.text("request_id") ?? record.text("id") ?? record.text("litellm_call_id")
    guard context.spans.register(id: id, parent: nil, namespace: "litellm") else {
      context.notes.duplicates += 1
      return
    }
    if let status = record["status"]?.stringValue, status != "success" {
      context.notes.failedRequests += 1
      return
    }
    if let hit = record["cache_hit"], hit == .bool(true) || hit.stringValue?.lowercased() == "true" {
      context.notes.cachedResponses += 1
      return
    }
    let metadata = record.object("metadata")
    let raw = metadata?.object("usage_object") ?? record.object("usage_object")
    let details = raw?.object("prompt_tokens_details")
    let cacheRead = try TokenField.first((details, "cached_tokens"), (raw, "cache_read_input_tokens")) ?? 0
    let cacheWrite = try TokenField.first((raw, "cache_creation_input_tokens"), (details, "cache_creation_tokens")) ?? 0
    let reasoning = try TokenField.count(raw?.object("completion_tokens_details"), "reasoning_tokens") ?? 0
    let usage = UsageRules.inclusive(
      input: try TokenField.count(record, "prompt_tokens") ?? 0, cacheRead: cacheRead, cacheWrite: cacheWrite,
      output: try TokenField.count(record, "completion_tokens") ?? 0, reasoning: reasoning)
    let tags = metadata?.object("spend_logs_metadata") ?? metadata?.object("requester_metadata")
    context.emit(
      TraceCall(
        feature: context.attributor.feature(
          explicit: tags?.text("feature") ?? metadata?.text("feature"), record: line(),
          hints: [FeatureAttributor.featureTag(in: record["request_tags"])]),
        model: record.text("model") ?? TraceCall.unknownModel, caseID: tags?.text("case"),
        timestamp: TraceTimestamp.text(record["startTime"]), usage: usage))
  }
}
