/// Provider and tokenizer family guessed from a model id, for rows a source does not describe
/// fully (LiteLLM entries, config overrides).
enum ModelFamily {
  /// `o200k_base` / `cl100k_base` for OpenAI models, else the family name (`claude`, `gemini`, …)
  /// or `unknown`; anything but the two OpenAI encodings is counted as an estimate.
  static func tokenizer(for id: String) -> String {
    let name = ModelID.base(id)
    if o200k.contains(where: name.hasPrefix) { return "o200k_base" }
    if cl100k.contains(where: name.hasPrefix) { return "cl100k_base" }
    return families.first { family in family.markers.contains(where: name.contains) }?.name ?? "unknown"
  }

  /// Every value a price row's `tokenizer` may take: the two exact OpenAI encodings, the
  /// estimated families and `unknown`. A typo would otherwise turn exact counts into estimates.
  static var tokenizerNames: [String] {
    ["o200k_base", "cl100k_base"] + families.map(\.name) + ["unknown"]
  }

  /// The provider whose list price a model id names; `custom` when it is not recognisable.
  static func provider(for id: String) -> String {
    let name = ModelID.base(id)
    if (o200k + cl100k).contains(where: name.hasPrefix) { return "openai" }
    return families.first { family in family.markers.contains(where: name.contains) }?.provider ?? "custom"
  }

  // Longer prefixes first where one is a prefix of another (gpt-4o before gpt-4).
  private static let o200k = [
    "gpt-4o", "gpt-4.1", "gpt-4.5", "gpt-5", "gpt-6", "gpt-oss", "chatgpt-4o", "o1", "o3", "o4", "codex-",
    "computer-use",
  ]
  private static let cl100k = [
    "gpt-4", "gpt-3.5", "text-embedding-3", "text-embedding-ada", "davinci-002", "babbage-002",
  ]

  private static let families: [(name: String, provider: String, markers: [String])] = [
    ("claude", "anthropic", ["claude"]),
    ("gemini", "google", ["gemini", "gemma"]),
    ("llama", "meta", ["llama"]),
    (
      "mistral", "mistral",
      ["mistral", "mixtral", "codestral", "ministral", "magistral", "devstral", "pixtral", "voxtral"]
    ),
    ("deepseek", "deepseek", ["deepseek"]),
    ("grok", "xai", ["grok"]),
    ("qwen", "alibaba", ["qwen"]),
  ]
}
