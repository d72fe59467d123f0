import JSON

/// The input tokens a provider reported for a call, from any of the usage shapes: OpenAI Chat
/// `prompt_tokens`, Responses `input_tokens`, Anthropic `input_tokens` + cache reads and writes
/// (which Anthropic reports apart), Gemini `promptTokenCount` (or `totalTokens` of countTokens).
enum ReportedUsage {
  static func inputTokens(_ usage: JSONValue) -> Int? {
    if let prompt = usage["prompt_tokens"]?.intValue { return prompt }
    if let input = usage["input_tokens"]?.intValue {
      let cacheRead = usage["cache_read_input_tokens"]?.intValue ?? 0
      let cacheWrite = usage["cache_creation_input_tokens"]?.intValue ?? 0
      return input + cacheRead + cacheWrite
    }
    if let prompt = (usage["promptTokenCount"] ?? usage["prompt_token_count"])?.intValue { return prompt }
    return usage["totalTokens"]?.intValue
  }

  /// The usage inside a recorded provider response (`usage`, `usageMetadata`), or the object
  /// itself when it is already a usage block.
  static func inputTokens(response: JSONValue) -> Int? {
    for key in ["usage", "usageMetadata", "usage_metadata"] {
      if let usage = response[key], let tokens = inputTokens(usage) { return tokens }
    }
    return inputTokens(response)
  }
}
