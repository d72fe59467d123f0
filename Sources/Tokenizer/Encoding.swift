// PLACEHOLDER API — the tokenizer work replaces the implementation, keeps this interface.

/// The BPE encodings tokentax counts with exactly.
public enum EncodingName: String, CaseIterable, Sendable {
  case o200kBase = "o200k_base"
  case cl100kBase = "cl100k_base"
}

/// A loaded encoding: encode, count and decode, ids identical to tiktoken's.
public final class Encoding: Sendable {
  public let name: EncodingName

  private init(name: EncodingName) { self.name = name }

  /// The shared, lazily built encoding (thread-safe).
  public static func load(_ name: EncodingName) -> Encoding { Encoding(name: name) }

  /// Token ids; special-token strings are ordinary text unless `allowSpecial`.
  public func encode(_ text: String, allowSpecial: Bool = false) -> [Int] { text.utf8.map { Int($0) } }

  /// The number of tokens `encode` would return, without building the id array.
  public func count(_ text: String, allowSpecial: Bool = false) -> Int { (text.utf8.count + 3) / 4 }

  /// The bytes of the ids (not always valid UTF-8 for a partial sequence).
  public func decode(_ ids: [Int]) -> [UInt8] { ids.map { UInt8(truncatingIfNeeded: $0) } }
}

/// Which encoding a model uses, and whether counting with it is exact for that model.
public struct ModelEncoding: Sendable, Equatable {
  public var encoding: EncodingName
  /// False for non-OpenAI families, counted with o200k_base as an estimate.
  public var exact: Bool

  public init(encoding: EncodingName, exact: Bool) {
    self.encoding = encoding
    self.exact = exact
  }

  public static func forModel(_ model: String) -> ModelEncoding { ModelEncoding(encoding: .o200kBase, exact: false) }
}
