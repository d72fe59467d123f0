/// Reads a prompt file as a template of its syntax (SPEC §5): tags are not counted, comments
/// are dropped, each placeholder becomes a `.placeholder` piece sized later by `variables`.
public enum TemplateParser {
  /// Parses `text`; `file` (repo-relative) names the file in errors and picks `auto` syntax.
  public static func parse(_ text: String, file: String, syntax declared: PromptPart.Syntax) throws -> Template {
    let isDotprompt = file.hasSuffix(".prompt")
    let isPrompty = file.hasSuffix(".prompty")
    var body = text
    var firstLine = 1
    var model: String?
    if isDotprompt || isPrompty {
      let frontMatter = FrontMatter(text)
      body = frontMatter.body
      firstLine = frontMatter.bodyLine
      model = frontMatter.model
    }
    let syntax = declared == .auto ? detect(file: file, text: body) : declared
    var scanner = Scanner(bytes: Array(body.utf8), file: file, line: firstLine, syntax: syntax, roleLines: isPrompty)
    try scanner.run()
    return Template(model: model, messages: scanner.messages.filter { !$0.pieces.isEmpty || $0.role != nil })
  }

  /// `auto`: by extension, then by the tags the text uses. Python `{x}` and JS `${x}` are only
  /// honoured when declared, because braces are common in ordinary prompt text (JSON examples).
  public static func detect(file: String, text: String) -> PromptPart.Syntax {
    let lowered = file.lowercased()
    if [".hbs", ".handlebars", ".mustache", ".prompt"].contains(where: lowered.hasSuffix) { return .mustache }
    if [".j2", ".jinja", ".jinja2", ".prompty"].contains(where: lowered.hasSuffix) { return .jinja }
    // A byte scan: Foundation's `contains` on String is far slower on large prompts.
    var sawMustache = false
    var previous: UInt8 = 0
    for byte in text.utf8 {
      if previous == UInt8(ascii: "{") {
        if byte == UInt8(ascii: "%") || byte == UInt8(ascii: "#") { return .jinja }
        if byte == UInt8(ascii: "{") { sawMustache = true }
      }
      previous = byte
    }
    return sawMustache ? .mustache : .none
  }
}

/// The byte-level tag scanner behind `TemplateParser`.
private struct Scanner {
  let bytes: [UInt8]
  let file: String
  let syntax: PromptPart.Syntax
  let roleLines: Bool
  var line: Int
  var index = 0
  var lineStart = 0
  var messages: [Template.Message] = [Template.Message(pieces: [])]
  var text: [UInt8] = []
  var textLine: Int
  /// Open loops, innermost last: the loop variable (`doc`, or nil for mustache's implicit item),
  /// the iterable it reads, and whether the iterable was already counted in this loop.
  var loops: [(variable: String?, iterable: String, counted: Bool)] = []

  init(bytes: [UInt8], file: String, line: Int, syntax: PromptPart.Syntax, roleLines: Bool) {
    self.bytes = bytes
    self.file = file
    self.line = line
    self.syntax = syntax
    self.roleLines = roleLines
    self.textLine = line
  }

  mutating func run() throws {
    while index < bytes.count {
      if roleLines, index == lineStart, let role = roleLine() {
        flush()
        messages.append(Template.Message(role: role, pieces: []))
        continue
      }
      if try tag() { continue }
      append(bytes[index])
      index += 1
    }
    flush()
  }

  // MARK: - Text

  mutating func append(_ byte: UInt8) {
    if text.isEmpty { textLine = line }
    text.append(byte)
    if byte == 0x0A {
      line += 1
      lineStart = index + 1
    }
  }

  mutating func flush() {
    guard !text.isEmpty else { return }
    messages[messages.count - 1].pieces.append(.text(String(decoding: text, as: UTF8.self), line: textLine))
    text.removeAll(keepingCapacity: true)
  }

  mutating func placeholder(_ expression: String, line: Int) {
    flush()
    guard var name = Scanner.variableName(expression) else { return }
    // Inside a loop the item's fields are the iterable's content: its `variables` size is the
    // whole rendered list, so it is counted once per loop, not once per field.
    if let index = loops.lastIndex(where: { loop in Scanner.refers(name, to: loop.variable) }) {
      if loops[index].counted { return }
      loops[index].counted = true
      name = loops[index].iterable
    }
    messages[messages.count - 1].pieces.append(.placeholder(name, line: line))
  }

  /// Whether `name` reads the loop item (`doc`, `doc.text`; mustache: `this`, `.`, `this.x`, or
  /// a bare field of the item, which is how `{{#each}}` bodies usually read it).
  static func refers(_ name: String, to variable: String?) -> Bool {
    let root = String(name.prefix { $0 != "." && $0 != "[" })
    guard let variable else { return !name.hasPrefix("@") && !name.hasPrefix("../") && !name.hasPrefix("loop.") }
    return root == variable
  }

  /// Tracks `{% for x in y %}` / `{% endfor %}` and `{{#each y}}` / `{{/each}}`.
  mutating func structure(_ tag: String) {
    let words = tag.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
    guard let first = words.first else { return }
    switch first {
    case "for" where words.count >= 4 && words[2] == "in":
      loops.append((words[1].trimmingCharacters(in: CharacterSet(charactersIn: ",")), Scanner.variableName(words[3]) ?? words[3], false))
    case "#each" where words.count >= 2:
      loops.append((nil, Scanner.variableName(words[1]) ?? words[1], false))
    case "endfor", "/each":
      if !loops.isEmpty { loops.removeLast() }
    default:
      break
    }
  }

