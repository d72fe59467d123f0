import Foundation

/// Reads YAML as real configs write it: block and flow mappings and sequences, plain, single-
/// and double-quoted scalars (multi-line, folded as YAML folds them), literal `|` and folded `>`
/// block scalars with chomping and indentation indicators, comments, anchors, aliases and `<<`
/// merge keys, several documents. JSON is read by the flow part. What it does not read (complex
/// `?` keys, tabs as indentation) is an error naming file:line:column, never a guess.
struct YAMLParser {
  let file: String
  private let scalars: [Unicode.Scalar]
  private let lineStarts: [Int]
  private var anchors: [String: YAMLNode] = [:]

  init(_ text: String, file: String) {
    self.file = file
    scalars = Array(text.unicodeScalars)
    var starts = [0]
    for (offset, scalar) in scalars.enumerated() where scalar == "\n" { starts.append(offset + 1) }
    lineStarts = starts
  }

  // MARK: - Positions

  private var lineCount: Int { lineStarts.count }
  private func lineIndex(of offset: Int) -> Int {
    var low = 0
    var high = lineStarts.count - 1
    while low < high {
      let middle = (low + high + 1) / 2
      if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
    }
    return low
  }
  private func column(of offset: Int) -> Int { offset - lineStarts[lineIndex(of: offset)] }
  private func lineNumber(of offset: Int) -> Int { lineIndex(of: offset) + 1 }
  private func lineEnd(_ line: Int) -> Int {
    var end = line + 1 < lineStarts.count ? lineStarts[line + 1] - 1 : scalars.count
    if end > lineStarts[line], end - 1 < scalars.count, end - 1 >= 0, scalars[end - 1] == "\r" { end -= 1 }
    return end
  }
  private func at(_ offset: Int) -> Unicode.Scalar? { offset < scalars.count && offset >= 0 ? scalars[offset] : nil }

  func error(_ offset: Int, _ reason: String) -> PromptSourceError {
    .syntax(file: file, line: lineNumber(of: offset), column: column(of: offset) + 1, reason: reason)
  }

  /// Leading spaces of `line`; a tab among them is an error (YAML indents with spaces only).
  private func indent(_ line: Int) throws -> Int {
    var offset = lineStarts[line]
    let end = lineEnd(line)
    while offset < end, scalars[offset] == " " { offset += 1 }
    if offset < end, scalars[offset] == "\t" {
      var probe = offset
      while probe < end, scalars[probe] == "\t" || scalars[probe] == " " { probe += 1 }
      if probe < end, scalars[probe] != "#" {
        throw error(offset, "a tab indents this line; YAML indents with spaces only, replace the tab with spaces")
      }
    }
    return offset - lineStarts[line]
  }

  private func isBlank(_ line: Int) -> Bool {
    var offset = lineStarts[line]
    let end = lineEnd(line)
    while offset < end, scalars[offset] == " " || scalars[offset] == "\t" { offset += 1 }
    return offset == end || scalars[offset] == "#"
  }

  private func isDocumentMarker(_ line: Int) -> Bool {
    let start = lineStarts[line]
    guard start + 3 <= scalars.count else { return false }
    let three = String(String.UnicodeScalarView(scalars[start..<(start + 3)]))
    guard three == "---" || three == "..." else { return false }
    let next = at(start + 3)
    return next == nil || next == " " || next == "\n" || next == "\r" || next == "\t"
  }

  /// The next line at or after `line` with content, and its indentation; indentation -1 at the
  /// end of the document.
  private func nextContent(from line: Int) throws -> (line: Int, indent: Int) {
    var current = line
    while current < lineCount {
      if isDocumentMarker(current) { return (current, -1) }
      if !isBlank(current) { return (current, try indent(current)) }
      current += 1
    }
    return (lineCount, -1)
  }

  private func skipSpaces(_ offset: Int) -> Int {
    var position = offset
    while let scalar = at(position), scalar == " " || scalar == "\t" { position += 1 }
    return position
  }

  /// Whether only spaces and a comment remain on the line from `offset`.
  private func restIsEmpty(_ offset: Int) -> Bool {
    let position = skipSpaces(offset)
    guard let scalar = at(position) else { return true }
    return scalar == "\n" || scalar == "\r" || scalar == "#"
  }

  // MARK: - Documents

