import Foundation

/// Decodes one Python string literal token into the value Python holds: escapes as Python reads
/// them (none in raw strings), f-string fields as placeholders named by their expression (or the
/// value of the constant they name). `formatTemplate` then reads a built value's `str.format`
/// fields.
struct PythonStringLiteral {
  let token: PythonToken
  let file: String
  /// The value of a name an f-string field names, when it is a constant of the file.
  let resolve: (String) throws -> SourceString?

  func decode() throws -> SourceString {
    let scalars = Array(token.text.unicodeScalars)
    var start = 0
    var prefix = ""
    while start < scalars.count, scalars[start] != "\"", scalars[start] != "'" {
      prefix.unicodeScalars.append(scalars[start])
      start += 1
    }
    prefix = prefix.lowercased()
    if prefix.contains("b") {
      throw PromptSourceError.notAString(
        file: file, line: token.line, column: token.column, selector: "the literal", found: "a bytes literal (b\"…\")")
    }
    let quote = scalars[start]
    let triple = start + 2 < scalars.count && scalars[start + 1] == quote && scalars[start + 2] == quote
    let open = triple ? 3 : 1
    let body = Array(scalars[(start + open)..<max(start + open, scalars.count - open)])
    var reader = LiteralBody(body: body, raw: prefix.contains("r"), line: token.line, file: file, column: token.column)
    if prefix.contains("f") || prefix.contains("t") {
      return try reader.formatted(resolve: resolve)
    }
    return reader.plain()
  }

  /// What ends a run of plain text in a `str.format` template.
  private static let fieldBoundaries: Set<Character> = ["{", "}", "\n", SourceString.marker]

  /// Reads `str.format` fields out of a decoded value: `{name}`, `{0}`, `{}` (numbered as Python
  /// numbers them), `{name!r:>10}`; `{{` and `}}` are braces.
  static func formatTemplate(_ value: SourceString, file: String, column: Int) throws -> SourceString {
    guard value.text.contains("{") || value.text.contains("}") else { return value }
    let characters = Array(value.text)
    var result = SourceString(line: value.lineOrigins.first ?? 1)
    var line = 0
    var automatic = 0
    var placeholderIndex = 0
    var index = 0
    func origin() -> Int { value.lineOrigins[min(line, value.lineOrigins.count - 1)] }
    while index < characters.count {
      let character = characters[index]
      if character == SourceString.marker {
        result.appendPlaceholder(value.placeholders[safe: placeholderIndex] ?? "value", line: origin())
        placeholderIndex += 1
        index += 1
        continue
      }
      if character == "{", index + 1 < characters.count, characters[index + 1] == "{" {
        result.append("{", line: origin())
        index += 2
        continue
      }
      if character == "}", index + 1 < characters.count, characters[index + 1] == "}" {
        result.append("}", line: origin())
        index += 2
        continue
      }
      if character == "{" {
        var depth = 1
        var end = index + 1
        while end < characters.count, depth > 0, characters[end] != "\n" {
          if characters[end] == "{" { depth += 1 }
          if characters[end] == "}" { depth -= 1 }
          if depth > 0 { end += 1 }
        }
        guard end < characters.count, depth == 0 else {
          throw PromptSourceError.syntax(
            file: file, line: origin(), column: column,
            reason:
              "'{' opens a str.format field that is not closed; double it ('{{') if it is a brace, or set \"syntax\": \"none\" on this prompt part if the value is never formatted"
          )
        }
        let field = String(characters[(index + 1)..<end])
        var name = String(field.prefix { $0 != "!" && $0 != ":" }).trimmingCharacters(in: .whitespaces)
        if name.isEmpty {
          name = String(automatic)
          automatic += 1
        }
        result.appendPlaceholder(name, line: origin())
        index = end + 1
        continue
      }
      if character == "\n" {
        result.append(character, line: origin())
        line += 1
        result.startsLine(at: origin())
        index += 1
        continue
      }
      // Plain text up to the next brace, line end or placeholder; a lone `}` is text too.
      let start = index
      index += 1
      while index < characters.count, !Self.fieldBoundaries.contains(characters[index]) { index += 1 }
      result.append(String(characters[start..<index]), line: origin())
    }
    return result
  }
}

/// The characters between a literal's quotes.
private struct LiteralBody {
  let body: [Unicode.Scalar]
  let raw: Bool
  var line: Int
  let file: String
  let column: Int
  var index = 0

  init(body: [Unicode.Scalar], raw: Bool, line: Int, file: String, column: Int) {
    self.body = body
    self.raw = raw
    self.line = line
    self.file = file
    self.column = column
  }

  mutating func plain() -> SourceString {
    var value = SourceString(line: line)
    while index < body.count { character(into: &value) }
    return value
  }

  /// An f-string: literal parts decoded, `{expr}` fields become placeholders (or constants).
  mutating func formatted(resolve: (String) throws -> SourceString?) throws -> SourceString {
    var value = SourceString(line: line)
    while index < body.count {
      let scalar = body[index]
      if scalar == "{", index + 1 < body.count, body[index + 1] == "{" {
        value.append("{", line: line)
        index += 2
      } else if scalar == "}", index + 1 < body.count, body[index + 1] == "}" {
        value.append("}", line: line)
        index += 2
      } else if scalar == "{" {
        let fieldLine = line
        let expression = try field()
        if let name = Self.identifier(expression), let constant = try resolve(name) {
          value.append(constant)
        } else {
          value.appendPlaceholder(expression, line: fieldLine)
        }
      } else {
        character(into: &value)
      }
    }
    return value
  }

