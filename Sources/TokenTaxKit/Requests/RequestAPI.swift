/// The request body shapes tokentax counts.
public enum RequestAPI: String, Sendable, CaseIterable {
  /// OpenAI Chat Completions: `messages`, `tools`/`functions`, `response_format`.
  case chatCompletions = "chat"
  /// OpenAI Responses: `input`, `instructions`, `tools`, `text.format`.
  case responses
  /// Anthropic Messages: `system`, `messages` of content blocks, `tools` with `input_schema`.
  case anthropicMessages = "anthropic"
  /// Gemini `generateContent`: `contents`, `systemInstruction`, `tools[].functionDeclarations`.
  case gemini

  /// The shape of `body`: Gemini by `contents`, Responses by `input`/`instructions`, and a
  /// `messages` body is Anthropic when the model is a Claude model or the body has a top-level
  /// `system` (OpenAI puts the system prompt in a message). Nil when it is none of them.
  static func detect(_ body: [String: JSONValue], model: String?) -> RequestAPI? {
    if body["contents"] != nil { return .gemini }
    if body["messages"] != nil {
      if let model, model.lowercased().contains("claude") { return .anthropicMessages }
      return body["system"] != nil ? .anthropicMessages : .chatCompletions
    }
    if body["input"] != nil || body["instructions"] != nil { return .responses }
    return nil
  }
}
