import Foundation

/// One token of Python source, as much of Python's lexical grammar as prompt modules need.
struct PythonToken: Sendable, Equatable {
  enum Kind: Sendable, Equatable { case name, string, number, op }

  var kind: Kind
  /// The source text: a name, an operator, a number, or a whole string literal with its prefix
  /// and quotes.
  var text: String
  var line: Int
  var column: Int
}

/// One logical line of Python source: its indentation and tokens.
struct PythonLine: Sendable {
  var indent: Int
  var tokens: [PythonToken]
}