  /// prompty: a line that is only `system:` / `user:` / `assistant:` starts a message.
  mutating func roleLine() -> PromptPart.Role? {
    var end = index
    while end < bytes.count, bytes[end] != 0x0A { end += 1 }
    let content = String(decoding: bytes[index..<end], as: UTF8.self).trimmingCharacters(in: .whitespaces)
    guard content.hasSuffix(":"), let role = PromptPart.Role(rawValue: String(content.dropLast()).lowercased()) else { return nil }
    index = min(end + 1, bytes.count)
    line += 1
    lineStart = index
    return role
  }

  // MARK: - Tags

  func starts(with prefix: String, at position: Int) -> Bool {
    var offset = position
    for byte in prefix.utf8 {
      guard offset < bytes.count, bytes[offset] == byte else { return false }
      offset += 1
    }
    return true
  }

  /// Consumes a tag at `index` when there is one; returns whether it did.
  mutating func tag() throws -> Bool {
    // Every tag starts with one of these bytes; the rest of a prompt is plain text.
    switch bytes[index] {
    case UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "$"), UInt8(ascii: "\\"): break
    default: return false
    }
    switch syntax {
    case .none, .auto:
      return false
    case .mustache:
      if starts(with: "{{!--", at: index) { return try skip(open: "{{!--", close: "--}}") }
      if starts(with: "{{!", at: index) { return try skip(open: "{{!", close: "}}") }
      if starts(with: "{{{", at: index) { return try expression(open: "{{{", close: "}}}") }
      if starts(with: "{{", at: index) { return try expression(open: "{{", close: "}}") }
    case .jinja:
      if starts(with: "{#", at: index) { return try skip(open: "{#", close: "#}") }
      if starts(with: "{%", at: index) { return try skip(open: "{%", close: "%}") }
      if starts(with: "{{", at: index) { return try expression(open: "{{", close: "}}") }
    case .python:
      if starts(with: "{{", at: index) || starts(with: "}}", at: index) {
        append(bytes[index])  // `{{` and `}}` are literal braces in str.format
        index += 2
        return true
      }
      if starts(with: "{", at: index) { return try expression(open: "{", close: "}") }
    case .js:
      if starts(with: "\\${", at: index) {
        append(UInt8(ascii: "$"))
        append(UInt8(ascii: "{"))
        index += 3
        return true
      }
      if starts(with: "${", at: index) { return try expression(open: "${", close: "}") }
    }
    return false
  }

  /// Finds `close` after `open`; an unclosed tag is a syntax error at its start.
  mutating func closing(open: String, close: String) throws -> (content: String, end: Int) {
    var position = index + open.utf8.count
    while position < bytes.count {
      if starts(with: close, at: position) {
        let content = String(decoding: bytes[(index + open.utf8.count)..<position], as: UTF8.self)
        return (content, position + close.utf8.count)
      }
      if syntax != .jinja, syntax != .mustache, bytes[position] == 0x0A { break }
      position += 1
    }
    let column = String(decoding: bytes[lineStart..<index], as: UTF8.self).count + 1
    throw PromptError.syntax(
      file: file, line: line, column: column,
      reason: "unclosed '\(open)'; close it with '\(close)', or set \"syntax\": \"none\" on this prompt part if the braces are literal text")
  }

  mutating func skip(open: String, close: String) throws -> Bool {
    let (content, end) = try closing(open: open, close: close)
    flush()
    if open == "{%" { structure(content.trimmingCharacters(in: CharacterSet(charactersIn: " \t\r\n-+"))) }
    advance(to: end)
    return true
  }

  mutating func expression(open: String, close: String) throws -> Bool {
    let startLine = line
    let (content, end) = try closing(open: open, close: close)
    advance(to: end)
    let trimmed = content.trimmingCharacters(in: CharacterSet(charactersIn: " \t\r\n-~&"))
    if syntax == .mustache, let first = trimmed.first, "#/^>*".contains(first) || trimmed == "else" || trimmed.hasPrefix("else ") {
      flush()  // sections, partials and else are structure, not text
      structure(trimmed)
      return true
    }
    if syntax == .mustache, let role = Scanner.roleHelper(trimmed) {
      flush()
      messages.append(Template.Message(role: role, pieces: []))
      return true
    }
    placeholder(trimmed, line: startLine)
    return true
  }

  /// Moves to `end`, counting the newlines inside the tag.
  mutating func advance(to end: Int) {
    for position in index..<end where bytes[position] == 0x0A {
      line += 1
      lineStart = position + 1
    }
    index = end
  }

  /// dotprompt's `{{role "system"}}`.
  static func roleHelper(_ expression: String) -> PromptPart.Role? {
    guard expression.hasPrefix("role ") else { return nil }
    let argument = expression.dropFirst(5).trimmingCharacters(in: CharacterSet(charactersIn: " \"'"))
    return PromptPart.Role(rawValue: argument)
  }

  /// The variable a tag reads: `user.name | upper` → `user.name`; `json doc` → `doc`;
  /// `x!r:>10` → `x`. Empty expressions name nothing.
  static func variableName(_ expression: String) -> String? {
    var name = expression
    if let pipe = name.firstIndex(of: "|") { name = String(name[..<pipe]) }
    for mark in ["!", ":"] where !name.hasPrefix(mark) {
      if let cut = name.range(of: mark) { name = String(name[..<cut.lowerBound]) }
    }
    name = name.trimmingCharacters(in: .whitespacesAndNewlines)
    let words = name.split(whereSeparator: { $0 == " " || $0 == "\t" })
    if words.count > 1, let last = words.last { name = String(last) }
    name = name.trimmingCharacters(in: CharacterSet(charactersIn: "\"'()"))
    if let equals = name.firstIndex(of: "=") { name = String(name[name.index(after: equals)...]) }
    return name.isEmpty ? nil : name
  }
}

import Foundation