  /// Every document of the stream, in order.
  mutating func documents() throws -> [YAMLNode] {
    var result: [YAMLNode] = []
    var line = 0
    var explicit = false
    while line < lineCount {
      let start = lineStarts[line]
      if at(start) == "%" {
        line += 1
        continue
      }
      if isDocumentMarker(line) {
        let marker = String(String.UnicodeScalarView(scalars[start..<(start + 3)]))
        line += 1
        explicit = marker == "---"
        if explicit, !restIsEmpty(start + 3) {
          let (node, next) = try node(at: skipSpaces(start + 3), parent: -1, sequenceAtParent: false)
          result.append(node)
          line = next
          explicit = false
        }
        continue
      }
      if isBlank(line) {
        line += 1
        continue
      }
      let (node, next) = try node(at: start + (try indent(line)), parent: -1, sequenceAtParent: false)
      result.append(node)
      explicit = false
      let after = try nextContent(from: next)
      if after.line < lineCount, after.indent >= 0 {
        throw error(
          lineStarts[after.line] + after.indent,
          "this line is not inside the document's structure; check its indentation")
      }
      line = after.line
    }
    if explicit {
      result.append(YAMLNode(content: .scalar(SourceString(line: lineCount), plain: true), line: lineCount, column: 1))
    }
    return result
  }

  // MARK: - Block nodes

  /// The node starting at `offset` (possibly on the lines below it), whose parent is indented by
  /// `parent` columns; returns it and the line index after it.
  private mutating func node(at offset: Int, parent: Int, sequenceAtParent: Bool) throws -> (YAMLNode, Int) {
    var position = skipSpaces(offset)
    var anchor: String?
    while let scalar = at(position), scalar == "&" || scalar == "!" {
      let start = position + 1
      position = start
      while let next = at(position), next != " ", next != "\t", next != "\n", next != "\r" { position += 1 }
      if scalar == "&" { anchor = String(String.UnicodeScalarView(scalars[start..<position])) }
      position = skipSpaces(position)
    }
    let line = lineIndex(of: position)
    var result: (YAMLNode, Int)
    if restIsEmpty(position) {
      let next = try nextContent(from: line + 1)
      let isSequence = next.indent >= 0 && isSequenceEntry(lineStarts[next.line] + next.indent)
      if next.indent > parent || (sequenceAtParent && next.indent == parent && isSequence) {
        result = try block(at: lineStarts[next.line] + next.indent)
      } else {
        result = (
          YAMLNode(
            content: .scalar(SourceString(line: line + 1), plain: true), line: line + 1,
            column: column(of: position) + 1), line + 1
        )
      }
    } else {
      result = try inline(at: position, parent: parent)
    }
    if let anchor { anchors[anchor] = result.0 }
    return result
  }

  private func isSequenceEntry(_ offset: Int) -> Bool {
    guard at(offset) == "-" else { return false }
    let next = at(offset + 1)
    return next == nil || next == " " || next == "\n" || next == "\r" || next == "\t"
  }

  /// A node that starts a line at `offset` (its column is its indentation).
  private mutating func block(at offset: Int) throws -> (YAMLNode, Int) {
    try inline(at: offset, parent: column(of: offset) - 1)
  }

  /// A node whose first character is at `offset`.
  private mutating func inline(at offset: Int, parent: Int) throws -> (YAMLNode, Int) {
    guard let first = at(offset) else { throw error(offset, "a value is missing") }
    let line = lineIndex(of: offset)
    let indent = column(of: offset)
    if first == "*" {
      var end = offset + 1
      while let next = at(end), next != " ", next != "\t", next != "\n", next != "\r", next != ",", next != "]",
        next != "}"
      { end += 1 }
      let name = String(String.UnicodeScalarView(scalars[(offset + 1)..<end]))
      guard let node = anchors[name] else { throw error(offset, "alias '*\(name)' names no anchor defined above it") }
      if isMappingKey(from: end) {
        throw error(offset, "an alias used as a mapping key is not supported; write the key out")
      }
      return (node, line + 1)
    }
    if isSequenceEntry(offset) { return try sequence(at: offset) }
    if first == "?" && (at(offset + 1) == " " || at(offset + 1) == "\n") {
      throw error(offset, "complex mapping keys ('? ') are not supported; write the key as a plain or quoted scalar")
    }
    if first == "|" || first == ">" { return try blockScalar(at: offset, parent: parent) }
    if first == "[" || first == "{" {
      var flow = FlowReader(parser: self, offset: offset)
      let node = try flow.node()
      if !restIsEmpty(flow.offset) {
        if isMappingKey(from: flow.offset) {
          throw error(offset, "a flow collection used as a mapping key is not supported")
        }
        throw error(flow.offset, "unexpected text after a flow collection")
      }
      anchors.merge(flow.anchors) { $1 }
      return (node, lineIndex(of: flow.offset) + 1)
    }
    if first == "\"" || first == "'" {
      let (value, end) = try quoted(at: offset)
      if isMappingKey(from: end) { return try mapping(at: offset, indent: indent) }
      guard restIsEmpty(end) else { throw error(end, "unexpected text after a quoted scalar") }
      return (
        YAMLNode(content: .scalar(value, plain: false), line: line + 1, column: indent + 1), lineIndex(of: end) + 1
      )
    }
    if mappingIndicator(from: offset) != nil { return try mapping(at: offset, indent: indent) }
    return try plainScalar(at: offset, parent: parent)
  }

