import Foundation

/// The YAML front matter of `.prompt` (dotprompt) and `.prompty` files.
///
/// Only the model is read, with a line-based reader: tokentax needs one scalar, not YAML.
struct FrontMatter {
  var model: String?
  /// The text after the closing `---`, and the line it starts on.
  var body: String
  var bodyLine: Int

  /// The model a dotprompt or prompty file's front matter names; nil for other files.
  static func model(in text: String, file: String) -> String? {
    file.hasSuffix(".prompt") || file.hasSuffix(".prompty") ? FrontMatter(text).model : nil
  }

  init(_ text: String) {
    model = nil
    body = text
    bodyLine = 1
    guard text.hasPrefix("---\n") || text.hasPrefix("---\r\n") else { return }
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    guard let close = lines.dropFirst().firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "---" }) else { return }
    let header = lines[1..<close]
    model = FrontMatter.model(in: header)
    body = lines[(close + 1)...].joined(separator: "\n")
    bodyLine = close + 2
  }

  /// dotprompt: `model: googleai/gemini-2.5-flash`; prompty: `model:` then an indented
  /// `configuration:` with `azure_deployment:`, `name:` or `model:`.
  private static func model(in lines: ArraySlice<Substring>) -> String? {
    var inModelBlock = false
    for raw in lines {
      let line = raw.replacingOccurrences(of: "\r", with: "")
      let indented = line.first == " " || line.first == "\t"
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      guard let colon = trimmed.firstIndex(of: ":") else { continue }
      let key = trimmed[..<colon]
      let value = unquote(trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces))
      if !indented {
        inModelBlock = key == "model" && value.isEmpty
        if key == "model", !value.isEmpty { return stripProvider(value) }
      } else if inModelBlock, ["azure_deployment", "name", "model", "deployment"].contains(key), !value.isEmpty {
        return stripProvider(value)
      }
    }
    return nil
  }

  private static func unquote(_ text: String) -> String {
    var value = text
    if let hash = value.range(of: " #") { value = String(value[..<hash.lowerBound]) }
    value = value.trimmingCharacters(in: .whitespaces)
    if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
      value = String(value.dropFirst().dropLast())
    }
    return value
  }

  /// `googleai/gemini-2.5-flash` → `gemini-2.5-flash`: Genkit plugin prefixes are not model ids.
  private static func stripProvider(_ model: String) -> String {
    for prefix in ["googleai/", "vertexai/", "openai/", "anthropic/"] where model.hasPrefix(prefix) {
      return String(model.dropFirst(prefix.count))
    }
    return model
  }
}
