/// The two ways providers count tokens, turned into disjoint buckets.
enum UsageRules {
  /// For formats whose input count includes cache reads and writes and whose output count
  /// includes reasoning (OpenAI, OTel GenAI, LiteLLM).
  ///
  /// Some emitters break the rule (an Anthropic instrumentation passing the raw, exclusive
  /// `input_tokens`): when the cache parts exceed the input they cannot be inside it, so the
  /// input is taken as already exclusive. Likewise for reasoning beyond the output.
  static func inclusive(input: Int, cacheRead: Int, cacheWrite: Int, output: Int, reasoning: Int) -> TokenUsage {
    let cached = cacheRead + cacheWrite
    let uncached = cached <= input ? input - cached : input
    let billedOutput = reasoning <= output ? output : output + reasoning
    return TokenUsage(
      uncachedInput: uncached, cacheRead: cacheRead, cacheWrite: cacheWrite, output: billedOutput, reasoning: reasoning)
  }
}
