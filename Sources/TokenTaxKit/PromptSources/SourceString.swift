import Foundation

/// A string value read out of source code or config, as the language holds it: its text, the
/// placeholders the value leaves to run time (`{name}` of `str.format`, an f-string's `{expr}`,
/// a template literal's `${expr}`), and the source line each of its lines starts on, so a
/// change can be pointed at the line of the literal it came from (docs/prompt-sources.md).
///
/// A placeholder sits in `text` as one `SourceString.marker` character, so the language's own
/// string functions (`textwrap.dedent`, `.trim()`) work on the text unchanged and keep the
/// placeholders, in order, where they were.
struct SourceString: Sendable, Equatable {
  /// Marks a placeholder in `text` (a private-use code point no prompt contains).
  static let marker: Character = "\u{E000}"

  private(set) var text: String
  /// The expression of every placeholder, in the order of their markers.
  private(set) var placeholders: [String]
  /// The source line of each line of `text` (`text` has `lineOrigins.count - 1` newlines).
  private(set) var lineOrigins: [Int]

  init(line: Int) {
    text = ""
    placeholders = []
    lineOrigins = [line]
  }

  init(_ literal: String, line: Int) {
    self.init(line: line)
    append(literal, line: line)
  }

  var isEmpty: Bool { text.isEmpty }

  /// Appends literal text; every newline in it starts a line at `line` (escapes such as `\n`
  /// make lines that a single source line holds).
  mutating func append(_ literal: String, line: Int) {
    guard !literal.isEmpty else { return }
    // 0xEE leads the marker's UTF-8 bytes: only then is the slow path needed.
    guard !literal.utf8.contains(0xEE) else {
      for character in literal where character != SourceString.marker {  // never forge a placeholder
        append(character, line: line)
      }
      return
    }
    if text.isEmpty, lineOrigins.count == 1 { lineOrigins[0] = line }
    text += literal
    lineOrigins.append(contentsOf: repeatElement(line, count: SourceString.lineBreaks(in: literal)))
  }

  /// The `"\n"` characters of `text`, counted on its bytes: a line feed is a character of its own
  /// unless it ends a `"\r\n"`, which is one character and no line break in `text`'s terms.
  static func lineBreaks(in text: String) -> Int {
    var count = 0
    var previous: UInt8 = 0
    for byte in text.utf8 {
      if byte == 0x0A, previous != 0x0D { count += 1 }
      previous = byte
    }
    return count
  }

  /// Appends one character read at source line `line`.
  mutating func append(_ character: Character, line: Int) {
    if text.isEmpty, lineOrigins.count == 1 { lineOrigins[0] = line }
    text.append(character)
    if character == "\n" { lineOrigins.append(line) }
  }

  /// Records that the line about to start begins at `line` (a real newline in the source).
  mutating func startsLine(at line: Int) {
    if let last = lineOrigins.indices.last, text.hasSuffix("\n") { lineOrigins[last] = line }
  }

  mutating func appendPlaceholder(_ expression: String, line: Int) {
    if text.isEmpty, lineOrigins.count == 1 { lineOrigins[0] = line }
    text.append(SourceString.marker)
    let cleaned = expression.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).joined(separator: " ")
    placeholders.append(cleaned.trimmingCharacters(in: .whitespaces))
  }

  mutating func append(_ other: SourceString) {
    if other.isEmpty { return }
    if isEmpty {
      self = other
      return
    }
    text += other.text
    placeholders += other.placeholders
    lineOrigins += other.lineOrigins.dropFirst()
  }

  /// `sep.join(items)` / `items.join(sep)`.
  static func joined(_ items: [SourceString], separator: SourceString, line: Int) -> SourceString {
    var value = SourceString(line: line)
    for (offset, item) in items.enumerated() {
      if offset > 0 { value.append(separator) }
      value.append(item)
    }
    return value
  }

  /// Replaces `text` with a version of it that has the same placeholders in the same order and
  /// whose lines are `keptLines` of the old ones (indices into the old lines, in order).
  mutating func replaceText(_ newText: String, keptLines: [Int]) {
    let origins = keptLines.compactMap { lineOrigins.indices.contains($0) ? lineOrigins[$0] : nil }
    text = newText
    lineOrigins = origins.isEmpty ? [lineOrigins.first ?? 1] : origins
    let expected = SourceString.lineBreaks(in: newText) + 1
    while lineOrigins.count < expected { lineOrigins.append(lineOrigins.last ?? 1) }
    if lineOrigins.count > expected { lineOrigins.removeLast(lineOrigins.count - expected) }
  }

  /// Replaces the placeholders named by a key of `values` with that value (`str.format(name=…)`,
  /// an f-string field naming another constant).
  func substituting(_ values: [String: SourceString]) -> SourceString {
    guard placeholders.contains(where: { values[$0] != nil }) else { return self }
    var result = SourceString(line: lineOrigins.first ?? 1)
    var index = 0
    var line = 0
    let last = lineOrigins.count - 1
    for character in text {
      if character == SourceString.marker {
        let name = index < placeholders.count ? placeholders[index] : ""
        index += 1
        if let value = values[name] {
          result.append(value)
        } else {
          result.appendPlaceholder(name, line: lineOrigins[min(line, last)])
        }
        continue
      }
      result.append(character, line: lineOrigins[min(line, last)])
      if character == "\n" {
        line += 1
        result.startsLine(at: lineOrigins[min(line, last)])
      }
    }
    return result
  }

  /// The value as template text, and the syntax to read that text with: literal text escaped so
  /// the template reader takes it as text, each placeholder written as that syntax writes one.
  /// A value with placeholders read as `none` is written in `str.format` syntax, which can say both.
  func rendered(as syntax: PromptPart.Syntax) -> (text: String, syntax: PromptPart.Syntax) {
    let target: PromptPart.Syntax =
      syntax == .none || syntax == .auto ? (placeholders.isEmpty ? .none : .python) : syntax
    if target == .none { return (text, .none) }
    var output = String.UnicodeScalarView()
    var index = 0
    let marker = SourceString.marker.unicodeScalars.first
    var previousDollar = false
    for scalar in text.unicodeScalars {
      // `${` in text is escaped for the `${}` reader: `\${`.
      if previousDollar, scalar == "{" { output.append("\\") }
      if previousDollar { output.append("$") }
      previousDollar = false
      if scalar == marker {
        let name = index < placeholders.count ? placeholders[index] : "value"
        index += 1
        let bare = name.filter { $0 != "{" && $0 != "}" }
        switch target {
        case .js: output.append(contentsOf: ("${" + bare + "}").unicodeScalars)
        case .jinja, .mustache: output.append(contentsOf: ("{{ " + bare + " }}").unicodeScalars)
        default: output.append(contentsOf: ("{" + bare + "}").unicodeScalars)
        }
        continue
      }
      switch (target, scalar) {
      case (.python, "{"): output.append(contentsOf: "{{".unicodeScalars)
      case (.python, "}"): output.append(contentsOf: "}}".unicodeScalars)
      case (.js, "$"): previousDollar = true
      default: output.append(scalar)
      }
    }
    if previousDollar { output.append("$") }
    return (String(output), target)
  }
}
