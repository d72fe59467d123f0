/// A client tool whose definition Anthropic writes itself (`{"type": "bash_20250124", "name":
/// "bash"}`): the request carries only its type, so its size comes from Anthropic's tool-use
/// pricing documentation, in Claude tokens, not from the body.
struct AnthropicDefinedTool: Equatable {
  var kind: String
  var tokens: Int

  /// Nil for types without a documented size (web search, web fetch, code execution, memory …),
  /// which stay uncounted with a note.
  init?(type: String) {
    switch type.split(separator: "_").dropLast().joined(separator: "_") {
    case "bash":
      self.init(kind: "bash", tokens: 245)
    case "text_editor":
      self.init(kind: "text editor", tokens: 700)
    case "computer":
      // 735 per definition plus a computer-use system prompt documented as 466–499 tokens; the
      // upper end, so a cost check does not come in low.
      self.init(kind: "computer use", tokens: 735 + 499)
    default:
      return nil
    }
  }

  private init(kind: String, tokens: Int) {
    self.kind = kind
    self.tokens = tokens
  }

  var note: String { "\(kind) tool counted at Anthropic's documented \(tokens) tokens" }
}
