import JSON

/// OpenTelemetry spans in OTLP/JSON (docs/traces.md): `resourceSpans` lines from the file
/// exporter, Tempo's `batches`, Jaeger's `result`, attributes as key/value lists (or plain
/// maps), 64-bit integers as strings.
///
/// Reads the GenAI semantic conventions (`gen_ai.usage.*`, old and new cache attribute names,
/// the deprecated `prompt_tokens`/`completion_tokens`, Sentry-era aliases) and the
/// OpenInference (`llm.token_count.*`) and Vercel AI SDK (`ai.usage.*`) dialects. Inclusion:
/// input counts include cache reads and writes, output counts include reasoning.
enum OTelReader {
  enum Keys {
    static let input = [
      "gen_ai.usage.input_tokens", "gen_ai.usage.prompt_tokens", "llm.token_count.prompt", "ai.usage.inputTokens",
      "ai.usage.promptTokens",
    ]
    static let output = [
      "gen_ai.usage.output_tokens", "gen_ai.usage.completion_tokens", "llm.token_count.completion",
      "ai.usage.outputTokens", "ai.usage.completionTokens",
    ]
    static let cacheRead = [
      "gen_ai.usage.cache_read.input_tokens", "gen_ai.usage.cache_read_input_tokens",
      "gen_ai.usage.input_tokens.cached",
      "llm.token_count.prompt_details.cache_read", "llm.token_count.prompt_details.cache_input",
      "ai.usage.cachedInputTokens",
    ]
    static let cacheWrite = [
      "gen_ai.usage.cache_creation.input_tokens", "gen_ai.usage.cache_write.input_tokens",
      "gen_ai.usage.cache_creation_input_tokens", "llm.token_count.prompt_details.cache_write",
    ]
    static let reasoning = [
      "gen_ai.usage.reasoning.output_tokens", "gen_ai.usage.reasoning_tokens",
      "llm.token_count.completion_details.reasoning", "ai.usage.reasoningTokens",
    ]
    static let model = [
      "gen_ai.response.model", "gen_ai.request.model", "llm.model_name", "ai.response.model", "ai.model.id",
    ]
    /// The other span attributes `readSpan` reads.
    static let span = [
      "gen_ai.operation.name", "ai.operationId", "openinference.span.kind", "tokentax.feature", "gen_ai.agent.name",
      "ai.telemetry.functionId", "tokentax.case", "tokentax.batch",
    ]
    /// The resource attributes `readSpan` reads.
    static let resource = ["tokentax.feature", "tokentax.case"]
  }

  /// Operations whose spans wrap model calls rather than being one.
  private static let aggregateOperations: Set<String> = [
    "invoke_agent", "invoke_workflow", "create_agent", "execute_tool", "ai.generateText", "ai.streamText",
    "ai.generateObject", "ai.streamObject", "AGENT", "CHAIN", "TOOL",
  ]

  static func read(_ record: JSONValue, _ context: TraceReadContext) throws(TraceRecordError) {
    let groups =
      record["resourceSpans"] ?? record["resource_spans"] ?? record["batches"] ?? record["result"]?["resourceSpans"]
    for group in groups?.arrayValue ?? [] {
      let resource = attributes(group["resource"]?["attributes"])
      let scopes = group["scopeSpans"] ?? group["scope_spans"] ?? group["instrumentationLibrarySpans"]
      for scope in scopes?.arrayValue ?? [] {
        for span in scope["spans"]?.arrayValue ?? [] {
          try readSpan(span, attributes: attributes(span["attributes"]), resource: resource, context)
        }
      }
    }
  }