  /// Whether a `:` that makes what ends at `offset` a mapping key follows.
  private func isMappingKey(from offset: Int) -> Bool {
    let position = skipSpaces(offset)
    guard at(position) == ":" else { return false }
    let next = at(position + 1)
    return next == nil || next == " " || next == "\t" || next == "\n" || next == "\r"
  }

  /// The offset of the `:` that ends a plain key on this line, if there is one.
  private func mappingIndicator(from offset: Int) -> Int? {
    var position = offset
    var previous: Unicode.Scalar = " "
    while let scalar = at(position), scalar != "\n", scalar != "\r" {
      if scalar == "#", previous == " " || previous == "\t" { return nil }
      if scalar == ":" {
        let next = at(position + 1)
        if next == nil || next == " " || next == "\t" || next == "\n" || next == "\r" { return position }
      }
      previous = scalar
      position += 1
    }
    return nil
  }

  private mutating func mapping(at offset: Int, indent: Int) throws -> (YAMLNode, Int) {
    var entries: [(key: String, value: YAMLNode)] = []
    var merged: [(key: String, value: YAMLNode)] = []
    var position = offset
    let startLine = lineIndex(of: offset)
    while true {
      let key: String
      var valueStart: Int
      if let quote = at(position), quote == "\"" || quote == "'" {
        let (value, end) = try quoted(at: position)
        key = value.text
        valueStart = skipSpaces(end) + 1
      } else if let colon = mappingIndicator(from: position) {
        key = String(String.UnicodeScalarView(scalars[position..<colon])).trimmingCharacters(in: .whitespaces)
        valueStart = colon + 1
      } else {
        throw error(position, "expected 'key: value' at the indentation of the mapping above it")
      }
      if valueStart > scalars.count { valueStart = scalars.count }
      let (value, next) = try node(at: valueStart, parent: indent, sequenceAtParent: true)
      if key == "<<" {
        merged += Self.mergeEntries(value)
      } else {
        entries.append((key, value))
      }
      let following = try nextContent(from: next)
      guard following.indent == indent else {
        if following.indent > indent {
          throw error(
            lineStarts[following.line] + following.indent,
            "this line is indented more than the mapping key above it; align it with the keys or nest it under one")
        }
        let keys = Set(entries.map(\.key))
        entries += merged.filter { !keys.contains($0.key) }
        return (YAMLNode(content: .mapping(entries), line: startLine + 1, column: indent + 1), following.line)
      }
      position = lineStarts[following.line] + indent
      if isSequenceEntry(position) {
        throw error(position, "a list item where a mapping key was expected; indent the list under its key")
      }
    }
  }

  private static func mergeEntries(_ node: YAMLNode) -> [(key: String, value: YAMLNode)] {
    switch node.content {
    case .mapping(let entries): return entries
    case .sequence(let items): return items.flatMap { mergeEntries($0) }
    case .scalar: return []
    }
  }

  private mutating func sequence(at offset: Int) throws -> (YAMLNode, Int) {
    let indent = column(of: offset)
    var items: [YAMLNode] = []
    var position = offset
    let startLine = lineIndex(of: offset)
    while true {
      let (item, next) = try node(at: position + 1, parent: indent, sequenceAtParent: false)
      items.append(item)
      let following = try nextContent(from: next)
      guard following.indent == indent, isSequenceEntry(lineStarts[following.line] + indent) else {
        if following.indent > indent {
          throw error(
            lineStarts[following.line] + following.indent, "this line is indented more than the list item above it")
        }
        return (YAMLNode(content: .sequence(items), line: startLine + 1, column: indent + 1), following.line)
      }
      position = lineStarts[following.line] + indent
    }
  }

