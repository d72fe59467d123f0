import Foundation

/// Splits a template file into text and tags by its syntax (the README's Templates section).
///
/// Comments are dropped, Jinja `{% raw %}` bodies are text, and whitespace control (`{%-`,
/// `-%}`, handlebars `{{~`, `~}}`) trims the text beside the tag as the engines do.
struct TemplateLexer {
  private let bytes: [UInt8]
  private let file: String
  private let syntax: PromptPart.Syntax
  private let roleLines: Bool
  private var line: Int
  private var index = 0
  private var lineStart = 0
  private var text: [UInt8] = []
  private var textLine: Int
  /// A tag closed with `-%}` / `~}}`: the whitespace that follows it is not output.
  private var trimNext = false
  private(set) var tokens: [TemplateToken] = []

  /// `roleLines`: prompty, where a line that is only `user:` starts a message.
  init(_ text: String, file: String, firstLine: Int, syntax: PromptPart.Syntax, roleLines: Bool) {
    bytes = Array(text.utf8)
    self.file = file
    self.syntax = syntax
    self.roleLines = roleLines
    line = firstLine
    textLine = firstLine
  }

  /// The tokens of the whole text; an unclosed tag is a syntax error naming its line and column.
  static func tokens(
    _ text: String, file: String, firstLine: Int = 1, syntax: PromptPart.Syntax, roleLines: Bool = false
  ) throws -> [TemplateToken] {
    var lexer = TemplateLexer(text, file: file, firstLine: firstLine, syntax: syntax, roleLines: roleLines)
    try lexer.run()
    return syntax == .mustache ? StandaloneLines.remove(from: lexer.tokens) : lexer.tokens
  }

  private mutating func run() throws {
    while index < bytes.count {
      if roleLines, index == lineStart, let role = roleLine() {
        flush()
        tokens.append(.roleLine(role, line: line - 1))
        continue
      }
      if try tag() { continue }
      append(bytes[index])
      index += 1
    }
    flush()
  }

  // MARK: - Text

