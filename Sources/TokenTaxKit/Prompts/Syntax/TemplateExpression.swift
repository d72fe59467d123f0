import Foundation

/// Reads the few things tokentax needs from a tag's expression: the variable it outputs, the
/// names a statement binds, the literal file names it references, a macro call's arguments.
enum TemplateExpression {
  /// Splits on whitespace outside quotes and parentheses.
  static func words(_ expression: String) -> [String] {
    var words: [String] = []
    var current = ""
    var quote: Character?
    var depth = 0
    for character in expression {
      if let open = quote {
        current.append(character)
        if character == open { quote = nil }
        continue
      }
      switch character {
      case "\"", "'": quote = character
      case "(", "[", "{": depth += 1
      case ")", "]", "}": depth -= 1
      case " ", "\t", "\n", "\r":
        guard depth <= 0 else { break }
        if !current.isEmpty { words.append(current) }
        current = ""
        continue
      default: break
      }
      current.append(character)
    }
    if !current.isEmpty { words.append(current) }
    return words
  }

  /// Splits on commas outside quotes and brackets (arguments, parameters, import lists).
  static func list(_ text: String) -> [String] {
    var items: [String] = []
    var current = ""
    var quote: Character?
    var depth = 0
    for character in text {
      if let open = quote {
        current.append(character)
        if character == open { quote = nil }
        continue
      }
      switch character {
      case "\"", "'": quote = character
      case "(", "[", "{": depth += 1
      case ")", "]", "}": depth -= 1
      case "," where depth == 0:
        items.append(current.trimmingCharacters(in: .whitespacesAndNewlines))
        current = ""
        continue
      default: break
      }
      current.append(character)
    }
    let last = current.trimmingCharacters(in: .whitespacesAndNewlines)
    if !last.isEmpty { items.append(last) }
    return items
  }

  /// The text of a quoted string literal; nil for anything else.
  static func literal(_ expression: String) -> String? {
    let trimmed = expression.trimmingCharacters(in: .whitespacesAndNewlines)
    guard trimmed.count >= 2, let first = trimmed.first, first == "\"" || first == "'", trimmed.last == first else {
      return nil
    }
    let inner = trimmed.dropFirst().dropLast()
    return inner.contains(first) ? nil : String(inner)
  }

  /// dotprompt's `{{role "system"}}`; `model` is its name for the assistant.
  static func role(_ argument: String?) -> PromptPart.Role? {
    guard let argument else { return nil }
    let name = argument.trimmingCharacters(in: CharacterSet(charactersIn: "\"' ")).lowercased()
    return name == "model" ? .assistant : PromptPart.Role(rawValue: name)
  }

  /// The variable a tag reads: `user.name | upper` → `user.name`; `json doc` → `doc`;
  /// `x!r:>10` → `x`; `media url=photo` → `photo`. Empty expressions name nothing.
  static func variableName(_ expression: String) -> String? {
    var name = expression
    if let pipe = name.firstIndex(of: "|") { name = String(name[..<pipe]) }
    for mark in ["!", ":"] where !name.hasPrefix(mark) {
      if let cut = name.range(of: mark) { name = String(name[..<cut.lowerBound]) }
    }
    name = name.trimmingCharacters(in: .whitespacesAndNewlines)
    var words = words(name)
    // A helper's hash arguments (`indent=2`) are options, not the value it outputs.
    let positional = words.filter { !$0.contains("=") }
    if positional.count > 1 { words = positional }
    if let last = words.last { name = last }
    name = name.trimmingCharacters(in: CharacterSet(charactersIn: "\"'()"))
    if let equals = name.firstIndex(of: "=") { name = String(name[name.index(after: equals)...]) }
    return name.isEmpty ? nil : name
  }

  /// The root of a dotted name: `doc.title` → `doc`, `docs[0]` → `docs`.
  static func root(_ name: String) -> String { String(name.prefix { $0 != "." && $0 != "[" }) }

  /// `for doc in documents if doc.ok` → (["doc"], "documents"); `for k, v in d.items()` → (["k", "v"], "d").
  static func forLoop(_ rest: String) -> (variables: [String], iterable: String) {
    guard let range = rest.range(of: " in ") else { return ([], rest) }
    let variables = rest[..<range.lowerBound].split(separator: ",").map {
      $0.trimmingCharacters(in: CharacterSet(charactersIn: " ()"))
    }
    var iterable = rest[range.upperBound...].trimmingCharacters(in: .whitespaces)
    for suffix in [" recursive"] where iterable.hasSuffix(suffix) { iterable = String(iterable.dropLast(suffix.count)) }
    if let condition = iterable.range(of: " if ") { iterable = String(iterable[..<condition.lowerBound]) }
    for method in [".items()", ".values()", ".keys()"] where iterable.hasSuffix(method) {
      iterable = String(iterable.dropLast(method.count))
    }
    return (variables, variableName(iterable) ?? iterable)
  }

