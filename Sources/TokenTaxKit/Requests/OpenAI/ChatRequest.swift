import JSON

/// An OpenAI request reduced to what is billed as input: Chat Completions bodies directly,
/// Responses bodies after `ChatRequest(responses:)` maps their items onto messages.
struct ChatRequest {
  var model: String
  var messages: [ChatMessage]
  var functions: [FunctionDefinition]
  var toolChoice: ToolChoice
  var responseSchema: ResponseSchema?
  /// Hosted tools (`web_search`, `file_search` …) whose hidden prompts tokentax cannot see.
  var hostedTools: [String] = []
}

struct ChatMessage {
  var role: String
  var name: String?
  var parts: [ContentPart]
  var toolCalls: [ToolCall] = []
  /// `tool` messages: the call they answer, so the function name can be rendered.
  var toolCallID: String?
  /// The legacy `function_call` of an assistant message (gpt-3.5 era `functions` API).
  var functionCall: ToolCall?

  /// The text parts, concatenated as the API does.
  var text: String {
    parts.reduce(into: "") { text, part in
      if case .text(let piece) = part { text += piece }
    }
  }
}

enum ContentPart {
  case text(String)
  /// An image by URL or data URL; `detail` is `low`, `high` or `auto`.
  case image(url: String, detail: String?)
  /// Base64 audio with its format (`wav`, `mp3`).
  case audio(data: String, format: String?)
  /// Any other part (files, PDFs), named by its type.
  case other(String)
}

struct ToolCall {
  var id: String?
  var name: String
  /// The arguments exactly as sent (a JSON string).
  var arguments: String
}

struct FunctionDefinition {
  var name: String
  var description: String?
  var parameters: JSONValue?
}

enum ToolChoice: Equatable {
  case auto, none, required
  case function(String)
}

/// A `json_schema` response format (Chat `response_format`, Responses `text.format`).
struct ResponseSchema {
  var name: String
  /// The format's own description (not the schema's), which the prompt shows as a comment.
  var description: String?
  var schema: JSONValue
}
