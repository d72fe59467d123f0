import Foundation
import JSON

/// The top-level declarations of a TypeScript or JavaScript module: `const` / `let` / `var`
/// (exported or not) and `function`s, each kept as the token range of its initializer or body
/// until a prompt part asks for it (docs/prompt-sources.md).
struct ScriptModule {
  struct Binding {
    /// Tokens from the first token of the initializer (or the function's parameter list).
    var start: Int
    var line: Int
    var column: Int
    /// `function NAME(…) { … }`: the body starts at the `{` found from `start`.
    var isFunctionDeclaration: Bool
  }

  let file: String
  let tokens: [ScriptToken]
  private(set) var bindings: [String: Binding] = [:]
  private(set) var order: [String] = []

  static let statementStarts: Set<String> = [
    "const", "let", "var", "export", "function", "import", "class", "type", "interface", "enum", "declare", "module",
    "namespace",
  ]

  init(_ text: String, file: String) throws {
    self.file = file
    var lexer = ScriptLexer(text)
    tokens = lexer.tokens()
    var depth = 0
    var index = 0
    while index < tokens.count {
      let token = tokens[index]
      if token.kind == .punctuator {
        if ["{", "(", "["].contains(token.text) { depth += 1 }
        if ["}", ")", "]"].contains(token.text) { depth = max(0, depth - 1) }
        index += 1
        continue
      }
      guard depth == 0, token.kind == .identifier else {
        index += 1
        continue
      }
      if ["const", "let", "var"].contains(token.text) {
        index = declarators(from: index + 1)
        continue
      }
      if token.text == "function", index + 1 < tokens.count {
        var nameIndex = index + 1
        if tokens[nameIndex].isPunctuator("*") { nameIndex += 1 }
        if nameIndex < tokens.count, tokens[nameIndex].kind == .identifier {
          record(
            tokens[nameIndex],
            Binding(
              start: nameIndex + 1, line: tokens[nameIndex].line, column: tokens[nameIndex].column,
              isFunctionDeclaration: true))
        }
      }
      index += 1
    }
  }

  private mutating func record(_ name: ScriptToken, _ binding: Binding) {
    if bindings[name.text] == nil { order.append(name.text) }
    bindings[name.text] = binding
  }

  /// Records `NAME [: T] = init, …` and returns the index after the statement.
  private mutating func declarators(from start: Int) -> Int {
    var index = start
    while index < tokens.count {
      guard tokens[index].kind == .identifier else { return skipStatement(from: index) }
      let name = tokens[index]
      index += 1
      // A type annotation runs to the `=` outside brackets.
      if index < tokens.count, tokens[index].isPunctuator(":") {
        var depth = 0
        while index < tokens.count {
          let token = tokens[index]
          if token.kind == .punctuator {
            if ["(", "[", "{", "<"].contains(token.text) { depth += 1 }
            if [")", "]", "}", ">"].contains(token.text) { depth -= 1 }
            if depth == 0, token.text == "=" { break }
            if depth < 0 || token.text == ";" { return index }
          }
          index += 1
        }
      }
      guard index < tokens.count, tokens[index].isPunctuator("=") else { return skipStatement(from: index) }
      record(name, Binding(start: index + 1, line: name.line, column: name.column, isFunctionDeclaration: false))
      index = skipExpression(from: index + 1)
      guard index < tokens.count, tokens[index].isPunctuator(",") else { return index }
      index += 1
    }
    return index
  }

  /// The index after an initializer: the `,` or `;` outside brackets, or the next top-level
  /// statement's first word on a later line (where automatic semicolon insertion ends it).
  func skipExpression(from start: Int) -> Int {
    var depth = 0
    var index = start
    while index < tokens.count {
      let token = tokens[index]
      if token.kind == .punctuator {
        if ["(", "[", "{"].contains(token.text) { depth += 1 }
        if [")", "]", "}"].contains(token.text) {
          if depth == 0 { return index }
          depth -= 1
        }
        if depth == 0, token.text == "," || token.text == ";" { return index }
      } else if depth == 0, token.kind == .identifier, Self.statementStarts.contains(token.text), index > start,
        tokens[index - 1].line < token.line
      {
        return index
      }
      index += 1
    }
    return index
  }

  private func skipStatement(from start: Int) -> Int {
    let end = skipExpression(from: start)
    return end < tokens.count && tokens[end].isPunctuator(";") ? end + 1 : max(end, start + 1)
  }

  var symbols: [String] { order }

  func binding(_ symbol: String) throws -> Binding {
    if let binding = bindings[symbol] { return binding }
    throw PromptSourceError.notFound(
      file: file, selector: symbol, revision: nil, closest: Suggestion.closest(to: symbol, in: order))
  }
}