  // MARK: - Scalars

  private func plainScalar(at offset: Int, parent: Int) throws -> (YAMLNode, Int) {
    var line = lineIndex(of: offset)
    var value = SourceString(line: line + 1)
    value.append(plainLine(from: offset, line: line), line: line + 1)
    var blankLines = 0
    line += 1
    while line < lineCount, !isDocumentMarker(line) {
      if isBlank(line) {
        let start = skipSpaces(lineStarts[line])
        if at(start) == "#" { break }
        blankLines += 1
        line += 1
        continue
      }
      let lineIndent = try indent(line)
      guard lineIndent > parent else { break }
      let text = plainLine(from: lineStarts[line] + lineIndent, line: line)
      if blankLines == 0 {
        value.append(" ", line: line + 1)
      } else {
        for _ in 0..<blankLines {
          value.append("\n", line: line + 1)
          value.startsLine(at: line + 1)
        }
      }
      value.append(text, line: line + 1)
      blankLines = 0
      line += 1
    }
    return (
      YAMLNode(content: .scalar(value, plain: true), line: lineIndex(of: offset) + 1, column: column(of: offset) + 1),
      line - blankLines
    )
  }

  /// The text of a plain scalar's line: up to a ` #` comment, trailing spaces dropped.
  private func plainLine(from offset: Int, line: Int) -> String {
    let end = lineEnd(line)
    var position = offset
    var previous: Unicode.Scalar = " "
    while position < end {
      if scalars[position] == "#", previous == " " || previous == "\t" { break }
      previous = scalars[position]
      position += 1
    }
    return String(String.UnicodeScalarView(scalars[offset..<position])).trimmingCharacters(in: .whitespaces)
  }

  private func blockScalar(at offset: Int, parent: Int) throws -> (YAMLNode, Int) {
    let folded = scalars[offset] == ">"
    var explicitIndent: Int?
    var chomping: Character = "c"
    var position = offset + 1
    while let scalar = at(position), scalar != " ", scalar != "\t", scalar != "\n", scalar != "\r", scalar != "#" {
      if let digit = Int(String(scalar)), digit > 0 {
        explicitIndent = digit
      } else if scalar == "-" || scalar == "+" {
        chomping = Character(scalar)
      } else {
        throw error(position, "'\(scalar)' is not a block scalar indicator (use a digit 1-9, '-' or '+')")
      }
      position += 1
    }
    guard restIsEmpty(position) else { throw error(position, "only a comment may follow a block scalar header") }
    let headerLine = lineIndex(of: offset)
    var contentIndent = explicitIndent.map { max(parent, 0) + $0 }
    var lines: [(text: String, line: Int)] = []
    var line = headerLine + 1
    while line < lineCount {
      let start = lineStarts[line]
      let end = lineEnd(line)
      var spaces = 0
      while start + spaces < end, scalars[start + spaces] == " " { spaces += 1 }
      let blank = start + spaces == end
      if contentIndent == nil, !blank {
        guard spaces > parent else { break }
        contentIndent = spaces
      }
      if blank {
        let keep =
          contentIndent.map { spaces > $0 ? String(String.UnicodeScalarView(scalars[(start + $0)..<end])) : "" } ?? ""
        lines.append((keep, line + 1))
        line += 1
        continue
      }
      guard let indent = contentIndent, spaces >= indent, !(spaces == 0 && isDocumentMarker(line)) else { break }
      lines.append((String(String.UnicodeScalarView(scalars[(start + indent)..<end])), line + 1))
      line += 1
    }
    // Trailing empty lines belong to the chomping, not the content.
    var trailing = 0
    while let last = lines.last, last.text.isEmpty {
      lines.removeLast()
      trailing += 1
    }
    var value = SourceString(line: headerLine + 2)
    var first = true
    var pending = 0
    var previousMoreIndented = false
    func breakLines(_ count: Int, at line: Int) {
      for _ in 0..<count {
        value.append("\n", line: line)
        value.startsLine(at: line)
      }
    }
    for entry in lines {
      if entry.text.isEmpty {
        pending += 1
        continue
      }
      let moreIndented = entry.text.first == " " || entry.text.first == "\t"
      if first {
        breakLines(pending, at: entry.line)
      } else if !folded || moreIndented || previousMoreIndented {
        breakLines(pending + 1, at: entry.line)
      } else if pending == 0 {
        // Folding: a line break between two lines of text is a space.
        value.append(" ", line: entry.line)
      } else {
        breakLines(pending, at: entry.line)
      }
      value.append(entry.text, line: entry.line)
      first = false
      previousMoreIndented = moreIndented
      pending = 0
    }
    let lastLine = lines.last?.line ?? headerLine + 1
    switch chomping {
    case "-": break
    case "+":
      for _ in 0..<(trailing + (lines.isEmpty ? 0 : 1)) { value.append("\n", line: lastLine) }
    default:
      if !lines.isEmpty { value.append("\n", line: lastLine) }
    }
    return (YAMLNode(content: .scalar(value, plain: false), line: headerLine + 1, column: column(of: offset) + 1), line)
  }

