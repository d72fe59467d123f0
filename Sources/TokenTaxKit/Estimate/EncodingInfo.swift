/// Which tokenizer counted, and whether the count is exact for the model.
public struct EncodingInfo: Sendable, Equatable {
  public var name: String
  public var exact: Bool
  /// How a non-exact count was made, e.g. `o200k_base × 1.15 (claude)`.
  public var method: String?
  public init(name: String, exact: Bool, method: String? = nil) {
    self.name = name
    self.exact = exact
    self.method = method
  }
}
