import Foundation

/// Splits Python source into logical lines of tokens: brackets and backslashes join physical
/// lines, comments are dropped, string literals (every quote and prefix form, f-strings with
/// nested quotes as Python 3.12 allows) are kept whole for `PythonStringLiteral` to decode.
struct PythonLexer {
  let file: String
  private let scalars: [Unicode.Scalar]
  private let utf8: [UInt8]
  /// The UTF-8 offset of each scalar, and of the end.
  private let utf8Offsets: [Int32]
  private var index = 0
  private var line = 1
  private var lineStart = 0

  init(_ text: String, file: String) {
    self.file = file
    scalars = Array(text.unicodeScalars)
    (utf8, utf8Offsets) = Self.offsets(text)
  }

  mutating func lines() throws -> [PythonLine] {
    var result: [PythonLine] = []
    var tokens: [PythonToken] = []
    var depth = 0
    var indent = 0
    var atLineStart = true
    while index < scalars.count {
      let scalar = scalars[index]
      if atLineStart {
        // Indentation of a new logical line; blank and comment-only lines have none.
        var width = 0
        var probe = index
        while probe < scalars.count, scalars[probe] == " " || scalars[probe] == "\t" || scalars[probe] == "\u{0C}" {
          width = scalars[probe] == "\t" ? (width / 8 + 1) * 8 : width + 1
          probe += 1
        }
        index = probe
        indent = width
        atLineStart = false
        continue
      }
      switch scalar {
      case "\n", "\r":
        if scalar == "\r", index + 1 < scalars.count, scalars[index + 1] == "\n" { index += 1 }
        newline()
        if depth == 0 {
          if !tokens.isEmpty { result.append(PythonLine(indent: indent, tokens: tokens)) }
          tokens = []
          atLineStart = true
        }
      case " ", "\t", "\u{0C}":
        index += 1
      case "#":
        while index < scalars.count, scalars[index] != "\n", scalars[index] != "\r" { index += 1 }
      case "\\":
        // An explicit line join.
        index += 1
        if index < scalars.count, scalars[index] == "\r" { index += 1 }
        if index < scalars.count, scalars[index] == "\n" { newline() }
      default:
        if let token = try stringLiteral() {
          tokens.append(token)
        } else if scalar.properties.isXIDStart || scalar == "_" {
          tokens.append(word())
        } else if scalar.properties.numericType != nil || (scalar == "." && next(isDigit: 1)) {
          tokens.append(number())
        } else {
          let token = op()
          if ["(", "[", "{"].contains(token.text) { depth += 1 }
          if [")", "]", "}"].contains(token.text) { depth = max(0, depth - 1) }
          tokens.append(token)
        }
      }
    }
    if !tokens.isEmpty { result.append(PythonLine(indent: indent, tokens: tokens)) }
    return result
  }

  private var column: Int { index - lineStart + 1 }

  private mutating func newline() {
    index += 1
    line += 1
    lineStart = index
  }

  private func next(isDigit offset: Int) -> Bool {
    index + offset < scalars.count && ("0"..."9").contains(scalars[index + offset])
  }

  private mutating func word() -> PythonToken {
    let start = index
    while index < scalars.count, scalars[index].properties.isXIDContinue || scalars[index] == "_" { index += 1 }
    return PythonToken(kind: .name, text: text(start..<index), line: line, column: start - lineStart + 1)
  }

  private mutating func number() -> PythonToken {
    let start = index
    while index < scalars.count, scalars[index].properties.isXIDContinue || scalars[index] == "." { index += 1 }
    return PythonToken(kind: .number, text: text(start..<index), line: line, column: start - lineStart + 1)
  }

