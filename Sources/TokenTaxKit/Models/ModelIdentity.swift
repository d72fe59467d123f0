import Tokenizer

/// What tokentax knows about a model from its id alone: how it is counted, who makes it and
/// how an OpenAI chat request to it is framed. Built once per id by `ModelCatalog.identify`.
public struct ModelIdentity: Sendable, Equatable {
  /// The id as written, trimmed.
  public let id: String
  /// Lowercased, without host or provider prefixes and fine-tune markers (`ft:`), dates kept:
  /// what chat framing is decided on (`gpt-3.5-turbo-0301` frames differently).
  public let name: String
  /// `name` without dates, Bedrock and Vertex decorations or `-latest`: what families match.
  public let base: String
  /// The encoding that counts the model: its own for OpenAI models, else o200k_base.
  public let encoding: EncodingName
  /// True when `encoding` is the model's own tokenizer (OpenAI models).
  public let exact: Bool
  /// The tokenizer family of a model counted as an estimate (`claude`, `gemini`, …), nil for
  /// exact models and unrecognised ids.
  public let family: String?
  /// The model's maker (`openai`, `anthropic`, `google`, …), nil when not recognisable.
  public let provider: String?
  /// The host a prefixed id names (`deepinfra/…`, `bedrock/…`), which decides whose price
  /// rows may price it; nil for an id without a known host prefix.
  public let host: String?
  /// The keys a price table tries for this id, most literal first (`ModelID.candidates`).
  public let priceKeys: [String]

  /// The tokenizer field of a price row that does not state one: the encoding of an exact
  /// model, else the family, else `unknown`.
  public var tokenizer: String { exact ? encoding.rawValue : family ?? "unknown" }
}
