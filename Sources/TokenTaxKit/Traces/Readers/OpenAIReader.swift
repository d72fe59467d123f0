import JSON

/// OpenAI Chat Completions, legacy Completions and Responses objects, their streaming chunks
/// and events, and Batch output lines (docs/traces.md). DeepSeek and other
/// OpenAI-compatible servers share the shape.
///
/// Inclusion: `prompt_tokens` / `input_tokens` include cached and cache-write tokens;
/// `completion_tokens` / `output_tokens` include reasoning tokens.
enum OpenAIReader {
  /// - Parameter envelope: the whole line when `record` is nested in it (a batch line); config
  ///   rules match field paths against the line as stored.
  static func read(_ record: JSONValue, _ context: TraceReadContext, envelope: JSONValue? = nil, caseID: String? = nil)
    throws(TraceRecordError)
  {
    if let custom = record.text("custom_id"), let response = record["response"] {
      // A Batch output line: the endpoint's normal response sits in `response.body`.
      guard let body = response.object("body"), record["error"] == nil || record["error"] == .null,
        (response["status_code"]?.intValue ?? 200) < 400
      else {
        context.notes.failedRequests += 1
        return
      }
      try read(body, context, envelope: record, caseID: custom)
      return
    }
    if let type = record["type"]?.stringValue, type.hasPrefix("response.") {
      try readResponsesEvent(type, record, context)
      return
    }
    if record["object"]?.stringValue == "chat.completion.chunk" {
      try readChunk(record, context)
      return
    }
    // Azure's first stream chunk (empty `id`, `model` and `object`) is no call of its own.
    if record["prompt_filter_results"] != nil, record["id"]?.stringValue?.isEmpty ?? true,
      record["usage"] ?? .null == .null
    {
      return
    }
    guard let usage = record["usage"], usage != .null else {
      context.notes.failedRequests += 1
      return
    }
    if let id = record.text("id"), !context.spans.register(id: id, parent: nil, namespace: "openai") {
      context.notes.duplicates += 1
      return
    }
    context.emit(try call(record, usage: usage, context, envelope: envelope, caseID: caseID))
  }

  /// Responses streaming: only `response.completed` (or `incomplete` / `failed`) carries usage.
  private static func readResponsesEvent(_ type: String, _ record: JSONValue, _ context: TraceReadContext)
    throws(TraceRecordError)
  {
    guard let response = record["response"] else { return }
    let id = response.text("id")
    switch type {
    case "response.created", "response.in_progress", "response.queued":
      if let id { context.responsesOpen.insert(id) }
    case "response.completed", "response.incomplete", "response.failed":
      if let id { context.responsesOpen.remove(id) }
      guard let usage = response["usage"], usage != .null else {
        context.notes.failedRequests += 1
        return
      }
      if let id, context.isFinishedStream(id) { return }
      if let id { context.finishStream(id) }
      context.emit(try call(response, usage: usage, context, envelope: record, caseID: nil))
    default:
      break
    }
  }

  /// Chat streaming chunks: usage normally comes once, in a last chunk with `choices: []`;
  /// some servers repeat a running total in every chunk. Keep the last per stream id.
  private static func readChunk(_ record: JSONValue, _ context: TraceReadContext) throws(TraceRecordError) {
    let id = record.text("id") ?? ""
    if context.isFinishedStream(id) { return }
    var pending =
      context.openAIStreams[id] ?? PendingCall(call: template(record, context, envelope: nil, caseID: nil), usage: [:])
    if let model = record.text("model") { pending.call.model = model }
    let usage = record["usage"]
    pending.merge(usage)
    let isFinal = record["choices"]?.arrayValue?.isEmpty ?? false
    if isFinal, pending.hasUsage, let call = try call(from: pending) {
      context.openAIStreams[id] = nil
      context.finishStream(id)
      context.emit(call)
    } else {
      context.openAIStreams[id] = pending
    }
  }

  /// The call of a finished (or cut-off) stream; nil when no usage ever arrived.
  static func call(from pending: PendingCall) throws(TraceRecordError) -> TraceCall? {
    guard pending.hasUsage else { return nil }
    var call = pending.call
    call.usage = try usage(JSONValue.object(pending.usage))
    return call
  }

  private static func call(
    _ record: JSONValue, usage: JSONValue, _ context: TraceReadContext, envelope: JSONValue?, caseID: String?
  )
    throws(TraceRecordError) -> TraceCall
  {
    var call = template(record, context, envelope: envelope, caseID: caseID)
    call.usage = try self.usage(usage)
    return call
  }

  /// The call's feature, model, case and time; a batch line (`custom_id` envelope) is batch.
  private static func template(_ record: JSONValue, _ context: TraceReadContext, envelope: JSONValue?, caseID: String?)
    -> TraceCall
  {
    template(record, context, line: envelope ?? record, batchLine: envelope?["custom_id"] != nil, caseID: caseID)
  }

  /// - Parameter line: the whole line, which config rules match; built only when there are rules.
  static func template<Record: MemberLookup>(
    _ record: Record, _ context: TraceReadContext, line: @autoclosure () -> JSONValue, batchLine: Bool, caseID: String?
  ) -> TraceCall {
    let metadata = record.object("metadata")
    let created = record["created"] ?? record["created_at"]
    return TraceCall(
      feature: context.attributor.feature(explicit: metadata?.text("feature"), record: line()),
      model: record.text("model") ?? TraceCall.unknownModel,
      caseID: caseID ?? metadata?.text("case") ?? metadata?.text("case_id"),
      timestamp: TraceTimestamp.text(created),
      batch: batchLine || record["service_tier"]?.stringValue == "batch", usage: TokenUsage())
  }

  /// Disjoint buckets from a Chat/Completions or Responses `usage` object.
  static func usage<Object: MemberLookup>(_ usage: Object) throws(TraceRecordError) -> TokenUsage {
    let chat =
      usage["prompt_tokens"] != nil || usage["completion_tokens"] != nil || usage["prompt_cache_hit_tokens"] != nil
    let inputDetails = usage.object(chat ? "prompt_tokens_details" : "input_tokens_details")
    let outputDetails = usage.object(chat ? "completion_tokens_details" : "output_tokens_details")
    var input: Int
    if chat {
      // DeepSeek reports hit + miss beside (or instead of) prompt_tokens.
      let hit = try TokenField.count(usage, "prompt_cache_hit_tokens")
      let miss = try TokenField.count(usage, "prompt_cache_miss_tokens")
      input = try TokenField.count(usage, "prompt_tokens") ?? ((hit ?? 0) + (miss ?? 0))
    } else {
      input = try TokenField.count(usage, "input_tokens") ?? 0
    }
    // Aliases of one quantity: the first present wins, they are never added.
    let cached = try TokenField.first((inputDetails, "cached_tokens"), (usage, "prompt_cache_hit_tokens")) ?? 0
    let written = try TokenField.count(inputDetails, "cache_write_tokens") ?? 0
    let output = try TokenField.count(usage, chat ? "completion_tokens" : "output_tokens") ?? 0
    let reasoning = try TokenField.count(outputDetails, "reasoning_tokens") ?? 0
    return UsageRules.inclusive(
      input: input, cacheRead: cached, cacheWrite: written, output: output, reasoning: reasoning)
  }
}
