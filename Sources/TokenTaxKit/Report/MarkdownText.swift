/// Puts user-controlled text (feature ids, file and model names, messages) into GitHub-flavoured
/// markdown so it renders as the literal text: no markdown, HTML, @mentions or issue links.
enum MarkdownText {
  /// A code span: the safest container, since GitHub neither parses markdown or HTML nor links
  /// mentions inside it. `inTable` escapes `|`, which GFM splits cells on even inside code.
  static func code(_ text: String, inTable: Bool = false) -> String {
    var content = singleLine(text)
    if content.isEmpty { return "(empty)" }
    if inTable { content = content.replacingOccurrences(of: "|", with: "\\|") }
    let longestRun = content.split(omittingEmptySubsequences: true) { $0 != "`" }.map(\.count).max() ?? 0
    let fence = String(repeating: "`", count: longestRun + 1)
    // A span that starts or ends with a backtick needs a space so the fence is not extended.
    let padded = content.hasPrefix("`") || content.hasSuffix("`") || (content.hasPrefix(" ") && content.hasSuffix(" "))
    return padded ? "\(fence) \(content) \(fence)" : "\(fence)\(content)\(fence)"
  }

  /// Prose: the punctuation that could start emphasis, code, links, HTML, entities, tables or math
  /// is backslash-escaped, and a
  /// word joiner after `@` and `#` stops GitHub's mention and issue-reference linking, which runs
  /// on the rendered text and so is not stopped by a backslash.
  static func text(_ text: String) -> String {
    var out = ""
    for character in singleLine(text) {
      switch character {
      case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "~", "&", "$":
        out += "\\" + String(character)
      case "@", "#":
        out += String(character) + "\u{2060}"
      default:
        out.append(character)
      }
    }
    return out
  }

  /// Our own money: `$` is escaped because GitHub renders `$…$` as math.
  static func money(_ formatted: String) -> String {
    formatted.replacingOccurrences(of: "$", with: "\\$")
  }

  /// Newlines and other control characters become spaces: one table cell, one list item.
  private static func singleLine(_ text: String) -> String {
    SafeText.escaped(
      String(
        String.UnicodeScalarView(
          text.unicodeScalars.map { scalar in
            scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}" ? " " : scalar
          })))
  }
}