  /// Reads one span whose (plain) attributes are `attributes`. The fast path builds only the
  /// attributes in `Keys`: an attribute read here must be listed there.
  static func readSpan<Span: MemberLookup>(
    _ span: Span, attributes: JSONObject, resource: JSONObject, _ context: TraceReadContext
  ) throws(TraceRecordError) {
    let trace = span.text("traceId") ?? span.text("trace_id") ?? ""
    let spanID = (span.text("spanId") ?? span.text("span_id")).map { trace + "/" + $0 }
    let parentID = (span.text("parentSpanId") ?? span.text("parent_span_id")).map { trace + "/" + $0 }
    guard context.spans.register(id: spanID, parent: parentID, namespace: "otel") else {
      context.notes.duplicates += 1
      return
    }
    let operation =
      attributes["gen_ai.operation.name"]?.stringValue ?? attributes["ai.operationId"]?.stringValue
      ?? attributes["openinference.span.kind"]?.stringValue
    // `fetch_response` re-reads a stored response: "instrumentations SHOULD NOT report token usage".
    if operation == "fetch_response" { return }
    let object = JSONValue.object(attributes)
    func first(_ keys: [String]) throws(TraceRecordError) -> Int? { try TokenField.first(object, keys) }
    let input = try first(Keys.input)
    let output = try first(Keys.output)
    let cacheRead = try first(Keys.cacheRead)
    let cacheWrite = try first(Keys.cacheWrite)
    let reasoning = try first(Keys.reasoning)
    guard input != nil || output != nil || cacheRead != nil || cacheWrite != nil else { return }

    let usage = UsageRules.inclusive(
      input: input ?? 0, cacheRead: cacheRead ?? 0, cacheWrite: cacheWrite ?? 0, output: output ?? 0,
      reasoning: reasoning ?? 0)
    let name = span.text("name")
    let call = TraceCall(
      feature: context.attributor.feature(
        explicit: attributes["tokentax.feature"]?.stringValue ?? resource["tokentax.feature"]?.stringValue,
        record: ruleView(span, attributes: attributes, resource: resource),
        hints: [
          attributes["gen_ai.agent.name"]?.stringValue, attributes["ai.telemetry.functionId"]?.stringValue,
          meaningfulName(name, operation: operation),
        ]),
      model: Keys.model.lazy.compactMap { attributes[$0]?.stringValue }.first ?? TraceCall.unknownModel,
      caseID: attributes["tokentax.case"]?.stringValue ?? resource["tokentax.case"]?.stringValue,
      timestamp: TraceTimestamp.text(span["startTimeUnixNano"] ?? span["start_time_unix_nano"]),
      batch: attributes["tokentax.batch"]?.boolValue ?? false, usage: usage)
    if let operation, aggregateOperations.contains(operation) {
      context.spans.hold(call, id: spanID, parent: parentID, namespace: "otel")
    } else {
      context.spans.countLeaf(parent: parentID, namespace: "otel")
      context.emit(call)
    }
  }

  /// A span name that names something (`summarize-ticket`), not the default
  /// `"{operation} {model}"` or an SDK operation id.
  private static func meaningfulName(_ name: String?, operation: String?) -> String? {
    guard let name, !name.isEmpty, !name.hasPrefix("ai.") else { return nil }
    if let operation, name == operation || name.hasPrefix(operation + " ") { return nil }
    return name
  }

  /// The span as config rules see it: attributes by key (span over resource), plus `name`,
  /// `attributes` and `resource.attributes`.
  private static func ruleView<Span: MemberLookup>(
    _ span: Span, attributes: JSONObject, resource: JSONObject
  )
    -> JSONValue
  {
    var view = resource.merging(attributes)
    view["name"] = span["name"]
    view["attributes"] = .object(attributes)
    view["resource"] = .object(["attributes": .object(resource)])
    return .object(view)
  }

  /// OTLP attributes (a list of `{key, value: AnyValue}`, or a plain map) as plain values.
  static func attributes(_ raw: JSONValue?) -> JSONObject {
    switch raw {
    case .array(let items)?:
      var result: JSONObject = [:]
      for item in items {
        guard let key = item["key"]?.stringValue else { continue }
        result[key] = anyValue(item["value"] ?? .null)
      }
      return result
    case .object(let members)?:
      return members
    default:
      return [:]
    }
  }

  /// An OTLP `AnyValue` (`{"intValue": "412"}`) as the plain JSON value it encodes.
  static func anyValue(_ value: JSONValue) -> JSONValue {
    guard case .object(let members) = value, let (kind, inner) = members.first, members.count == 1 else { return value }
    switch kind {
    case "stringValue", "bytesValue", "boolValue", "doubleValue": return inner
    case "intValue":
      if case .string(let text) = inner { return .number(text) }
      return inner
    case "arrayValue": return .array((inner["values"]?.arrayValue ?? []).map(anyValue))
    case "kvlistValue": return .object(attributes(inner["values"]))
    default: return value
    }
  }
}
