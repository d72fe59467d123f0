import Foundation
import Tokenizer

/// Counts tokens for one model: exact with its OpenAI encoding, or o200k_base times a
/// per-family factor for other families (marked estimated, with the method).
public struct TokenCounter: Sendable {
  public let encoding: Encoding
  public let exact: Bool
  /// Multiplies o200k counts for families whose tokenizer is not public.
  public let factor: Decimal
  public let family: String

  /// English prose through Claude's tokenizer runs 10–20 % above o200k_base on recorded calls;
  /// the others are close to o200k. `tokentax calibrate` fits better numbers from traces.
  static let familyFactors: [String: Decimal] = ["claude": Decimal(string: "1.15") ?? 1]

  /// The counter for `model`; `override` is the config's `defaults.encoding` when not `auto`;
  /// `factor` is a price row's calibrated `token_factor` (estimated families only).
  public init(model: String, tokenizer: String?, override: String? = nil, factor calibrated: Decimal? = nil) {
    if let name = override.flatMap(EncodingName.init(rawValue:)) {
      encoding = Encoding.load(name)
      let natural = ModelCatalog.identify(model)
      exact = natural.exact && natural.encoding == name
      factor = 1
      family = name.rawValue
      return
    }
    if let tokenizer, let name = EncodingName(rawValue: tokenizer) {
      encoding = Encoding.load(name)
      exact = true
      factor = 1
      family = tokenizer
      return
    }
    let natural = ModelCatalog.identify(model)
    encoding = Encoding.load(natural.encoding)
    exact = natural.exact
    family = natural.exact ? natural.encoding.rawValue : (tokenizer ?? natural.tokenizer)
    factor = natural.exact ? 1 : calibrated ?? TokenCounter.familyFactors[family] ?? 1
  }

  /// Starts building the tables of the encodings `config`'s models count with on other threads,
  /// so that work overlaps reading the revisions; `Encoding.load` then finds them built, or waits
  /// for the build under way. A model named only in a front matter is most likely o200k's.
  public static func prefetch(for config: Config) {
    let models = config.features.map { $0.model ?? config.defaults.model }
    let names = Set(models.map { $0.map { ModelCatalog.identify($0).encoding } ?? .o200kBase })
    for name in names { Thread.detachNewThread { _ = Encoding.load(name) } }
  }

  /// Tokens of `text` for this model.
  public func count(_ text: String) -> Int {
    let raw = CountMemo.count(text, encoding: encoding)
    return factor == 1 ? raw : TokenCounter.scale(raw, by: factor)
  }

  /// `tokens` × `factor`, rounded half away from zero: how every estimated family scales o200k counts.
  static func scale(_ tokens: Int, by factor: Decimal) -> Int {
    NSDecimalNumber(decimal: Money.rounded(Decimal(tokens) * factor, scale: 0)).intValue
  }

  public var info: EncodingInfo {
    if exact { return EncodingInfo(name: encoding.name.rawValue, exact: true) }
    let scale = factor == 1 ? "" : " × \(factor)"
    return EncodingInfo(
      name: encoding.name.rawValue, exact: false, method: "\(encoding.name.rawValue)\(scale) (\(family) estimate)")
  }

}

/// Raw counts of texts already tokenized in this process, per encoding: `check` counts every
/// feature at both revisions and most prompt files did not change.
enum CountMemo {
  private struct Key: Hashable {
    var encoding: EncodingName
    var text: String
  }

  private static let memo = TextMemo<Key, Int>()

  static func count(_ text: String, encoding: Encoding) -> Int {
    memo.value(for: Key(encoding: encoding.name, text: text), bytes: text.utf8.count) { encoding.count(text) }
  }
}
