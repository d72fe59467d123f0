/// A prompt line whose change added (positive) or removed (negative) tokens.
public struct PromptChange: Sendable, Equatable {
  public var file: String
  public var line: Int
  public var tokens: Int
  public init(file: String, line: Int, tokens: Int) {
    self.file = file
    self.line = line
    self.tokens = tokens
  }
}
