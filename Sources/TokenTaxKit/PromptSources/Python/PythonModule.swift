import Foundation
import JSON

/// The string constants of a Python module: module-level assignments and class attributes,
/// kept as unevaluated expressions until a prompt part asks for one (docs/prompt-sources.md).
struct PythonModule {
  /// One assignment: the expression's tokens and where its target stood.
  struct Binding {
    var tokens: [PythonToken]
    var line: Int
    var column: Int
    /// `+=` parts added after the first assignment, in order.
    var additions: [[PythonToken]] = []
  }

  /// A class body: its attributes, nested classes and the bases it names.
  struct ClassScope {
    var bases: [String] = []
    var attributes: [String: Binding] = [:]
    var order: [String] = []
  }

  let file: String
  private(set) var constants: [String: Binding] = [:]
  private(set) var constantOrder: [String] = []
  /// Classes by dotted path (`Outer.Inner`).
  private(set) var classes: [String: ClassScope] = [:]
  private(set) var classOrder: [String] = []

  init(_ text: String, file: String) throws {
    self.file = file
    var lexer = PythonLexer(text, file: file)
    // Open blocks, innermost last: the header's indentation and what it opened.
    enum Block {
      case classBody(String)
      case function, other
    }
    var stack: [(indent: Int, block: Block)] = []
    for line in try lexer.lines() {
      while let last = stack.last, last.indent >= line.indent { stack.removeLast() }
      let tokens = line.tokens
      guard let first = tokens.first else { continue }
      let insideFunction = stack.contains { if case .function = $0.block { return true } else { return false } }
      let classPath = stack.compactMap { if case .classBody(let name) = $0.block { return name } else { return nil } }
        .last
      let opensBlock = tokens.last?.text == ":" && tokens.last?.kind == .op
      if first.kind == .name, first.text == "class", tokens.count > 1, !insideFunction {
        let name = (classPath.map { $0 + "." } ?? "") + tokens[1].text
        var scope = ClassScope()
        scope.bases = Self.bases(tokens)
        if classes[name] == nil { classOrder.append(name) }
        classes[name] = scope
        if opensBlock { stack.append((line.indent, .classBody(name))) }
        continue
      }
      if first.kind == .name,
        first.text == "def" || (first.text == "async" && tokens.count > 1 && tokens[1].text == "def")
      {
        stack.append((line.indent, .function))
        continue
      }
      if opensBlock {
        stack.append((line.indent, .other))
        continue
      }
      guard !insideFunction else { continue }
      record(tokens, in: classPath)
    }
  }

  /// `NAME = …`, `NAME: T = …`, `A = B = …` and `NAME += …` at module or class level.
  private mutating func record(_ tokens: [PythonToken], in classPath: String?) {
    guard tokens.count >= 3, tokens[0].kind == .name else { return }
    if tokens[1].kind == .op, tokens[1].text == "+=" {
      let name = tokens[0].text
      let expression = Array(tokens[2...])
      if let classPath {
        classes[classPath]?.attributes[name]?.additions.append(expression)
      } else {
        constants[name]?.additions.append(expression)
      }
      return
    }
    var targets: [PythonToken] = []
    var start = 0
    var depth = 0
    var annotated = false
    for (offset, token) in tokens.enumerated() where token.kind == .op {
      if ["(", "[", "{"].contains(token.text) { depth += 1 }
      if [")", "]", "}"].contains(token.text) { depth -= 1 }
      if depth == 0, token.text == ":", offset == 1 { annotated = true }
      if depth == 0, token.text == "=" {
        let target = tokens[start..<offset]
        guard annotated ? target.first?.kind == .name : (target.count == 1 && target.first?.kind == .name) else {
          return
        }
        if let name = target.first { targets.append(name) }
        start = offset + 1
        annotated = false
      }
    }
    guard !targets.isEmpty, start < tokens.count else { return }
    let expression = Array(tokens[start...])
    for target in targets {
      let binding = Binding(tokens: expression, line: target.line, column: target.column)
      if let classPath {
        if classes[classPath]?.attributes[target.text] == nil { classes[classPath]?.order.append(target.text) }
        classes[classPath]?.attributes[target.text] = binding
      } else {
        if constants[target.text] == nil { constantOrder.append(target.text) }
        constants[target.text] = binding
      }
    }
  }

  private static func bases(_ tokens: [PythonToken]) -> [String] {
    guard tokens.count > 3, tokens[2].text == "(" else { return [] }
    var bases: [String] = []
    var current = ""
    var depth = 0
    var keyword = false
    for token in tokens[3...] {
      if token.text == "(" || token.text == "[" { depth += 1 }
      if token.text == ")" || token.text == "]" {
        if depth == 0 { break }
        depth -= 1
      }
      if depth > 0 { continue }
      if token.text == "," {
        if !current.isEmpty, !keyword { bases.append(current) }
        current = ""
        keyword = false
      } else if token.text == "=" {
        keyword = true
      } else if token.kind == .name || token.text == "." {
        current += token.text
      }
    }
    if !current.isEmpty, !keyword { bases.append(current) }
    return bases
  }

  /// Every string-valued name of the module, as `symbol` writes it: `NAME`, `Class.attr`.
  var symbols: [String] {
    constantOrder + classOrder.flatMap { path in (classes[path]?.order ?? []).map { path + "." + $0 } }
  }

  /// Where `symbol` is assigned: the binding and the class it belongs to (nil: the module).
  func binding(_ symbol: String) throws -> (Binding, classPath: String?) {
    if let constant = constants[symbol] { return (constant, nil) }
    let parts = symbol.split(separator: ".").map(String.init)
    if parts.count >= 2 {
      let classPath = parts.dropLast().joined(separator: ".")
      let attribute = parts[parts.count - 1]
      if let scope = classes[classPath] {
        if let binding = scope.attributes[attribute] { return (binding, classPath) }
        // Inherited: from a base of this file that defines it, or from one elsewhere when the
        // class has no attribute of a close name (then it is likelier a typo).
        let bases = scope.bases.filter { $0 != "object" }
        let definers = bases.filter { classes[$0]?.attributes[attribute] != nil }
        let elsewhere = bases.filter { classes[$0] == nil }
        if !definers.isEmpty {
          throw PromptSourceError.inherited(file: file, selector: symbol, baseClasses: definers)
        }
        if !elsewhere.isEmpty, Suggestion.closest(to: attribute, in: scope.order).isEmpty {
          throw PromptSourceError.inherited(file: file, selector: symbol, baseClasses: elsewhere)
        }
      }
    }
    throw PromptSourceError.notFound(
      file: file, selector: symbol, revision: nil, closest: Suggestion.closest(to: symbol, in: symbols))
  }
}
