import JSON

/// Langfuse observation exports (docs/traces.md): one observation per line, a JSON array, or
/// an API page `{"data": [...], "meta": {...}}`.
///
/// `usageDetails` buckets are disjoint (`input` excludes `input_cached_tokens`, `output`
/// excludes `output_reasoning_tokens`), except when Langfuse stored a provider's usage object
/// verbatim: OpenAI-named keys are then inclusive and Anthropic-named keys exclusive, like
/// their providers.
enum LangfuseReader {
  /// Observation types that wrap generations; their usage, when present, is the children's sum.
  private static let aggregateTypes: Set<String> = ["AGENT", "CHAIN", "SPAN", "TOOL", "RETRIEVER", "GUARDRAIL"]

  /// - Parameter line: the whole record as a `JSONValue`, which config rules match; built only
  ///   when there are rules.
  static func read<Record: MemberLookup>(
    _ record: Record, line: @autoclosure () -> JSONValue, _ context: TraceReadContext
  )
    throws(TraceRecordError)
  {
    if let page = record["data"]?.arrayValue {
      for observation in page { try read(observation, line: observation, context) }
      return
    }
    // A trace export: `{"trace": {…, "observations": […]}, "observations": […]}`, where the
    // same observations may be listed in both places; each id is read once.
    if let observations = record["observations"]?.arrayValue {
      var seen: Set<String> = []
      for observation in observations + (record["trace"]?["observations"]?.arrayValue ?? []) {
        if let id = observation.text("id"), !seen.insert(id).inserted { continue }
        try read(observation, line: observation, context)
      }
      return
    }
    let id = record.text("id")
    let parent = record.text("parentObservationId")
    guard context.spans.register(id: id, parent: parent, namespace: "langfuse") else {
      context.notes.duplicates += 1
      return
    }
    guard let usage = try usage(record) else { return }
    let type = record["type"]?.stringValue?.uppercased() ?? "GENERATION"
    if type == "EVALUATOR" {
      context.notes.graderCalls += 1
      return
    }
    let metadata = record.object("metadata")
    let call = TraceCall(
      feature: context.attributor.feature(
        explicit: metadata?.text("feature") ?? metadata?.text("tokentax_feature"), record: line(),
        hints: [FeatureAttributor.featureTag(in: record["tags"])]),
      model: record.text("model") ?? record.text("providedModelName") ?? TraceCall.unknownModel,
      caseID: metadata?.text("case") ?? metadata?.text("case_id"),
      timestamp: TraceTimestamp.text(record["startTime"]), usage: usage)
    if aggregateTypes.contains(type) {
      context.spans.hold(call, id: id, parent: parent, namespace: "langfuse")
    } else {
      context.spans.countLeaf(parent: parent, namespace: "langfuse")
      context.emit(call)
    }
  }

  /// The observation's usage in disjoint buckets; nil when it carries none.
  static func usage<Record: MemberLookup>(_ record: Record) throws(TraceRecordError) -> TokenUsage? {
    if case .object(let details)? = record["usageDetails"] ?? record["usage_details"], !details.isEmpty {
      return try classify(details)
    }
    // Older exports: `usage: {input, output, total}` or top-level `promptTokens`/`completionTokens`.
    if let legacy = record.object("usage") {
      let input = try TokenField.first(legacy, ["input", "promptTokens"])
      let output = try TokenField.first(legacy, ["output", "completionTokens"])
      if input != nil || output != nil { return TokenUsage(uncachedInput: input ?? 0, output: output ?? 0) }
    }
    let input = try TokenField.count(record, "promptTokens")
    let output = try TokenField.count(record, "completionTokens")
    guard input != nil || output != nil else { return nil }
    return TokenUsage(uncachedInput: input ?? 0, output: output ?? 0)
  }

  /// Sorts free-form usage keys into buckets by name.
  private static func classify(_ details: JSONObject) throws(TraceRecordError) -> TokenUsage {
    var input = 0
    var cacheRead = 0
    var cacheWrite = 0
    var output = 0
    var reasoning = 0
    var inclusive = false
    for (rawKey, value) in details {
      let key = rawKey.lowercased()
      guard let count = try TokenField.count(value, field: "usageDetails.\(rawKey)") else { continue }
      if key == "total" || key.hasPrefix("total_") || key.hasSuffix("_total") { continue }
      if key == "prompt_tokens" || key == "completion_tokens" || key.contains("_details") { inclusive = true }
      if key.contains("cache_read") || key.contains("cached") {
        cacheRead += count
      } else if key.contains("cache_creation") || key.contains("cache_write") {
        cacheWrite += count
      } else if key.contains("reasoning") || key.contains("thinking") {
        reasoning += count
      } else if key.contains("_details") {
        continue  // other breakdowns (audio, text) are subsets of the input or output count
      } else if key.hasPrefix("input") || key.hasPrefix("prompt") {
        input += count
      } else if key.hasPrefix("output") || key.hasPrefix("completion") {
        output += count
      }
    }
    if inclusive {
      return UsageRules.inclusive(
        input: input, cacheRead: cacheRead, cacheWrite: cacheWrite, output: output, reasoning: reasoning)
    }
    return TokenUsage(
      uncachedInput: input, cacheRead: cacheRead, cacheWrite: cacheWrite, output: output + reasoning,
      reasoning: reasoning)
  }
}
