/// Mustache's and Handlebars' standalone lines: a line holding nothing but one block tag
/// (`{{#each xs}}`, `{{/if}}`, `{{else}}`, `{{^x}}`), comment or partial and whitespace is not
/// output at all — neither its indentation nor its newline. A standalone partial keeps the
/// indentation (the engines indent the partial's lines by it). Jinja has no such rule
/// (`trim_blocks` is off by default), so only mustache tokens go through here.
enum StandaloneLines {
  static func remove(from tokens: [TemplateToken]) -> [TemplateToken] {
    var trimEnd = Set<Int>()
    var trimStart = Set<Int>()
    for (index, token) in tokens.enumerated() {
      let partial: Bool
      switch token {
      case .statement(let content, _): partial = content.hasPrefix(">")
      case .comment: partial = false
      default: continue
      }
      guard startsLine(tokens, before: index), endsLine(tokens, after: index) else { continue }
      if !partial, index > 0, case .text = tokens[index - 1] { trimEnd.insert(index - 1) }
      if index + 1 < tokens.count, case .text = tokens[index + 1] { trimStart.insert(index + 1) }
    }
    guard !trimEnd.isEmpty || !trimStart.isEmpty else { return tokens }
    return tokens.enumerated().compactMap { index, token in
      guard case .text(var text, var line) = token else { return token }
      if trimStart.contains(index) {
        let blank = text.prefix { $0 == " " || $0 == "\t" }
        var rest = text.dropFirst(blank.count)
        if rest.first == "\r\n" || rest.first == "\n" {
          rest = rest.dropFirst()
          line += 1
        }
        text = String(rest)
      }
      if trimEnd.contains(index) {
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
      }
      return text.isEmpty ? nil : .text(text, line: line)
    }
  }

  private static func isBlank(_ text: Substring) -> Bool { text.allSatisfy { $0 == " " || $0 == "\t" } }

  /// Only whitespace between the start of the tag's line and the tag.
  private static func startsLine(_ tokens: [TemplateToken], before index: Int) -> Bool {
    guard index > 0 else { return true }
    switch tokens[index - 1] {
    case .roleLine: return true
    case .text(let text, _):
      if let newline = text.lastIndex(where: { $0 == "\n" || $0 == "\r\n" }) {
        return isBlank(text[text.index(after: newline)...])
      }
      return isBlank(text[...]) && startsLine(tokens, before: index - 1)
    default: return false
    }
  }

  /// Only whitespace between the tag and the end of its line.
  private static func endsLine(_ tokens: [TemplateToken], after index: Int) -> Bool {
    guard index + 1 < tokens.count else { return true }
    switch tokens[index + 1] {
    case .roleLine: return true
    case .text(let text, _):
      let rest = text.drop { $0 == " " || $0 == "\t" }
      if let first = rest.first { return first == "\n" || first == "\r\n" }
      return endsLine(tokens, after: index + 1)
    default: return false
    }
  }
}
