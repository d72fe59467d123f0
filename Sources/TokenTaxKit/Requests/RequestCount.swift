/// The input tokens a provider bills for one API request body, and how tokentax got there.
public struct RequestCount: Sendable, Equatable {
  /// The model the body names (or the one given on the command line).
  public var model: String
  public var api: RequestAPI
  public var inputTokens: Int
  /// True when every part was counted with rules that reproduce the provider's own count;
  /// false as soon as one part (an image, a non-OpenAI family, a response schema) is estimated.
  public var exact: Bool
  /// How the count was made, e.g. `o200k_base, gpt-4o chat framing` or
  /// `o200k_base × 1.15 + 12 per request (claude estimate)`.
  public var method: String
  /// What was estimated or left out, one short sentence each.
  public var notes: [String]

  public init(model: String, api: RequestAPI, inputTokens: Int, exact: Bool, method: String, notes: [String] = []) {
    self.model = model
    self.api = api
    self.inputTokens = inputTokens
    self.exact = exact
    self.method = method
    self.notes = notes
  }
}
