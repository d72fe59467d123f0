import Foundation

/// The YAML front matter of `.prompt` (dotprompt) and `.prompty` files.
///
/// Read with a line-based reader of nested block mappings: tokentax needs a few scalars (the
/// model, input defaults, the output limit), not YAML.
struct FrontMatter {
  var model: String?
  /// Every scalar of a block mapping by its dotted path (`input.default.tone`).
  var values: [String: String] = [:]
  /// The text after the closing `---`, and the line it starts on.
  var body: String
  var bodyLine: Int
  /// The YAML between the `---` lines, and the file line its first line is on.
  var header = ""
  var headerLine = 1

  /// dotprompt and prompty files open with front matter.
  static func applies(to file: String) -> Bool { file.hasSuffix(".prompt") || file.hasSuffix(".prompty") }

  init(_ text: String) {
    model = nil
    body = text
    bodyLine = 1
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    // dotprompt allows comment lines (a license header) and blank lines before the front matter.
    guard
      let open = lines.firstIndex(where: { line in
        let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
        return !trimmed.isEmpty && !trimmed.hasPrefix("#")
      }), lines[open].trimmingCharacters(in: .whitespacesAndNewlines) == "---"
    else { return }
    guard
      let close = lines[(open + 1)...].firstIndex(where: { $0.trimmingCharacters(in: .whitespacesAndNewlines) == "---" }
      )
    else { return }
    let header = lines[(open + 1)..<close]
    self.header = header.joined(separator: "\n")
    headerLine = open + 2
    model = FrontMatter.model(in: header)
    values = FrontMatter.scalars(in: header)
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
        if key == "model", !value.isEmpty { return literalModel(value) }
      } else if inModelBlock, ["azure_deployment", "name", "model", "deployment"].contains(key), !value.isEmpty,
        let model = literalModel(value)
      {
        return model
      }
    }
    return nil
  }

  /// Example or default values of the inputs, by placeholder name: dotprompt's
  /// `input.default.x`, prompty's `sample.x` and `inputs.x.default`.
  var defaults: [String: String] {
    var result: [String: String] = [:]
    for (path, value) in values {
      let parts = path.split(separator: ".").map(String.init)
      if parts.count == 3, parts[0] == "input", parts[1] == "default" { result[parts[2]] = value }
      if parts.count == 2, parts[0] == "sample" { result[parts[1]] = value }
      if parts.count == 3, parts[0] == "inputs", parts[2] == "default", result[parts[1]] == nil {
        result[parts[1]] = value
      }
    }
    return result
  }

  /// The output limit the file sets: prompty's `model.parameters.max_tokens`, dotprompt's
  /// `config.maxOutputTokens`.
  var maxOutputTokens: Int? {
    ["model.parameters.max_tokens", "config.maxOutputTokens", "model.parameters.max_completion_tokens"].lazy
      .compactMap { values[$0].flatMap { Int($0) } }.first
  }

  /// Scalars of nested block mappings by dotted path; `|` and `>` block scalars are joined.
  /// Lists and flow collections are skipped.
  private static func scalars(in lines: ArraySlice<Substring>) -> [String: String] {
    var result: [String: String] = [:]
    var parents: [(indent: Int, key: String)] = []
    var block: (path: String, indent: Int, folded: Bool, lines: [String])?
    func finishBlock() {
      if let open = block { result[open.path] = open.lines.joined(separator: open.folded ? " " : "\n") }
      block = nil
    }
    for raw in lines {
      let line = raw.replacingOccurrences(of: "\r", with: "")
      let indent = line.prefix { $0 == " " }.count
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if let open = block {
        if trimmed.isEmpty || indent > open.indent {
          block?.lines.append(String(line.dropFirst(min(indent, open.indent + 2))))
          continue
        }
        finishBlock()
      }
      guard !trimmed.isEmpty, !trimmed.hasPrefix("#"), !trimmed.hasPrefix("-"), let colon = trimmed.firstIndex(of: ":")
      else { continue }
      while let last = parents.last, last.indent >= indent { parents.removeLast() }
      let key = String(trimmed[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "\"' "))
      let value = unquote(trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces))
      let path = (parents.map(\.key) + [key]).joined(separator: ".")
      if value.isEmpty {
        parents.append((indent, key))
      } else if let marker = value.first, marker == "|" || marker == ">", value.count <= 3 {
        block = (path, indent, marker == ">", [])
      } else if !value.hasPrefix("[") && !value.hasPrefix("{") {
        result[path] = value
      }
    }
    finishBlock()
    return result
  }

  /// `${env:AZURE_OPENAI_DEPLOYMENT}` (prompty) is filled in at run time: not a model id.
  private static func literalModel(_ value: String) -> String? {
    value.hasPrefix("${") ? nil : stripProvider(value)
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