  private mutating func op() -> PythonToken {
    let start = index
    let two = index + 1 < scalars.count ? text(index..<(index + 2)) : ""
    let three = index + 2 < scalars.count ? text(index..<(index + 3)) : ""
    if ["**=", "//=", ">>=", "<<=", "..."].contains(three) {
      index += 3
    } else if [
      "+=", "-=", "*=", "/=", "==", "!=", "<=", ">=", "->", ":=", "**", "//", "%=", "&=", "|=", "^=", "@=", "<<", ">>",
    ].contains(two) {
      index += 2
    } else {
      index += 1
    }
    return PythonToken(kind: .op, text: text(start..<index), line: line, column: start - lineStart + 1)
  }

  /// The source text of scalars `range`, copied from the UTF-8 bytes in one go.
  private func text(_ range: Range<Int>) -> String {
    let start = Int(utf8Offsets[range.lowerBound])
    let end = Int(utf8Offsets[range.upperBound])
    return utf8.withUnsafeBufferPointer {
      String(decoding: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self)
    }
  }

  /// A string literal at `index` (with its prefix), or nil when there is none.
  private mutating func stringLiteral() throws -> PythonToken? {
    var probe = index
    var prefix = ""
    while probe < scalars.count, probe - index < 2, "rRbBuUfFtT".unicodeScalars.contains(scalars[probe]) {
      prefix.unicodeScalars.append(scalars[probe])
      probe += 1
    }
    guard probe < scalars.count, scalars[probe] == "\"" || scalars[probe] == "'" else { return nil }
    let startLine = line
    let startColumn = column
    let start = index
    index = probe
    let formatted = prefix.lowercased().contains("f") || prefix.lowercased().contains("t")
    try scanString(formatted: formatted, startLine: startLine, startColumn: startColumn)
    return PythonToken(kind: .string, text: text(start..<index), line: startLine, column: startColumn)
  }

  /// Moves past the string whose opening quote is at `index`.
  private mutating func scanString(formatted: Bool, startLine: Int, startColumn: Int) throws {
    let quote = scalars[index]
    let triple = index + 2 < scalars.count && scalars[index + 1] == quote && scalars[index + 2] == quote
    index += triple ? 3 : 1
    var braces = 0
    while index < scalars.count {
      let scalar = scalars[index]
      if scalar == "\\" {
        index += 1
        if index < scalars.count {
          if scalars[index] == "\n" { newline() } else { index += 1 }
        }
        continue
      }
      if scalar == "\n" || scalar == "\r" {
        if !triple && braces == 0 { break }
        newline()
        continue
      }
      if formatted {
        if scalar == "{" {
          if braces == 0, index + 1 < scalars.count, scalars[index + 1] == "{" {
            index += 2
            continue
          }
          braces += 1
          index += 1
          continue
        }
        if scalar == "}", braces > 0 {
          braces -= 1
          index += 1
          continue
        }
        if braces > 0, scalar == "\"" || scalar == "'" {
          // A string inside a replacement field, quoted alike or not (Python 3.12).
          try scanString(formatted: false, startLine: line, startColumn: column)
          continue
        }
      }
      if scalar == quote, braces == 0 {
        if !triple {
          index += 1
          return
        }
        if index + 2 < scalars.count, scalars[index + 1] == quote, scalars[index + 2] == quote {
          index += 3
          return
        }
      }
      index += 1
    }
    throw PromptSourceError.syntax(
      file: file, line: startLine, column: startColumn,
      reason: "string literal is not closed" + (formatted ? " (an f-string's braces or quotes do not balance)" : "")
        + "; fix the Python source or point the prompt part at another constant")
  }

  /// The bytes of `text` and the offset of each of its scalars in them (and of the end), so a
  /// token's text is one copy of bytes instead of a string built scalar by scalar.
  static func offsets(_ text: String) -> ([UInt8], [Int32]) {
    let bytes = Array(text.utf8)
    var offsets: [Int32] = []
    offsets.reserveCapacity(bytes.count + 1)
    for (index, byte) in bytes.enumerated() where byte & 0xC0 != 0x80 { offsets.append(Int32(index)) }
    offsets.append(Int32(bytes.count))
    return (bytes, offsets)
  }
}
