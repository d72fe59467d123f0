import Foundation

/// One token of TypeScript or JavaScript source, as much of the grammar as prompt modules need.
struct ScriptToken: Sendable, Equatable {
  enum Kind: Sendable, Equatable {
    case identifier, number, punctuator, regex
    /// A quoted string; `text` is the source with its quotes.
    case string
    /// A template literal: text chunks (source, undecoded) and `${…}` expressions.
    case template([TemplatePart])
  }

  enum TemplatePart: Sendable, Equatable {
    case chunk(String, line: Int)
    case expression([ScriptToken], source: String, line: Int)
  }

  var kind: Kind
  var text: String
  var line: Int
  var column: Int

  func isPunctuator(_ text: String) -> Bool { kind == .punctuator && self.text == text }
  func isIdentifier(_ text: String) -> Bool { kind == .identifier && self.text == text }
}
