import JSON

/// AWS Bedrock Converse responses, the ConverseStream `metadata` event, and model-invocation
/// log records (docs/traces.md).
///
/// Inclusion: `inputTokens` is the non-cached remainder, as with Anthropic. Invocation logs
/// carry the same counts twice (`input.cacheReadInputTokenCount` and the response body's
/// `cacheReadInputTokens`): one is taken, never both.
enum BedrockReader {
  /// - Parameter line: the whole record as a `JSONValue`, which config rules match; built only
  ///   when there are rules.
  static func read<Record: MemberLookup>(
    _ record: Record, line: @autoclosure () -> JSONValue, _ context: TraceReadContext
  )
    throws(TraceRecordError)
  {
    if record.contains("schemaType") {
      try readInvocationLog(record, line: line(), context)
      return
    }
    // A ConverseStream event: only `metadata` carries usage; the others are parts of the stream.
    let usage = record["usage"] ?? record["metadata"]?["usage"]
    guard let usage, usage != .null else { return }
    let metadata = record.object("requestMetadata")
    context.emit(
      TraceCall(
        feature: context.attributor.feature(explicit: metadata?.text("feature"), record: line()),
        model: record.text("modelId") ?? record.text("model") ?? TraceCall.unknownModel,
        caseID: metadata?.text("case"), timestamp: TraceTimestamp.text(record["timestamp"]),
        usage: try self.usage(usage)))
  }

  private static func readInvocationLog<Record: MemberLookup>(
    _ record: Record, line: @autoclosure () -> JSONValue, _ context: TraceReadContext
  ) throws(TraceRecordError) {
    if let id = record.text("requestId"), !context.spans.register(id: id, parent: nil, namespace: "bedrock") {
      context.notes.duplicates += 1
      return
    }
    let input = record.object("input")
    let output = record.object("output")
    let body = output?.object("outputBodyJson")
    let requestMetadata = input?.object("inputBodyJson")?.object("requestMetadata")
    let tokens: TokenUsage
    if let usage = body?["usage"], usage["inputTokens"] != nil {
      tokens = try self.usage(usage)
    } else if let usage = body?["usage"], usage["input_tokens"] != nil {
      tokens = try AnthropicReader.usage(usage)  // InvokeModel with a Claude body
    } else {
      tokens = try self.usage(
        .object([
          "inputTokens": input?["inputTokenCount"] ?? .null, "outputTokens": output?["outputTokenCount"] ?? .null,
          "cacheReadInputTokenCount": input?["cacheReadInputTokenCount"] ?? .null,
          "cacheWriteInputTokenCount": input?["cacheWriteInputTokenCount"] ?? .null,
        ]))
    }
    context.emit(
      TraceCall(
        feature: context.attributor.feature(explicit: requestMetadata?.text("feature"), record: line()),
        model: record.text("modelId") ?? TraceCall.unknownModel, caseID: requestMetadata?.text("case"),
        timestamp: TraceTimestamp.text(record["timestamp"]), usage: tokens))
  }

  static func usage(_ usage: JSONValue) throws(TraceRecordError) -> TokenUsage {
    var input = try TokenField.count(usage, "inputTokens") ?? 0
    let output = try TokenField.count(usage, "outputTokens") ?? 0
    let cacheRead = try TokenField.first(usage, ["cacheReadInputTokens", "cacheReadInputTokenCount"]) ?? 0
    var cacheWrite = try TokenField.first(usage, ["cacheWriteInputTokens", "cacheWriteInputTokenCount"])
    if cacheWrite == nil, let details = usage["cacheDetails"]?.arrayValue {
      var sum = 0
      for detail in details { sum += try TokenField.count(detail, "inputTokens") ?? 0 }
      cacheWrite = sum
    }
    let written = cacheWrite ?? 0
    // Some models on ConverseStream report inputTokens with the cache already inside; the
    // total gives it away, as it then equals input + output alone.
    if cacheRead + written > 0, let total = try TokenField.count(usage, "totalTokens"), input + output == total,
      input >= cacheRead + written
    {
      input -= cacheRead + written
    }
    return TokenUsage(uncachedInput: input, cacheRead: cacheRead, cacheWrite: written, output: output)
  }
}
