/// Which encoding a model uses, and whether counting with it is exact for that model.
public struct ModelEncoding: Sendable, Equatable {
  public var encoding: EncodingName
  /// False for non-OpenAI families, counted with o200k_base as an estimate.
  public var exact: Bool

  public init(encoding: EncodingName, exact: Bool) {
    self.encoding = encoding
    self.exact = exact
  }

  /// The encoding of a model id, following tiktoken's `encoding_for_model` tables.
  ///
  /// Tolerates what real configs contain: any case, provider prefixes (`openai/gpt-4o`,
  /// `azure/gpt-4o`, `openrouter/openai/gpt-4o`, Bedrock's `openai.gpt-oss-120b-1:0`),
  /// fine-tune ids (`ft:gpt-4o-mini:org::id`) and dated or sized suffixes (`gpt-4o-2024-08-06`).
  /// Every other family is counted with o200k_base and marked inexact.
  public static func forModel(_ model: String) -> ModelEncoding {
    var name = Substring(model.lowercased())
    if let slash = name.lastIndex(of: "/") { name = name[name.index(after: slash)...] }
    for prefix in ["ft:", "openai."] where name.hasPrefix(prefix) { name = name.dropFirst(prefix.count) }
    if o200kFamilies.contains(where: { isFamily(name, $0) }) {
      return ModelEncoding(encoding: .o200kBase, exact: true)
    }
    if cl100kFamilies.contains(where: { isFamily(name, $0) }) {
      return ModelEncoding(encoding: .cl100kBase, exact: true)
    }
    return ModelEncoding(encoding: .o200kBase, exact: false)
  }

  /// gpt-oss uses o200k_harmony, which is o200k_base plus chat-format special tokens: the
  /// same ids for ordinary text.
  private static let o200kFamilies = [
    "gpt-4o", "gpt-4.1", "gpt-4.5", "gpt-5", "chatgpt-4o", "o1", "o3", "o4", "gpt-oss", "codex-mini",
  ]
  private static let cl100kFamilies = [
    "gpt-4", "gpt-3.5-turbo", "gpt-3.5", "gpt-35-turbo", "text-embedding-3-small", "text-embedding-3-large",
    "text-embedding-ada-002", "davinci-002", "babbage-002",
  ]

  /// `name` is the family itself or a member of it: the family followed by `-`, `:` or `@`
  /// (`o3-mini`, `gpt-4-0613`), or for gpt-5 by a point release (`gpt-5.1`); never by more
  /// letters or digits (`gpt-4o` is not `gpt-4`, `o1x` is not `o1`) nor an unknown point
  /// release of an older family (`gpt-4.7` is not `gpt-4`).
  private static func isFamily(_ name: Substring, _ family: String) -> Bool {
    guard name.hasPrefix(family) else { return false }
    guard let next = name.dropFirst(family.count).first else { return true }
    return next == "-" || next == ":" || next == "@" || (next == "." && family == "gpt-5")
  }
}