  private mutating func append(_ byte: UInt8) {
    if trimNext {
      if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
        if byte == 0x0A { newline(at: index) }
        return
      }
      trimNext = false
    }
    if text.isEmpty { textLine = line }
    text.append(byte)
    if byte == 0x0A { newline(at: index) }
  }

  private mutating func newline(at position: Int) {
    line += 1
    lineStart = position + 1
  }

  private mutating func flush() {
    guard !text.isEmpty else { return }
    tokens.append(.text(String(decoding: text, as: UTF8.self), line: textLine))
    text.removeAll(keepingCapacity: true)
  }

  /// `{%-` / `{{~`: the whitespace before the tag is not output.
  private mutating func trimPending() {
    while let last = text.last, last == 0x20 || last == 0x09 || last == 0x0A || last == 0x0D { text.removeLast() }
  }

  /// prompty: a line that is only `system:` / `user:` / `assistant:` starts a message.
  private mutating func roleLine() -> PromptPart.Role? {
    var end = index
    while end < bytes.count, bytes[end] != 0x0A { end += 1 }
    let content = String(decoding: bytes[index..<end], as: UTF8.self).trimmingCharacters(in: .whitespaces)
    guard content.hasSuffix(":"), let role = PromptPart.Role(rawValue: String(content.dropLast()).lowercased()) else {
      return nil
    }
    index = min(end + 1, bytes.count)
    newline(at: index - 1)
    return role
  }

  // MARK: - Tags

  private func starts(with prefix: String, at position: Int) -> Bool {
    var offset = position
    for byte in prefix.utf8 {
      guard offset < bytes.count, bytes[offset] == byte else { return false }
      offset += 1
    }
    return true
  }

  private var position: TemplateToken.Position {
    TemplateToken.Position(line: line, column: String(decoding: bytes[lineStart..<index], as: UTF8.self).count + 1)
  }

  /// Consumes a tag at `index` when there is one; returns whether it did.
  private mutating func tag() throws -> Bool {
    // Every tag starts with one of these bytes; the rest of a prompt is plain text.
    switch bytes[index] {
    case UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "$"), UInt8(ascii: "\\"): break
    default: return false
    }
    switch syntax {
    case .none, .auto:
      return false
    case .mustache:
      if starts(with: "{{!--", at: index) { return try tag(open: "{{!--", close: "--}}", .comment) }
      if starts(with: "{{!", at: index) { return try tag(open: "{{!", close: "}}", .comment) }
      if starts(with: "{{{", at: index) { return try tag(open: "{{{", close: "}}}", .expression) }
      if starts(with: "{{", at: index) { return try tag(open: "{{", close: "}}", .expression) }
    case .jinja:
      if starts(with: "{#", at: index) { return try tag(open: "{#", close: "#}", .comment) }
      if starts(with: "{%", at: index) { return try tag(open: "{%", close: "%}", .statement) }
      if starts(with: "{{", at: index) { return try tag(open: "{{", close: "}}", .expression) }
    case .python:
      if starts(with: "{{", at: index) || starts(with: "}}", at: index) {
        append(bytes[index])  // `{{` and `}}` are literal braces in str.format
        index += 2
        return true
      }
      if starts(with: "{", at: index) { return try tag(open: "{", close: "}", .expression) }
    case .js:
      if starts(with: "\\${", at: index) {
        append(UInt8(ascii: "$"))
        append(UInt8(ascii: "{"))
        index += 3
        return true
      }
      if starts(with: "${", at: index) { return try tag(open: "${", close: "}", .expression) }
    }
    return false
  }

  private enum TagKind { case comment, statement, expression }

  private mutating func tag(open: String, close: String, _ kind: TagKind) throws -> Bool {
    let start = position
    let (inside, end) = try closing(open: open, close: close, at: start)
    advance(to: end)
    var content = Substring(inside)
    // Whitespace control: `-` (Jinja) or `~` (handlebars) just inside the delimiters.
    let marks: Set<Character> = syntax == .jinja ? ["-"] : syntax == .mustache ? ["~"] : []
    if let first = content.first, marks.contains(first) {
      content = content.dropFirst()
      trimPending()
    }
    let trimAfter = content.last.map { marks.contains($0) } ?? false
    if trimAfter { content = content.dropLast() }
    flush()
    let trimmed = content.trimmingCharacters(in: CharacterSet(charactersIn: " \t\r\n+"))
    switch kind {
    case .comment:
      if syntax == .mustache { tokens.append(.comment(start)) }
    case .statement where trimmed == "raw":
      try raw(after: start)
    case .statement:
      tokens.append(.statement(trimmed, start))
    case .expression:
      let expression = trimmed.trimmingCharacters(in: CharacterSet(charactersIn: "&"))
      if syntax == .mustache, let first = expression.first,
        "#/^>*".contains(first) || expression == "else" || expression.hasPrefix("else ")
      {
        tokens.append(.statement(expression, start))
      } else {
        tokens.append(.output(expression, start))
      }
    }
    trimNext = trimAfter
    return true
  }

  /// `{% raw %}…{% endraw %}`: the body is text, tags and all.
  private mutating func raw(after start: TemplateToken.Position) throws {
    var position = index
    while position < bytes.count {
      if starts(with: "{%", at: position) {
        var cursor = position + 2
        while cursor < bytes.count, [0x20, 0x09, 0x2D].contains(bytes[cursor]) { cursor += 1 }
        if starts(with: "endraw", at: cursor) {
          while index < position {
            append(bytes[index])
            index += 1
          }
          flush()
          let (_, end) = try closing(open: "{%", close: "%}", at: self.position)
          advance(to: end)
          return
        }
      }
      position += 1
    }
    throw PromptError.syntax(
      file: file, line: start.line, column: start.column, reason: "'{% raw %}' is never closed; add '{% endraw %}'")
  }

  /// Finds `close` after `open`; an unclosed tag is a syntax error at its start.
  private func closing(open: String, close: String, at start: TemplateToken.Position) throws -> (
    content: String, end: Int
  ) {
    var position = index + open.utf8.count
    while position < bytes.count {
      if starts(with: close, at: position) {
        let content = String(decoding: bytes[(index + open.utf8.count)..<position], as: UTF8.self)
        return (content, position + close.utf8.count)
      }
      if syntax != .jinja, syntax != .mustache, bytes[position] == 0x0A { break }
      position += 1
    }
    throw PromptError.syntax(
      file: file, line: start.line, column: start.column,
      reason:
        "unclosed '\(open)'; close it with '\(close)', or set \"syntax\": \"none\" on this prompt part if the braces are literal text"
    )
  }

  /// Moves to `end`, counting the newlines inside the tag.
  private mutating func advance(to end: Int) {
    for position in index..<end where bytes[position] == 0x0A { newline(at: position) }
    index = end
  }
}
