/// A prompt template reduced to what costs tokens: static text and placeholders, by message.
public struct Template: Sendable, Equatable {
  /// Model named in dotprompt / prompty front matter.
  public var model: String?
  public var messages: [Message]
  /// Placeholders that stand for an image (dotprompt's `{{media url=photo}}`): sized by the
  /// model's image rules unless `variables` sizes them.
  public var media: Set<String> = []

  public init(model: String? = nil, messages: [Message], media: Set<String> = []) {
    self.model = model
    self.messages = messages
    self.media = media
  }

  /// One chat message of the template; a plain file is one message.
  public struct Message: Sendable, Equatable {
    /// From role markers in the file (`{{role "system"}}`, prompty's `system:`); nil = the part's role.
    public var role: PromptPart.Role?
    public var pieces: [Piece]
    public init(role: PromptPart.Role? = nil, pieces: [Piece]) {
      self.role = role
      self.pieces = pieces
    }
  }

  public enum Piece: Sendable, Equatable {
    /// Text sent as is; `line` is the 1-based line of the file it starts on.
    case text(String, line: Int)
    /// A value filled in at run time, sized by the feature's `variables`.
    case placeholder(String, line: Int)
  }
}