  /// Reads `{expr[=][!conv][:spec]}` from the opening brace; returns the expression's text.
  private mutating func field() throws -> String {
    let start = index + 1
    var depth = 0
    var quote: Unicode.Scalar?
    var expressionEnd: Int?
    index += 1
    while index < body.count {
      let scalar = body[index]
      if scalar == "\n" { line += 1 }
      if let open = quote {
        if scalar == "\\" { index += 1 } else if scalar == open { quote = nil }
      } else if scalar == "\"" || scalar == "'" {
        quote = scalar
      } else if "([{".unicodeScalars.contains(scalar) {
        depth += 1
      } else if ")]".unicodeScalars.contains(scalar) {
        depth -= 1
      } else if scalar == "}" {
        if depth == 0 {
          let end = expressionEnd ?? index
          index += 1
          var text = ""
          text.unicodeScalars.append(contentsOf: body[start..<end])
          return text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        depth -= 1
      } else if depth == 0, expressionEnd == nil {
        let next = index + 1 < body.count ? body[index + 1] : " "
        if scalar == "!" && next != "=" { expressionEnd = index }
        if scalar == ":" { expressionEnd = index }
        if scalar == "=" && next == "}" { expressionEnd = index }
      }
      index += 1
    }
    throw PromptSourceError.syntax(
      file: file, line: line, column: column,
      reason: "an f-string field is not closed with '}'; fix the Python source")
  }

  static func identifier(_ expression: String) -> String? {
    guard let first = expression.unicodeScalars.first, first.properties.isXIDStart || first == "_",
      expression.unicodeScalars.allSatisfy({ $0.properties.isXIDContinue || $0 == "_" })
    else { return nil }
    return expression
  }

  /// One character or escape sequence, appended as Python decodes it; a run of ordinary
  /// characters goes in as one string (appending them one by one dominated long prompts).
  private mutating func character(into value: inout SourceString) {
    let start = index
    while index < body.count, !Self.special.contains(body[index]) { index += 1 }
    if index > start {
      var run = ""
      run.unicodeScalars.append(contentsOf: body[start..<index])
      value.append(run, line: line)
      return
    }
    let scalar = body[index]
    if scalar == "\r" {
      index += 1
      if index < body.count, body[index] == "\n" { return }
      newline(into: &value)
      return
    }
    if scalar == "\n" {
      index += 1
      newline(into: &value)
      return
    }
    guard scalar == "\\", !raw, index + 1 < body.count else {
      if scalar == "\\", raw, index + 1 < body.count, body[index + 1] == "\n" {
        // A raw string keeps the backslash and the newline.
        value.append("\\", line: line)
        index += 2
        newline(into: &value)
        return
      }
      value.append(Character(scalar), line: line)
      index += 1
      return
    }
    let next = body[index + 1]
    index += 2
    switch next {
    case "\n": line += 1  // a backslash-newline joins the lines
    case "\\": value.append("\\", line: line)
    case "'": value.append("'", line: line)
    case "\"": value.append("\"", line: line)
    case "a": value.append("\u{07}", line: line)
    case "b": value.append("\u{08}", line: line)
    case "f": value.append("\u{0C}", line: line)
    case "n": value.append("\n", line: line)
    case "r": value.append("\r", line: line)
    case "t": value.append("\t", line: line)
    case "v": value.append("\u{0B}", line: line)
    case "x": appendCode(digits: 2, radix: 16, into: &value, fallback: "\\x")
    case "u": appendCode(digits: 4, radix: 16, into: &value, fallback: "\\u")
    case "U": appendCode(digits: 8, radix: 16, into: &value, fallback: "\\U")
    case "0"..."7":
      index -= 1
      var digits = ""
      while digits.count < 3, index < body.count, ("0"..."7").contains(body[index]) {
        digits.unicodeScalars.append(body[index])
        index += 1
      }
      if let code = UInt32(digits, radix: 8), let decoded = Unicode.Scalar(code) {
        value.append(Character(decoded), line: line)
      }
    default:
      // Unknown escapes (and `\N{…}`, whose names need Unicode's name table) stay as written.
      value.append("\\", line: line)
      value.append(Character(next), line: line)
    }
  }

  /// What ends a run of ordinary characters: escapes, line ends and f-string braces.
  private static let special: Set<Unicode.Scalar> = ["\\", "\r", "\n", "{", "}"]

  private mutating func newline(into value: inout SourceString) {
    value.append("\n", line: line)
    line += 1
    value.startsLine(at: line)
  }

  private mutating func appendCode(digits: Int, radix: Int, into value: inout SourceString, fallback: String) {
    guard index + digits <= body.count else {
      value.append(fallback, line: line)
      return
    }
    var text = ""
    text.unicodeScalars.append(contentsOf: body[index..<(index + digits)])
    guard let code = UInt32(text, radix: radix), let decoded = Unicode.Scalar(code) else {
      value.append(fallback, line: line)
      return
    }
    index += digits
    value.append(Character(decoded), line: line)
  }
}

extension Array {
  subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