  /// A single- or double-quoted scalar from its opening quote: its value and the offset after it.
  func quoted(at offset: Int) throws -> (SourceString, Int) {
    let quote = scalars[offset]
    var value = SourceString(line: lineNumber(of: offset))
    var position = offset + 1
    var line = lineNumber(of: offset)
    while position < scalars.count {
      let scalar = scalars[position]
      if scalar == quote {
        if quote == "'", at(position + 1) == "'" {
          value.append("'", line: line)
          position += 2
          continue
        }
        return (value, position + 1)
      }
      if scalar == "\n" || scalar == "\r" {
        // A line break folds: trailing and leading spaces go, one break is a space, each empty
        // line after it a newline.
        while let last = value.text.last, last == " " || last == "\t", !value.text.isEmpty {
          value.replaceText(String(value.text.dropLast()), keptLines: Array(value.lineOrigins.indices))
        }
        var breaks = 0
        while let next = at(position), next == "\n" || next == "\r" || next == " " || next == "\t" {
          if next == "\n" {
            breaks += 1
            line += 1
          }
          position += 1
        }
        if breaks <= 1 {
          value.append(" ", line: line)
        } else {
          for _ in 1..<breaks {
            value.append("\n", line: line)
            value.startsLine(at: line)
          }
        }
        continue
      }
      if quote == "\"", scalar == "\\" {
        position = try escape(at: position, into: &value, line: &line)
        continue
      }
      value.append(Character(scalar), line: line)
      position += 1
    }
    throw error(offset, "the quoted scalar is not closed with \(quote); close it")
  }

  /// A double-quoted escape at `offset`; returns the offset after it.
  private func escape(at offset: Int, into value: inout SourceString, line: inout Int) throws -> Int {
    guard let next = at(offset + 1) else { throw error(offset, "a backslash ends the file") }
    var position = offset + 2
    func code(_ digits: Int) throws -> UInt32 {
      guard position + digits <= scalars.count,
        let code = UInt32(String(String.UnicodeScalarView(scalars[position..<(position + digits)])), radix: 16)
      else { throw error(offset, "'\\\(next)' needs \(digits) hex digits") }
      position += digits
      return code
    }
    let simple: [Unicode.Scalar: String] = [
      "0": "\u{0}", "a": "\u{07}", "b": "\u{08}", "t": "\t", "\t": "\t", "n": "\n", "v": "\u{0B}", "f": "\u{0C}",
      "r": "\r", "e": "\u{1B}", " ": " ", "\"": "\"", "/": "/", "\\": "\\", "N": "\u{85}", "_": "\u{A0}",
      "L": "\u{2028}", "P": "\u{2029}",
    ]
    if let text = simple[next] {
      value.append(text, line: line)
      return position
    }
    switch next {
    case "x", "u", "U":
      var scalarCode = try code(next == "x" ? 2 : next == "u" ? 4 : 8)
      if (0xD800...0xDBFF).contains(scalarCode), at(position) == "\\", at(position + 1) == "u" {
        position += 2
        let low = try code(4)
        scalarCode = 0x10000 + ((scalarCode - 0xD800) << 10) + (low - 0xDC00)
      }
      guard let decoded = Unicode.Scalar(scalarCode) else {
        throw error(offset, "'\\\(next)' names no Unicode character")
      }
      value.append(Character(decoded), line: line)
      return position
    case "\n", "\r":
      // An escaped line break: the lines join with nothing between them.
      while let following = at(position),
        following == "\n" || following == " " || following == "\t" || following == "\r"
      {
        if following == "\n" { line += 1 }
        position += 1
      }
      return position
    default:
      throw error(offset, "'\\\(next)' is not a YAML escape; write '\\\\' for a backslash")
    }
  }

