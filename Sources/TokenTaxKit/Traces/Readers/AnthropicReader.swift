import JSON

/// Anthropic Messages objects, their streaming events, and Message Batches result lines
/// (docs/traces.md).
///
/// Inclusion: `input_tokens` excludes cache reads and writes (only the tokens after the last
/// cache breakpoint); `output_tokens` includes thinking. Streamed `message_delta` counts are
/// cumulative: the last one wins. `usage.iterations` lists server-side passes (compaction,
/// advisor) that the top-level counts leave out; they are billed on their own model.
enum AnthropicReader {
  static func read(_ record: JSONValue, _ context: TraceReadContext) throws(TraceRecordError) {
    if let custom = record.text("custom_id"), let result = record["result"] {
      guard result["type"]?.stringValue == "succeeded", let message = result["message"] else {
        context.notes.failedRequests += 1
        return
      }
      try readMessage(message, context, envelope: record, caseID: custom)
      return
    }
    switch record["type"]?.stringValue {
    case "message":
      try readMessage(record, context, envelope: nil, caseID: nil)
    case "message_start":
      if let open = context.anthropicStream { context.emit(try call(from: open)) }
      guard let message = record["message"] else { return }
      var pending = PendingCall(call: template(message, context, envelope: nil, caseID: nil), usage: [:])
      pending.merge(message["usage"])
      context.anthropicStream = pending
    case "message_delta":
      context.anthropicStream?.merge(record["usage"])
    case "message_stop":
      if let open = context.anthropicStream { context.emit(try call(from: open)) }
      context.anthropicStream = nil
    default:
      break  // content blocks and pings carry no usage
    }
  }

  /// - Parameter envelope: the batch result line around `message`, which config rules see.
  private static func readMessage(
    _ message: JSONValue, _ context: TraceReadContext, envelope: JSONValue?, caseID: String?
  )
    throws(TraceRecordError)
  {
    guard let usage = message["usage"], usage != .null else {
      context.notes.failedRequests += 1
      return
    }
    if let id = message.text("id"), !context.spans.register(id: id, parent: nil, namespace: "anthropic") {
      context.notes.duplicates += 1
      return
    }
    var call = template(message, context, envelope: envelope, caseID: caseID)
    try fill(&call, from: usage)
    context.emit(call)
  }

  /// The call of a stream, from its merged `message_start` and `message_delta` usage.
  static func call(from pending: PendingCall) throws(TraceRecordError) -> TraceCall {
    var call = pending.call
    try fill(&call, from: JSONValue.object(pending.usage))
    return call
  }

  private static func template(_ message: JSONValue, _ context: TraceReadContext, envelope: JSONValue?, caseID: String?)
    -> TraceCall
  {
    template(message, context, line: envelope ?? message, batch: envelope != nil, caseID: caseID)
  }

  /// - Parameter line: the whole line, which config rules match; built only when there are rules.
  static func template<Message: MemberLookup>(
    _ message: Message, _ context: TraceReadContext, line: @autoclosure () -> JSONValue, batch: Bool, caseID: String?
  ) -> TraceCall {
    let metadata = message.object("metadata")
    return TraceCall(
      feature: context.attributor.feature(explicit: metadata?.text("feature"), record: line()),
      model: message.text("model") ?? TraceCall.unknownModel,
      caseID: caseID ?? metadata?.text("case"), timestamp: nil, batch: batch, usage: TokenUsage())
  }

  static func fill<Object: MemberLookup>(_ call: inout TraceCall, from usage: Object) throws(TraceRecordError) {
    call.usage = try self.usage(usage)
    if usage["service_tier"]?.stringValue == "batch" { call.batch = true }
    for iteration in usage["iterations"]?.arrayValue ?? [] where iteration["type"]?.stringValue != "message" {
      call.passes.append(ModelUsage(model: iteration.text("model") ?? call.model, usage: try self.usage(iteration)))
    }
  }

  /// Disjoint buckets from a Messages `usage` object (already exclusive).
  static func usage<Object: MemberLookup>(_ usage: Object) throws(TraceRecordError) -> TokenUsage {
    let breakdown = usage.object("cache_creation")
    let byTTL =
      (try TokenField.count(breakdown, "ephemeral_5m_input_tokens") ?? 0)
      + (try TokenField.count(breakdown, "ephemeral_1h_input_tokens") ?? 0)
    let written = try TokenField.count(usage, "cache_creation_input_tokens") ?? byTTL
    let output = try TokenField.count(usage, "output_tokens") ?? 0
    let thinking = try TokenField.count(usage.object("output_tokens_details"), "thinking_tokens") ?? 0
    return TokenUsage(
      uncachedInput: try TokenField.count(usage, "input_tokens") ?? 0,
      cacheRead: try TokenField.count(usage, "cache_read_input_tokens") ?? 0, cacheWrite: written,
      output: max(output, thinking), reasoning: thinking)
  }
}
