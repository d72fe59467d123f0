import JSON

/// Gemini `generateContent` responses, their stream chunks, and batch output lines
/// (`{"key": …, "response": {…}}`) with `usageMetadata` (docs/traces.md).
///
/// Inclusion: `promptTokenCount` includes `cachedContentTokenCount`; tool-use prompt tokens
/// are outside it and billed as input; `candidatesTokenCount` excludes `thoughtsTokenCount`,
/// which is billed as output. Every stream chunk carries the running total: the last wins.
enum GeminiReader {
  /// - Parameter line: the whole record as a `JSONValue`, which config rules match; built only
  ///   when there are rules.
  static func read<Record: MemberLookup>(
    _ record: Record, line: @autoclosure () -> JSONValue, _ context: TraceReadContext
  )
    throws(TraceRecordError)
  {
    if !record.contains("usageMetadata"), let response = record["response"], response["usageMetadata"] != nil {
      // A batch output line.
      try readResponse(response, wrapper: record, line: line(), context, batch: true, caseID: record.text("key"))
      return
    }
    try readResponse(record, wrapper: record, line: line(), context, batch: false, caseID: nil)
  }

  /// `response` is the `generateContent` response; `wrapper` the line around it (the same for a
  /// plain response, `{"key", "request", "response"}` for a batch line).
  static func readResponse<Response: MemberLookup, Wrapper: MemberLookup>(
    _ response: Response, wrapper: Wrapper, line: @autoclosure () -> JSONValue, _ context: TraceReadContext,
    batch: Bool,
    caseID: String?
  ) throws(TraceRecordError) {
    let id = response.text("responseId") ?? ""
    if !id.isEmpty, context.isFinishedStream(id) {
      context.notes.duplicates += 1
      return
    }
    var pending =
      context.geminiStreams[id]
      ?? PendingCall(call: template(response, wrapper, line: line(), context, batch, caseID), usage: [:])
    pending.merge(response["usageMetadata"])
    if let model = response.text("modelVersion") { pending.call.model = model }
    let candidates = response["candidates"]?.arrayValue ?? []
    let isFinal = candidates.isEmpty || candidates.contains { $0["finishReason"] != nil }
    if isFinal {
      context.geminiStreams[id] = nil
      if !id.isEmpty { context.finishStream(id) }
      context.emit(try call(from: pending))
    } else {
      context.geminiStreams[id] = pending
    }
  }

  static func call(from pending: PendingCall) throws(TraceRecordError) -> TraceCall {
    var call = pending.call
    call.usage = try usage(JSONValue.object(pending.usage))
    return call
  }

  /// - Parameter line: the whole line, which config rules match; built only when there are rules.
  static func template<Response: MemberLookup, Wrapper: MemberLookup>(
    _ response: Response, _ wrapper: Wrapper, line: @autoclosure () -> JSONValue, _ context: TraceReadContext,
    _ batch: Bool,
    _ caseID: String?
  ) -> TraceCall {
    // Feature tags live in the request's labels (Vertex) or a wrapper's metadata.
    let labels = wrapper.object("request")?.object("labels") ?? wrapper.object("labels") ?? wrapper.object("metadata")
    return TraceCall(
      feature: context.attributor.feature(explicit: labels?.text("feature"), record: line()),
      model: response.text("modelVersion") ?? wrapper.text("model") ?? TraceCall.unknownModel,
      caseID: caseID ?? labels?.text("case"), timestamp: TraceTimestamp.text(response["createTime"]), batch: batch,
      usage: TokenUsage())
  }

  static func usage<Usage: MemberLookup>(_ usage: Usage) throws(TraceRecordError) -> TokenUsage {
    let prompt = try TokenField.count(usage, "promptTokenCount") ?? 0
    let cached = try TokenField.count(usage, "cachedContentTokenCount") ?? 0
    let toolUse = try TokenField.count(usage, "toolUsePromptTokenCount") ?? 0
    let candidates = try TokenField.count(usage, "candidatesTokenCount") ?? 0
    let thoughts = try TokenField.count(usage, "thoughtsTokenCount") ?? 0
    let uncached = (cached <= prompt ? prompt - cached : prompt) + toolUse
    return TokenUsage(uncachedInput: uncached, cacheRead: cached, output: candidates + thoughts, reasoning: thoughts)
  }
}
