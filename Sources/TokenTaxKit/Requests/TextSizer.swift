import Tokenizer

/// Counts the tokens of one string of a request body. `check` passes one that sizes template
/// placeholders by the feature's `variables` instead of counting their tag text.
public protocol TextSizer: Sendable {
  func tokens(in text: String, encoding: Encoding) -> Int
}

/// Every string is sent as written.
public struct LiteralText: TextSizer {
  public init() {}
  public func tokens(in text: String, encoding: Encoding) -> Int { encoding.count(text) }
}
