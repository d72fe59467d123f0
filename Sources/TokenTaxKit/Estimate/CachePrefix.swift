/// The cacheable prefix of a call: the tokens from the start that are byte-identical on every
/// call, so a provider can read them from its prompt cache. It runs through the parts marked
/// `cache` in send order and ends at the first part that is not, or at the first placeholder.
struct CachePrefix: Sendable {
  /// Tokens in the prefix so far.
  private(set) var tokens = 0
  private var open = true
  /// Whether the current part is inside the prefix.
  private var partCached = false

  /// A part begins; `cache` is its config's `cache` flag.
  mutating func begin(cache: Bool) {
    partCached = open && cache
    if !cache { open = false }
  }

  /// Tokens of the current part, counted while the prefix lasts.
  mutating func add(_ count: Int) {
    if partCached && open { tokens += count }
  }

  /// A per-call value: nothing after it is cached.
  mutating func close() { open = false }

  /// The tokens a provider caches of this prefix. Providers cache only past a minimum size
  /// (1,024 tokens for most models, the price row says); OpenAI then caches in 128-token steps.
  func cacheable(at price: ModelPrice) -> Int {
    let minimum = price.minimumCacheablePrefix ?? 1024
    guard price.cacheRead != nil, tokens >= minimum else { return 0 }
    if price.provider == "openai" { return minimum + (tokens - minimum) / 128 * 128 }
    return tokens
  }

  /// How an average call of `input` tokens splits into cache reads and writes. A measured hit
  /// rate (cache reads / all input, from traces) applies to the whole input; otherwise hits read
  /// the prefix at the configured rate, and misses write it where the provider bills writes.
  func use(input: Int, price: ModelPrice, observedHitRate: Double?, configuredHitRate: Double?, defaultHitRate: Double)
    -> CacheUse
  {
    if let observedHitRate, price.cacheRead != nil {
      return CacheUse(
        read: min(input, Int((Double(input) * observedHitRate).rounded())), written: 0, hitRate: observedHitRate,
        source: .traces)
    }
    let cacheable = cacheable(at: price)
    guard cacheable > 0 else { return CacheUse(read: 0, written: 0, hitRate: nil, source: nil) }
    let rate = configuredHitRate ?? defaultHitRate
    let read = Int((Double(cacheable) * rate).rounded())
    return CacheUse(
      read: read, written: price.cacheWrite != nil ? cacheable - read : 0, hitRate: rate,
      source: configuredHitRate == nil ? .default : .config)
  }
}

/// The cache reads and writes of an average call, and where the hit rate came from.
struct CacheUse: Sendable, Equatable {
  var read: Int
  var written: Int
  /// Nil when nothing is cacheable.
  var hitRate: Double?
  var source: EstimateSource?
}
