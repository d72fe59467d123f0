/// Where one number of an estimate came from. The raw values are the JSON report's `source`
/// strings and the table's evidence column.
public enum EstimateSource: String, Sendable, CaseIterable {
  /// Counted from the prompt templates.
  case template
  /// Counted from a whole request body part.
  case request
  /// Measured in canary traces.
  case traces
  /// The feature's config (`output_tokens`, `cache_hit_rate`).
  case config
  /// The config's `defaults`.
  case `default`
  /// Nothing knew it: counted as 0.
  case none
}

/// Where each number of a call estimate came from.
public struct EstimateSources: Sendable, Equatable {
  public var inputTokens: EstimateSource
  public var cachedInputTokens: EstimateSource
  public var outputTokens: EstimateSource
  /// Nil when nothing is cacheable.
  public var cacheHitRate: EstimateSource?

  public init(
    inputTokens: EstimateSource = .template, cachedInputTokens: EstimateSource = .template,
    outputTokens: EstimateSource, cacheHitRate: EstimateSource? = nil
  ) {
    self.inputTokens = inputTokens
    self.cachedInputTokens = cachedInputTokens
    self.outputTokens = outputTokens
    self.cacheHitRate = cacheHitRate
  }

  /// The report's keys (`input_tokens`, `cached_input_tokens`, `output_tokens`,
  /// `cache_hit_rate`), in that order.
  public static let keys = ["input_tokens", "cached_input_tokens", "output_tokens", "cache_hit_rate"]

  /// The source of the number under report key `key`; nil for an absent or unknown key.
  public subscript(key: String) -> EstimateSource? {
    switch key {
    case "input_tokens": inputTokens
    case "cached_input_tokens": cachedInputTokens
    case "output_tokens": outputTokens
    case "cache_hit_rate": cacheHitRate
    default: nil
    }
  }

  /// Report key → source name, as the JSON report writes it.
  public var byKey: [String: String] {
    var result: [String: String] = [:]
    for key in Self.keys { result[key] = self[key]?.rawValue }
    return result
  }
}