  // MARK: - Flow collections

  /// Reads `[…]` and `{…}` (and JSON) from an offset, across lines.
  struct FlowReader {
    let parser: YAMLParser
    var offset: Int
    var anchors: [String: YAMLNode] = [:]

    init(parser: YAMLParser, offset: Int) {
      self.parser = parser
      self.offset = offset
    }

    mutating func skipSpace() {
      var previous: Unicode.Scalar = " "
      while let scalar = parser.at(offset) {
        if scalar == "#", previous == " " || previous == "\n" || previous == "\t" {
          while let next = parser.at(offset), next != "\n" { offset += 1 }
          continue
        }
        guard scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" else { return }
        previous = scalar
        offset += 1
      }
    }

    mutating func node() throws -> YAMLNode {
      skipSpace()
      let start = offset
      let line = parser.lineNumber(of: start)
      let column = parser.column(of: start) + 1
      var anchor: String?
      if parser.at(offset) == "&" {
        let nameStart = offset + 1
        while let scalar = parser.at(offset), scalar != " ", scalar != "\n", scalar != ",", scalar != "]", scalar != "}"
        { offset += 1 }
        anchor = String(String.UnicodeScalarView(parser.scalars[nameStart..<offset]))
        skipSpace()
      }
      let node: YAMLNode
      switch parser.at(offset) {
      case "[":
        offset += 1
        var items: [YAMLNode] = []
        while true {
          skipSpace()
          if parser.at(offset) == "]" {
            offset += 1
            break
          }
          items.append(try self.node())
          skipSpace()
          if parser.at(offset) == "," {
            offset += 1
          } else if parser.at(offset) != "]" {
            throw parser.error(offset, "expected ',' or ']' in a list")
          }
        }
        node = YAMLNode(content: .sequence(items), line: line, column: column)
      case "{":
        offset += 1
        var entries: [(key: String, value: YAMLNode)] = []
        while true {
          skipSpace()
          if parser.at(offset) == "}" {
            offset += 1
            break
          }
          let key = try self.node()
          guard case .scalar(let keyText, _) = key.content else {
            throw parser.error(offset, "a mapping key must be a scalar")
          }
          skipSpace()
          var value = YAMLNode(
            content: .scalar(SourceString(line: key.line), plain: true), line: key.line, column: key.column)
          if parser.at(offset) == ":" {
            offset += 1
            skipSpace()
            if parser.at(offset) != "," && parser.at(offset) != "}" { value = try self.node() }
          }
          entries.append((keyText.text, value))
          skipSpace()
          if parser.at(offset) == "," {
            offset += 1
          } else if parser.at(offset) != "}" {
            throw parser.error(offset, "expected ',' or '}' in a mapping")
          }
        }
        node = YAMLNode(content: .mapping(entries), line: line, column: column)
      case "\"", "'":
        let (value, end) = try parser.quoted(at: offset)
        offset = end
        node = YAMLNode(content: .scalar(value, plain: false), line: line, column: column)
      case "*":
        let nameStart = offset + 1
        while let scalar = parser.at(offset), scalar != " ", scalar != "\n", scalar != ",", scalar != "]", scalar != "}"
        { offset += 1 }
        let name = String(String.UnicodeScalarView(parser.scalars[nameStart..<offset]))
        guard let target = anchors[name] ?? parser.anchors[name] else {
          throw parser.error(start, "alias '*\(name)' names no anchor defined above it")
        }
        node = target
      case nil:
        throw parser.error(max(0, offset - 1), "the flow collection is not closed")
      default:
        var end = offset
        while let scalar = parser.at(end), !",[]{}\n\r".unicodeScalars.contains(scalar) {
          if scalar == ":", let next = parser.at(end + 1),
            next == " " || next == "\n" || next == "," || next == "]" || next == "}"
          {
            break
          }
          if scalar == "#", end > offset, parser.scalars[end - 1] == " " { break }
          end += 1
        }
        let text = String(String.UnicodeScalarView(parser.scalars[offset..<end])).trimmingCharacters(in: .whitespaces)
        offset = end
        node = YAMLNode(content: .scalar(SourceString(text, line: line), plain: true), line: line, column: column)
      }
      if let anchor { anchors[anchor] = node }
      return node
    }
  }
}
