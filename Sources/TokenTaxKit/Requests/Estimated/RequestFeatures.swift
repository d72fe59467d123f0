/// What an estimated request is made of, in o200k_base tokens and counts: the inputs of
/// `EstimationProfile.estimate` and of `tokentax calibrate`.
struct RequestFeatures: Equatable {
  /// o200k_base tokens of everything sent as text: system prompt, messages, tool calls and
  /// results, tool definitions (name, description, minified schema).
  var textTokens = 0
  var messages = 0
  /// Function tools defined (server-side tools are notes).
  var tools = 0
  /// Anthropic-defined client tools (bash, text editor, computer use), counted at the sizes
  /// Anthropic documents for them, in Claude tokens: added unscaled.
  var definedTools = 0
  var definedToolTokens = 0
  /// Tool calls and tool results in the history (their text is in `textTokens`).
  var toolBlocks = 0
  /// `tool_choice` forces a tool (Anthropic `any`/`tool`), which has its own preamble.
  var toolsForced = false
  var thinking = false
  var structuredOutput = false
  /// Tokens computed by the provider's own formula (images), added unscaled.
  var mediaTokens = 0
  /// Tokens of the reasoning a Gemini 3 model re-reads from the current turn's thought
  /// signatures, added unscaled.
  var thoughtSignatureTokens = 0
  var notes: [String] = []

  /// Whether the provider adds its tool-use system prompt.
  var hasTools: Bool { tools + definedTools > 0 }

  mutating func note(_ text: String) {
    if !notes.contains(text) { notes.append(text) }
  }
}
