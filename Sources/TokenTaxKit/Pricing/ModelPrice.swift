import Foundation

/// One row of the price table: list prices in USD per million tokens, with provenance.
public struct ModelPrice: Sendable, Equatable {
  /// The canonical id, e.g. `claude-sonnet-4-6`.
  public var model: String
  public var provider: String
  public var input: Decimal
  public var output: Decimal
  /// Cache-read price; nil when the model has no prompt caching (then cached reads bill as input).
  public var cacheRead: Decimal?
  /// Cache-write price (Anthropic: 1.25 × input for the 5-minute cache); nil = input price.
  public var cacheWrite: Decimal?
  /// Fraction taken off every bucket in batch mode (0.5 = 50 % off); nil when there is no batch API.
  public var batchDiscount: Decimal?
  /// Prices for requests whose input passes a size; they apply to the whole request.
  public var longContext: LongContextTier?
  public var contextWindow: Int?
  /// `o200k_base` / `cl100k_base` for OpenAI models (exact); otherwise the family counted with
  /// o200k_base as an estimate, e.g. `claude`, `gemini`, `llama`.
  public var tokenizer: String
  /// Where the numbers come from (a URL or `litellm 1.109.1`), and the date they were read.
  public var source: String
  public var date: String

  public init(
    model: String, provider: String, input: Decimal, output: Decimal, cacheRead: Decimal? = nil,
    cacheWrite: Decimal? = nil, batchDiscount: Decimal? = nil, longContext: LongContextTier? = nil,
    contextWindow: Int? = nil, tokenizer: String, source: String, date: String
  ) {
    self.model = model
    self.provider = provider
    self.input = input
    self.output = output
    self.cacheRead = cacheRead
    self.cacheWrite = cacheWrite
    self.batchDiscount = batchDiscount
    self.longContext = longContext
    self.contextWindow = contextWindow
    self.tokenizer = tokenizer
    self.source = source
    self.date = date
  }
}

/// Prices that replace the base prices when a request's input tokens exceed `threshold`.
public struct LongContextTier: Sendable, Equatable {
  public var threshold: Int
  public var input: Decimal
  public var output: Decimal
  public var cacheRead: Decimal?
  public var cacheWrite: Decimal?

  public init(threshold: Int, input: Decimal, output: Decimal, cacheRead: Decimal? = nil, cacheWrite: Decimal? = nil) {
    self.threshold = threshold
    self.input = input
    self.output = output
    self.cacheRead = cacheRead
    self.cacheWrite = cacheWrite
  }
}
