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
  /// Only tests which members are there, so a body read in place is not built.
  static func detect<Body: MemberLookup>(_ body: Body, model: String?) -> RequestAPI? {
    if body.contains("contents") { return .gemini }
    if body.contains("messages") {
      if let model, ModelCatalog.identify(model).provider == "anthropic" { return .anthropicMessages }
      return body.contains("system") ? .anthropicMessages : .chatCompletions
    }
    if body.contains("input") || body.contains("instructions") { return .responses }
    return nil
  }
}
