import Foundation

/// Decodes JavaScript string and template literal text as the language does.
enum ScriptLiteral {
  /// A quoted string token (quotes included).
  static func decode(quoted token: ScriptToken) -> SourceString {
    var scalars = Array(token.text.unicodeScalars)
    if let first = scalars.first, first == "\"" || first == "'" { scalars.removeFirst() }
    if let last = scalars.last, last == "\"" || last == "'", !scalars.isEmpty { scalars.removeLast() }
    return decode(scalars, line: token.line)
  }

  /// The text between `${…}` expressions of a template literal.
  static func decode(chunk: String, line: Int) -> SourceString {
    decode(Array(chunk.unicodeScalars), line: line)
  }

  private static func decode(_ scalars: [Unicode.Scalar], line start: Int) -> SourceString {
    var value = SourceString(line: start)
    var line = start
    var index = 0
    func hex(_ count: Int) -> Unicode.Scalar? {
      guard index + count <= scalars.count else { return nil }
      var text = ""
      text.unicodeScalars.append(contentsOf: scalars[index..<(index + count)])
      guard let code = UInt32(text, radix: 16), let scalar = Unicode.Scalar(code) else { return nil }
      index += count
      return scalar
    }
    while index < scalars.count {
      // A run of ordinary characters goes in as one string: appending them one by one
      // dominated long prompts.
      let run = index
      while index < scalars.count, scalars[index] != "\\", scalars[index] != "\r", scalars[index] != "\n" { index += 1 }
      if index > run {
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars[run..<index])
        value.append(text, line: line)
        continue
      }
      let scalar = scalars[index]
      index += 1
      if scalar == "\r" {
        // Template literals normalise CR LF and CR to LF.
        if index < scalars.count, scalars[index] == "\n" { index += 1 }
        value.append("\n", line: line)
        line += 1
        value.startsLine(at: line)
        continue
      }
      if scalar == "\n" {
        value.append("\n", line: line)
        line += 1
        value.startsLine(at: line)
        continue
      }
      guard scalar == "\\", index < scalars.count else {
        value.append(Character(scalar), line: line)
        continue
      }
      let next = scalars[index]
      index += 1
      switch next {
      case "n": value.append("\n", line: line)
      case "t": value.append("\t", line: line)
      case "r": value.append("\r", line: line)
      case "b": value.append("\u{08}", line: line)
      case "f": value.append("\u{0C}", line: line)
      case "v": value.append("\u{0B}", line: line)
      case "0" where !(index < scalars.count && ("0"..."9").contains(scalars[index])): value.append("\u{0}", line: line)
      case "\n": line += 1  // a line continuation
      case "\r":
        if index < scalars.count, scalars[index] == "\n" { index += 1 }
        line += 1
      case "x":
        if let decoded = hex(2) { value.append(Character(decoded), line: line) } else { value.append("x", line: line) }
      case "u":
        if index < scalars.count, scalars[index] == "{" {
          let close = scalars[index...].firstIndex(of: "}") ?? index
          var digits = ""
          digits.unicodeScalars.append(contentsOf: scalars[(index + 1)..<max(index + 1, close)])
          if let code = UInt32(digits, radix: 16), let decoded = Unicode.Scalar(code) {
            value.append(Character(decoded), line: line)
            index = close + 1
          } else {
            value.append("u", line: line)
          }
        } else if let high = hex(4) {
          value.append(Character(high), line: line)
        } else if index + 4 <= scalars.count, let decoded = surrogatePair(scalars, at: &index) {
          value.append(Character(decoded), line: line)
        } else {
          value.append("u", line: line)
        }
      default:
        value.append(Character(next), line: line)
      }
    }
    return value
  }

  /// `\uD83D\uDE00`: the pair `Unicode.Scalar` cannot take one half of, decoded together.
  private static func surrogatePair(_ scalars: [Unicode.Scalar], at index: inout Int) -> Unicode.Scalar? {
    func read(_ at: Int) -> UInt32? {
      guard at + 4 <= scalars.count else { return nil }
      var text = ""
      text.unicodeScalars.append(contentsOf: scalars[at..<(at + 4)])
      return UInt32(text, radix: 16)
    }
    guard let high = read(index), (0xD800...0xDBFF).contains(high), index + 10 <= scalars.count,
      scalars[index + 4] == "\\", scalars[index + 5] == "u", let low = read(index + 6), (0xDC00...0xDFFF).contains(low)
    else { return nil }
    index += 10
    return Unicode.Scalar(0x10000 + (high - 0xD800) << 10 + (low - 0xDC00))
  }

  /// The `dedent` template tags (ts-dedent, outdent): the first line break and the last line's
  /// indentation dropped, then the common indentation of the lines removed.
  static func tagDedent(_ value: SourceString) -> SourceString {
    var lines = value.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var kept = Array(lines.indices)
    if let first = kept.first, lines[first].allSatisfy({ $0 == " " || $0 == "\t" }), kept.count > 1 {
      kept.removeFirst()
    }
    if let last = kept.last, lines[last].allSatisfy({ $0 == " " || $0 == "\t" }), kept.count > 1 { kept.removeLast() }
    let margin =
      kept.filter { !lines[$0].allSatisfy { $0 == " " || $0 == "\t" } }
      .map { lines[$0].prefix { $0 == " " || $0 == "\t" }.count }.min() ?? 0
    for index in kept {
      lines[index] = String(lines[index].dropFirst(min(margin, lines[index].prefix { $0 == " " || $0 == "\t" }.count)))
    }
    var result = value
    result.replaceText(kept.map { lines[$0] }.joined(separator: "\n"), keptLines: kept)
    return result
  }
}
