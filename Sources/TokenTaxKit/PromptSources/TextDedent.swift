import Foundation

/// The whitespace functions that prompt code applies to its literals, exactly as the language's
/// library does them, on a `SourceString` so placeholders and line origins survive.
enum TextDedent {
  /// Python's `textwrap.dedent`: lines of only spaces and tabs become empty, then the longest
  /// common leading whitespace of the other lines is removed from every line.
  static func pythonDedent(_ value: SourceString) -> SourceString {
    var lines = value.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    lines = lines.map { $0.allSatisfy { $0 == " " || $0 == "\t" } ? "" : $0 }
    var margin: [Character]?
    for line in lines where !line.isEmpty {
      let indent = Array(line.prefix { $0 == " " || $0 == "\t" })
      guard let current = margin else {
        margin = indent
        continue
      }
      var common = 0
      while common < current.count, common < indent.count, current[common] == indent[common] { common += 1 }
      margin = Array(current.prefix(common))
    }
    let cut = margin?.count ?? 0
    let dedented = lines.map { $0.isEmpty ? $0 : String($0.dropFirst(cut)) }
    var result = value
    result.replaceText(dedented.joined(separator: "\n"), keptLines: Array(lines.indices))
    return result
  }

  /// Python's `inspect.cleandoc`: tabs expanded, the first line's leading whitespace removed, the
  /// smallest indentation of the later non-blank lines removed from them, then blank lines at the
  /// start and end dropped.
  static func pythonCleandoc(_ value: SourceString) -> SourceString {
    var lines = value.text.split(separator: "\n", omittingEmptySubsequences: false).map { expandTabs(String($0)) }
    var margin = Int.max
    for line in lines.dropFirst() {
      let content = line.drop { $0 == " " }
      if !content.isEmpty { margin = min(margin, line.count - content.count) }
    }
    if !lines.isEmpty { lines[0] = String(lines[0].drop { $0 == " " || $0 == "\t" }) }
    if margin < Int.max {
      for index in lines.indices.dropFirst() { lines[index] = String(lines[index].dropFirst(margin)) }
    }
    var kept = Array(lines.indices)
    while let last = kept.last, lines[last].isEmpty { kept.removeLast() }
    while let first = kept.first, lines[first].isEmpty { kept.removeFirst() }
    var result = value
    result.replaceText(kept.map { lines[$0] }.joined(separator: "\n"), keptLines: kept)
    return result
  }

  /// `str.expandtabs()` with its default tab size of 8.
  static func expandTabs(_ line: String) -> String {
    guard line.contains("\t") else { return line }
    var output = ""
    var column = 0
    for character in line {
      if character == "\t" {
        let spaces = 8 - column % 8
        output += String(repeating: " ", count: spaces)
        column += spaces
      } else {
        output.append(character)
        column += 1
      }
    }
    return output
  }

  /// `str.strip()` / JavaScript's `trim()`: whitespace (newlines included) off one or both ends.
  static func strip(_ value: SourceString, leading: Bool = true, trailing: Bool = true) -> SourceString {
    var characters = Array(value.text)
    let lineCount = value.lineOrigins.count
    var firstLine = 0
    if leading {
      var drop = 0
      while drop < characters.count, characters[drop].isWhitespace {
        if characters[drop] == "\n" { firstLine += 1 }
        drop += 1
      }
      characters.removeFirst(drop)
    }
    var lastLine = lineCount - 1
    if trailing {
      while let last = characters.last, last.isWhitespace {
        if last == "\n" { lastLine -= 1 }
        characters.removeLast()
      }
    }
    var result = value
    result.replaceText(String(characters), keptLines: firstLine <= lastLine ? Array(firstLine...lastLine) : [firstLine])
    return result
  }
}
