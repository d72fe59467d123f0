import Tokenizer

/// The one place a model id is read: every question about a model that its id answers
/// (encoding, exactness, family, maker, chat framing) is decided here, from one normalised
/// form, so counting, pricing and request framing never disagree about what a model is.
enum ModelCatalog {
  /// The identity of `raw`. Tolerates what real configs contain: any case, host and provider
  /// prefixes (`openai/gpt-4o`, `azure/…`, `openrouter/openai/…`, `vertex_ai/…`), Bedrock ids
  /// (`us.anthropic.claude-…-v1:0`, `openai.gpt-oss-120b-1:0`), Vertex versions (`@20250929`),
  /// fine-tune ids (`ft:gpt-4o-mini:org::id`) and dated suffixes (`gpt-4o-2024-08-06`).
  static func identify(_ raw: String) -> ModelIdentity {
    identities.value(for: raw, bytes: raw.utf8.count + 256) { computeIdentity(raw) }
  }

  /// One identity per model name a run meets (a batch file names the same model 50,000 times).
  private static let identities = TextMemo<String, ModelIdentity>(minimumBytes: 0, capacityBytes: 1 << 20)

  private static func computeIdentity(_ raw: String) -> ModelIdentity {
    var name = Substring(raw.lowercased())
    if let slash = name.lastIndex(of: "/") { name = name[name.index(after: slash)...] }
    if name.hasPrefix("ft:") { name = name.dropFirst(3) }
    let base = dropFineTune(ModelID.base(String(name)))
    let trimmed = raw.trimmingWhitespace
    let host = ModelHost.host(of: trimmed)
    let priceKeys = ModelID.candidates(raw)
    if let encoding = openAIEncoding(of: String(name)) ?? openAIEncoding(of: base) {
      return ModelIdentity(
        id: trimmed, name: String(name), base: base, encoding: encoding, exact: true, family: nil, provider: "openai",
        host: host, priceKeys: priceKeys)
    }
    let family = families.first { family in family.markers.contains(where: base.contains) }
    return ModelIdentity(
      id: trimmed, name: String(name), base: base, encoding: .o200kBase, exact: false, family: family?.name,
      provider: family?.provider, host: host, priceKeys: priceKeys)
  }

  /// Whether a row made by `provider` may price `identity`: always without a host; with one,
  /// only when the host resells that maker's models at list price.
  static func mayPrice(_ identity: ModelIdentity, withRowOf provider: String) -> Bool {
    guard let host = identity.host else { return true }
    return ModelHost.allows(host, provider: provider)
  }

  /// The OpenAI chat generation whose framing a request to `identity` is counted with, when it
  /// is counted with `encoding`; `known` is false when the generation is guessed from the
  /// encoding alone (a newer o200k model than these rules know gets the newest framing).
  static func chatGeneration(
    of identity: ModelIdentity, encoding: EncodingName
  ) -> (generation: ChatFormat.Generation, known: Bool) {
    let name = identity.name
    if encoding == .cl100kBase { return (.legacy, true) }
    if name.hasPrefix("gpt-5") || name.hasPrefix("gpt-oss") { return (name.contains("chat") ? .gpt4o : .gpt5, true) }
    if name.hasPrefix("o1-mini") || name.hasPrefix("gpt-4") || name.hasPrefix("chatgpt-4o") { return (.gpt4o, true) }
    if ["o1", "o3", "o4", "codex-mini"].contains(where: name.hasPrefix) { return (.reasoning, true) }
    return (.gpt5, false)
  }

  /// Families counted with o200k_base, following tiktoken's `encoding_for_model` tables. gpt-oss
  /// uses o200k_harmony, which is o200k_base plus chat-format special tokens: the same ids for
  /// ordinary text.
  private static let o200kFamilies = [
    "gpt-4o", "gpt-4.1", "gpt-4.5", "gpt-5", "chatgpt-4o", "o1", "o3", "o4", "gpt-oss", "codex-mini",
    "computer-use-preview",
  ]
  private static let cl100kFamilies = [
    "gpt-4", "gpt-3.5-turbo", "gpt-3.5", "gpt-35-turbo", "text-embedding-3-small", "text-embedding-3-large",
    "text-embedding-ada-002", "davinci-002", "babbage-002",
  ]

  /// Estimated families: the name a calibration and a report use, the maker, and the markers an
  /// id contains (`meta-llama/Llama-3.3-70B`, `mixtral-8x7b`).
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
    ("command", "cohere", ["command"]),
  ]

  /// Every value a price row's `tokenizer` may take: the two exact OpenAI encodings, the
  /// estimated families and `unknown`. A typo would otherwise turn exact counts into estimates.
  static var tokenizerNames: [String] {
    [EncodingName.o200kBase.rawValue, EncodingName.cl100kBase.rawValue] + families.map(\.name) + ["unknown"]
  }

  private static func openAIEncoding(of name: String) -> EncodingName? {
    if o200kFamilies.contains(where: { isFamily(name, $0) }) { return .o200kBase }
    if cl100kFamilies.contains(where: { isFamily(name, $0) }) { return .cl100kBase }
    return nil
  }

  /// `name` is the family itself or a member of it: the family followed by `-`, `:` or `@`
  /// (`o3-mini`, `gpt-4-0613`), or for gpt-5 by a point release (`gpt-5.1`); never by more
  /// letters or digits (`gpt-4o` is not `gpt-4`, `o1x` is not `o1`) nor an unknown point
  /// release of an older family (`gpt-4.7` is not `gpt-4`).
  private static func isFamily(_ name: String, _ family: String) -> Bool {
    guard name.hasPrefix(family) else { return false }
    guard let next = name.dropFirst(family.count).first else { return true }
    return next == "-" || next == ":" || next == "@" || (next == "." && family == "gpt-5")
  }

  /// `gpt-4o-mini:acme::abc123` → `gpt-4o-mini`: a fine-tune counts as its base model.
  private static func dropFineTune(_ id: String) -> String {
    guard let colon = id.firstIndex(of: ":") else { return id }
    return String(id[..<colon])
  }
}

extension String {
  fileprivate var trimmingWhitespace: String {
    var text = Substring(self)
    while text.first?.isWhitespace == true { text.removeFirst() }
    while text.last?.isWhitespace == true { text.removeLast() }
    return String(text)
  }
}
