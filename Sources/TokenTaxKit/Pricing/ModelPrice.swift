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
  /// Cache-write price for the 1-hour cache (Anthropic: 2 × input); nil = `cacheWrite`.
  public var cacheWrite1h: Decimal?
  /// Fraction taken off every bucket in batch mode (0.5 = 50 % off); nil when there is no batch API.
  public var batchDiscount: Decimal?
  /// Prices for requests whose input passes a size; they apply to the whole request.
  public var longContext: LongContextTier?
  /// The most input tokens one request may carry.
  public var contextWindow: Int?
  /// The shortest prefix the provider caches; shorter prefixes are billed uncached without an
  /// error (Anthropic: 1,024 for Sonnet, 4,096 for Haiku 4.5; OpenAI: 1,024). Nil = unknown.
  public var minimumCacheablePrefix: Int?
  /// `o200k_base` / `cl100k_base` for OpenAI models (exact); otherwise the family counted with
  /// o200k_base as an estimate, e.g. `claude`, `gemini`, `llama`.
  public var tokenizer: String
  /// For estimated families: billed tokens per o200k_base token, tokens every request adds,
  /// tokens a request with tool definitions adds, and the same when its tool choice forces a
  /// tool (`tokentax calibrate` fits them); nil = the family's built-in calibration.
  public var tokenFactor: Decimal?
  public var requestOverhead: Int?
  public var toolOverhead: Int?
  public var forcedToolOverhead: Int?
  /// Where the numbers come from (a URL or a file name), and the date they were read
  /// (`YYYY-MM-DD`; empty when the source carries no date, as LiteLLM files don't).
  public var source: String
  public var date: String

  public init(
    model: String, provider: String, input: Decimal, output: Decimal, cacheRead: Decimal? = nil,
    cacheWrite: Decimal? = nil, cacheWrite1h: Decimal? = nil, batchDiscount: Decimal? = nil,
    longContext: LongContextTier? = nil, contextWindow: Int? = nil, minimumCacheablePrefix: Int? = nil,
    tokenizer: String, tokenFactor: Decimal? = nil, requestOverhead: Int? = nil, toolOverhead: Int? = nil,
    forcedToolOverhead: Int? = nil, source: String, date: String
  ) {
    self.model = model
    self.provider = provider
    self.input = input
    self.output = output
    self.cacheRead = cacheRead
    self.cacheWrite = cacheWrite
    self.cacheWrite1h = cacheWrite1h
    self.batchDiscount = batchDiscount
    self.longContext = longContext
    self.contextWindow = contextWindow
    self.minimumCacheablePrefix = minimumCacheablePrefix
    self.tokenizer = tokenizer
    self.tokenFactor = tokenFactor
    self.requestOverhead = requestOverhead
    self.toolOverhead = toolOverhead
    self.forcedToolOverhead = forcedToolOverhead
    self.source = source
    self.date = date
  }

  /// The per-million prices that bill a request with `inputTokens` input tokens (cached ones
  /// included): the long-context tier's when the input passes its threshold, with every
  /// missing price filled in by the provider rules.
  public func rates(forInputTokens inputTokens: Int) -> Rates {
    let base = Rates(
      input: input, output: output, cacheRead: cacheRead ?? input, cacheWrite: cacheWrite ?? input,
      cacheWrite1h: cacheWrite1h ?? cacheWrite ?? input)
    guard let tier = longContext, inputTokens > tier.threshold else { return base }
    // Cache multipliers stack with the long-context price (Anthropic, Gemini): a tier that
    // names no cache price scales the base one by the tier's input ratio.
    func scaled(_ price: Decimal) -> Decimal { input == 0 ? tier.input : price * tier.input / input }
    return Rates(
      input: tier.input, output: tier.output, cacheRead: tier.cacheRead ?? scaled(base.cacheRead),
      cacheWrite: tier.cacheWrite ?? scaled(base.cacheWrite),
      cacheWrite1h: tier.cacheWrite1h ?? scaled(base.cacheWrite1h))
  }

  /// Resolved per-million prices for every bucket of one request.
  public struct Rates: Sendable, Equatable {
    public var input: Decimal
    public var output: Decimal
    public var cacheRead: Decimal
    public var cacheWrite: Decimal
    public var cacheWrite1h: Decimal
  }
}
