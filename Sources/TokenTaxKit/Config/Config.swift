import Foundation
import JSON

/// `tokentax.json`, version 1 (the README's config reference).
public struct Config: Sendable, Equatable {
  public static let fileName = "tokentax.json"
  public static let currentVersion = 1

  public var version: Int
  public var defaults: Defaults
  public var prices: PriceSources
  public var features: [FeatureConfig]
  public var thresholds: Thresholds
  public var budgets: Budgets
  public var approvalTrailer: String
  /// Calls below this count in a trace comparison are a warning, not a pass.
  public var minSamples: Int
  /// Rules that attribute trace calls to features by any field's value.
  public var traceRules: [AttributionRule]

  public init(
    version: Int = 1, defaults: Defaults = Defaults(), prices: PriceSources = PriceSources(), features: [FeatureConfig],
    thresholds: Thresholds = Thresholds(), budgets: Budgets = Budgets(), approvalTrailer: String = "Cost-Approved",
    minSamples: Int = 20, traceRules: [AttributionRule] = []
  ) {
    self.version = version
    self.defaults = defaults
    self.prices = prices
    self.features = features
    self.thresholds = thresholds
    self.budgets = budgets
    self.approvalTrailer = approvalTrailer
    self.minSamples = minSamples
    self.traceRules = traceRules
  }

  public struct Defaults: Sendable, Equatable {
    public var model: String?
    public var daysPerMonth: Decimal = 30
    /// `auto` (from the model), `o200k_base` or `cl100k_base`.
    public var encoding: String = "auto"
    /// The size of a placeholder that has no entry in `variables`.
    public var variableTokens: Int = 100
    /// `template_paths` and `branches` of every feature.
    public var templates = TemplateOptions()
    /// The share of calls that read a cacheable prefix from the cache, when no traces measure
    /// it: a guess the report states, never "every call hits".
    public var cacheHitRate: Double = Config.Defaults.assumedCacheHitRate
    public static let assumedCacheHitRate = 0.5
    /// Azure deployment name → the model it serves (`"my-prod-4o": "gpt-4o"`): a deployment is
    /// priced and counted as its model.
    public var deployments: [String: String] = [:]
    public init() {}
  }

  public struct PriceSources: Sendable, Equatable {
    public var files: [String] = []
    /// Per-model rows in tokentax's own price format, keyed by model id.
    public var overrides: JSONObject = [:]
    public init() {}
  }
}
