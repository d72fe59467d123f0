import Foundation

/// Splits TypeScript or JavaScript source into tokens: comments dropped, strings and template
/// literals kept whole (a template's `${…}` lexed into tokens of its own), regular expression
/// literals told from division by the token before them. It is lenient where a file is not
/// a prompt (JSX text, an unclosed quote ends at its line) so one odd line elsewhere in the file
/// does not stop the read of the value a part names.
struct ScriptLexer {
  private let scalars: [Unicode.Scalar]
  private let utf8: [UInt8]
  private let utf8Offsets: [Int32]
  private var index = 0
  private var line = 1
  private var lineStart = 0

  init(_ text: String) {
    scalars = Array(text.unicodeScalars)
    (utf8, utf8Offsets) = PythonLexer.offsets(text)
  }

  mutating func tokens() -> [ScriptToken] { lex(untilBrace: false) }

  private var column: Int { index - lineStart + 1 }

  private mutating func lex(untilBrace: Bool) -> [ScriptToken] {
    var tokens: [ScriptToken] = []
    var depth = 0
    while index < scalars.count {
      let scalar = scalars[index]
      switch scalar {
      case "\n":
        newline()
      case " ", "\t", "\r", "\u{0B}", "\u{0C}", "\u{FEFF}", "\u{A0}":
        index += 1
      case "/" where peek(1) == "/":
        while index < scalars.count, scalars[index] != "\n" { index += 1 }
      case "/" where peek(1) == "*":
        index += 2
        while index < scalars.count, !(scalars[index] == "*" && peek(1) == "/") {
          if scalars[index] == "\n" { newline() } else { index += 1 }
        }
        index = min(index + 2, scalars.count)
      case "\"", "'":
        tokens.append(quoted())
      case "`":
        tokens.append(template())
      case "/" where Self.startsRegex(after: tokens.last):
        tokens.append(regex())
      default:
        if scalar.properties.isXIDStart || scalar == "_" || scalar == "$" {
          let start = index
          let startColumn = column
          while index < scalars.count,
            scalars[index].properties.isXIDContinue || scalars[index] == "_" || scalars[index] == "$"
          {
            index += 1
          }
          tokens.append(ScriptToken(kind: .identifier, text: text(start..<index), line: line, column: startColumn))
        } else if ("0"..."9").contains(scalar) {
          let start = index
          let startColumn = column
          while index < scalars.count, scalars[index].properties.isXIDContinue || scalars[index] == "." { index += 1 }
          tokens.append(ScriptToken(kind: .number, text: text(start..<index), line: line, column: startColumn))
        } else {
          if untilBrace {
            if scalar == "{" { depth += 1 }
            if scalar == "}" {
              if depth == 0 {
                index += 1
                return tokens
              }
              depth -= 1
            }
          }
          tokens.append(punctuator())
        }
      }
    }
    return tokens
  }

  private func peek(_ offset: Int) -> Unicode.Scalar? {
    index + offset < scalars.count ? scalars[index + offset] : nil
  }

  private mutating func newline() {
    index += 1
    line += 1
    lineStart = index
  }

  /// The source text of scalars `range`, copied from the UTF-8 bytes in one go.
  private func text(_ range: Range<Int>) -> String {
    let start = Int(utf8Offsets[range.lowerBound])
    let end = Int(utf8Offsets[range.upperBound])
    return utf8.withUnsafeBufferPointer {
      String(decoding: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self)
    }
  }

  private mutating func punctuator() -> ScriptToken {
    let start = index
    let startColumn = column
    for candidate in [
      "===", "!==", "...", "**=", "&&=", "||=", "??=", "=>", "==", "!=", "<=", ">=", "&&", "||", "??", "?.", "+=", "-=",
      "*=", "/=", "++", "--",
    ] {
      let count = candidate.unicodeScalars.count
      if index + count <= scalars.count, text(index..<(index + count)) == candidate {
        index += count
        return ScriptToken(kind: .punctuator, text: candidate, line: line, column: startColumn)
      }
    }
    index += 1
    return ScriptToken(kind: .punctuator, text: text(start..<index), line: line, column: startColumn)
  }

  private mutating func quoted() -> ScriptToken {
    let quote = scalars[index]
    let start = index
    let startLine = line
    let startColumn = column
    index += 1
    while index < scalars.count, scalars[index] != quote, scalars[index] != "\n" {
      if scalars[index] == "\\" {
        index += 1
        if index < scalars.count, scalars[index] == "\n" {
          newline()
          continue
        }
      }
      index += 1
    }
    if index < scalars.count, scalars[index] == quote { index += 1 }
    return ScriptToken(kind: .string, text: text(start..<index), line: startLine, column: startColumn)
  }

  private mutating func template() -> ScriptToken {
    let start = index
    let startLine = line
    let startColumn = column
    index += 1
    var parts: [ScriptToken.TemplatePart] = []
    var chunkStart = index
    var chunkLine = line
    while index < scalars.count, scalars[index] != "`" {
      if scalars[index] == "\\" {
        index += 1
        if index < scalars.count {
          if scalars[index] == "\n" { newline() } else { index += 1 }
        }
        continue
      }
      if scalars[index] == "$", peek(1) == "{" {
        parts.append(.chunk(text(chunkStart..<index), line: chunkLine))
        let expressionLine = line
        index += 2
        let sourceStart = index
        let inner = lex(untilBrace: true)
        let sourceEnd = max(sourceStart, index - 1)
        parts.append(.expression(inner, source: text(sourceStart..<sourceEnd), line: expressionLine))
        chunkStart = index
        chunkLine = line
        continue
      }
      if scalars[index] == "\n" { newline() } else { index += 1 }
    }
    parts.append(.chunk(text(chunkStart..<min(index, scalars.count)), line: chunkLine))
    if index < scalars.count { index += 1 }
    return ScriptToken(kind: .template(parts), text: text(start..<index), line: startLine, column: startColumn)
  }

  private mutating func regex() -> ScriptToken {
    let start = index
    let startColumn = column
    index += 1
    var inClass = false
    while index < scalars.count, scalars[index] != "\n" {
      let scalar = scalars[index]
      if scalar == "\\" {
        index += 2
        continue
      }
      if scalar == "[" { inClass = true }
      if scalar == "]" { inClass = false }
      index += 1
      if scalar == "/", !inClass { break }
    }
    while index < scalars.count, scalars[index].properties.isXIDContinue { index += 1 }
    return ScriptToken(kind: .regex, text: text(start..<min(index, scalars.count)), line: line, column: startColumn)
  }

  /// A `/` starts a regular expression where an expression may start, not after an operand.
  static func startsRegex(after previous: ScriptToken?) -> Bool {
    guard let previous else { return true }
    switch previous.kind {
    case .number, .string, .template, .regex: return false
    case .identifier:
      return ["return", "typeof", "case", "do", "else", "in", "of", "new", "delete", "void", "throw", "yield", "await"]
        .contains(previous.text)
    case .punctuator: return ![")", "]", "}"].contains(previous.text)
    }
  }
}