  /// `{{#each items as |item index|}}` → (["item", "index"], "items"); without `as`, the body
  /// reads the item's fields by their bare names.
  static func eachLoop(_ words: [String]) -> (variables: [String], iterable: String) {
    let iterable = words.first.flatMap(variableName) ?? ""
    guard let asIndex = words.firstIndex(of: "as") else { return ([], iterable) }
    let names = words[(asIndex + 1)...].joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: "| "))
    return (names.split(whereSeparator: { $0 == " " || $0 == "|" }).map(String.init), iterable)
  }

  /// `name(a, b="x")` → ("name", [("a", nil), ("b", "\"x\"")]).
  static func signature(_ text: String) -> (name: String, parameters: [(name: String, default: String?)]) {
    guard let open = text.firstIndex(of: "(") else { return (text.trimmingCharacters(in: .whitespaces), []) }
    let name = text[..<open].trimmingCharacters(in: .whitespaces)
    let inside = text[text.index(after: open)...].dropLast(text.hasSuffix(")") ? 1 : 0)
    let parameters = list(String(inside)).map { item -> (name: String, default: String?) in
      guard let equals = item.firstIndex(of: "=") else { return (item, nil) }
      return (
        item[..<equals].trimmingCharacters(in: .whitespaces),
        item[item.index(after: equals)...].trimmingCharacters(in: .whitespaces)
      )
    }
    return (name, parameters)
  }

  /// A call `callee(args)`: the callee's dotted name and the argument expressions; nil when the
  /// expression is not a call (filters after the call are ignored).
  static func call(_ expression: String) -> (callee: String, arguments: [String])? {
    var text = expression.trimmingCharacters(in: .whitespacesAndNewlines)
    if let pipe = text.range(of: "|"), !text[..<pipe.lowerBound].contains("(") { return nil }
    guard let open = text.firstIndex(of: "(") else { return nil }
    let callee = text[..<open].trimmingCharacters(in: .whitespaces)
    guard !callee.isEmpty, callee.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }) else {
      return nil
    }
    text = String(text[text.index(after: open)...])
    var depth = 1
    var inside = ""
    var quote: Character?
    for character in text {
      if let open = quote {
        if character == open { quote = nil }
      } else if character == "\"" || character == "'" {
        quote = character
      } else if character == "(" {
        depth += 1
      } else if character == ")" {
        depth -= 1
        if depth == 0 { break }
      }
      inside.append(character)
    }
    return (callee, list(inside))
  }

  /// What follows the first balanced `( … )` of `text`.
  static func afterParenthesis(_ text: String) -> String {
    var depth = 0
    for (offset, character) in text.enumerated() {
      if character == "(" { depth += 1 }
      if character == ")" {
        depth -= 1
        if depth == 0 { return String(text.dropFirst(offset + 1)) }
      }
    }
    return text
  }

  /// `include "a.j2" ignore missing`, `include ["a.j2", "b.j2"]`, `extends "base.j2"`.
  static func reference(_ kind: TemplateReference.Kind, _ rest: String, _ position: TemplateToken.Position)
    -> TemplateReference
  {
    var expression = rest
    var ignoreMissing = false
    for suffix in [" with context", " without context"] where expression.hasSuffix(suffix) {
      expression = String(expression.dropLast(suffix.count))
    }
    if expression.hasSuffix(" ignore missing") {
      ignoreMissing = true
      expression = String(expression.dropLast(" ignore missing".count))
    }
    expression = expression.trimmingCharacters(in: .whitespaces)
    var names: [String] = []
    if let single = literal(expression) {
      names = [single]
    } else if expression.hasPrefix("["), expression.hasSuffix("]") {
      let items = list(String(expression.dropFirst().dropLast()))
      let literals = items.compactMap(literal)
      if literals.count == items.count { names = literals }
    }
    return TemplateReference(
      kind: kind, names: names, expression: expression, position: position, ignoreMissing: ignoreMissing)
  }

  /// `{{> name ctx key=v}}`, `{{> "name"}}`; `{{> (lookup …)}}` is computed.
  static func partial(_ body: String, _ position: TemplateToken.Position) -> TemplateReference {
    let first = words(body.trimmingCharacters(in: .whitespaces)).first ?? ""
    let name = literal(first) ?? (first.hasPrefix("(") || first.isEmpty ? nil : first)
    return TemplateReference(kind: .partial, names: name.map { [$0] } ?? [], expression: first, position: position)
  }

  /// `import "m.j2" as ns` / `from "m.j2" import a, b as c`.
  static func importStatement(_ keyword: String, _ rest: String, _ position: TemplateToken.Position)
    -> (TemplateReference, TemplateImport)?
  {
    var text = rest
    for suffix in [" with context", " without context"] where text.hasSuffix(suffix) {
      text = String(text.dropLast(suffix.count))
    }
    if keyword == "import" {
      guard let range = text.range(of: " as ", options: .backwards) else { return nil }
      let reference = self.reference(.import, String(text[..<range.lowerBound]), position)
      return (reference, .namespace(reference, alias: text[range.upperBound...].trimmingCharacters(in: .whitespaces)))
    }
    guard let range = text.range(of: " import ") else { return nil }
    let reference = self.reference(.import, String(text[..<range.lowerBound]), position)
    let names = list(String(text[range.upperBound...])).map { item -> (name: String, alias: String) in
      let parts = item.components(separatedBy: " as ").map { $0.trimmingCharacters(in: .whitespaces) }
      return (parts[0], parts.count > 1 ? parts[1] : parts[0])
    }
    return (reference, .names(reference, names))
  }
}
