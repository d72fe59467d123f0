import JSON

/// promptfoo eval results (`promptfoo eval -o results.json`, or one result per line).
///
/// Only the app's tokens count: `response.tokenUsage`, without its `assertions` part. The
/// grader's tokens (`gradingResult.tokensUsed`, model-graded assertions) sit beside them and
/// are left out. `tokenUsage.cached` is promptfoo's own response cache, not provider prompt
/// caching: a cached response made no provider call and is skipped.
enum PromptfooReader {
  /// - Parameter line: the whole record as a `JSONValue`, which config rules match; built only
  ///   when there are rules.
  static func read<Record: MemberLookup>(
    _ record: Record, line: @autoclosure () -> JSONValue, _ context: TraceReadContext
  )
    throws(TraceRecordError)
  {
    if let results = record["results"]?["results"]?.arrayValue ?? record["results"]?.arrayValue {
      for result in results { try readResult(result, line: result, context) }
      return
    }
    try readResult(record, line: line(), context)
  }

  private static func readResult<Result: MemberLookup>(
    _ result: Result, line: @autoclosure () -> JSONValue, _ context: TraceReadContext
  ) throws(TraceRecordError) {
    if let grader = result["gradingResult"]?["tokensUsed"], (try TokenField.count(grader, "total") ?? 0) > 0 {
      context.notes.graderCalls += 1
    }
    guard let response = result["response"], response != .null, let tokens = response["tokenUsage"] else {
      context.notes.failedRequests += 1
      return
    }
    if response["cached"]?.boolValue == true {
      context.notes.cachedResponses += 1
      return
    }
    let output = try TokenField.count(tokens, "completion") ?? 0
    let reasoning = try TokenField.count(tokens["completionDetails"], "reasoning") ?? 0
    let usage = TokenUsage(
      uncachedInput: try TokenField.count(tokens, "prompt") ?? 0, output: max(output, reasoning), reasoning: reasoning)
    let testCase = result.object("testCase")
    let metadata = result.object("metadata") ?? testCase?.object("metadata")
    let provider = result["provider"]?.text("id") ?? result.text("provider")
    context.emit(
      TraceCall(
        feature: context.attributor.feature(
          explicit: metadata?.text("feature") ?? testCase?.object("metadata")?.text("feature"), record: line()),
        model: provider.map(modelName) ?? TraceCall.unknownModel,
        caseID: metadata?.text("case") ?? testCase?.text("description") ?? result.text("testIdx").map { "test-\($0)" },
        timestamp: nil, usage: usage))
  }

  /// `openai:chat:gpt-5` → `gpt-5`; `anthropic:messages:claude-sonnet-4-6` → `claude-sonnet-4-6`.
  private static func modelName(_ providerID: String) -> String {
    providerID.split(separator: ":").last.map(String.init) ?? providerID
  }
}
