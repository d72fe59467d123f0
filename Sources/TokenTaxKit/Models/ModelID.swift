/// The spellings a model id is written in, reduced step by step towards the table's ids.
///
/// Traces and configs name one model many ways: `gpt-5-2025-08-07`, `openai/gpt-5`,
/// `us.anthropic.claude-sonnet-4-5-20250929-v1:0` (Bedrock), `claude-sonnet-4-5@20250929`
/// (Vertex), `claude-3-5-sonnet-latest`, `anthropic/claude-sonnet-4.5` (OpenRouter). Each step
/// strips one kind of decoration; the table tries every intermediate form, most literal first,
/// so an explicit row or alias (`gpt-4o-2024-05-13` has its own price) always wins.
enum ModelID {
  /// Lookup keys for `raw`, most literal first, without duplicates.
  static func candidates(_ raw: String) -> [String] {
    let forms = steps(raw)
    var out: [String] = []
    for key in forms + [dashedVersion(forms.last ?? raw)] where !key.isEmpty && !out.contains(key) {
      out.append(key)
    }
    return out
  }

  /// `raw` with every decoration stripped: what "did you mean" compares.
  static func base(_ raw: String) -> String { steps(raw).last ?? raw }

  private static func steps(_ raw: String) -> [String] {
    var trimmed = Substring(raw)
    while trimmed.first?.isWhitespace == true { trimmed.removeFirst() }
    while trimmed.last?.isWhitespace == true { trimmed.removeLast() }
    var id = String(trimmed)
    var out = [id]
    id = id.lowercased()
    out.append(id)
    if let slash = id.lastIndex(of: "/") { id = String(id[id.index(after: slash)...]) }  // provider/model
    out.append(id)
    if let at = id.firstIndex(of: "@") { id = String(id[..<at]) }  // Vertex: claude-…@20250929
    out.append(id)
    id = dropBedrockDecoration(id)
    out.append(id)
    for suffix in ["-maas", "-latest"] where id.hasSuffix(suffix) { id.removeLast(suffix.count) }
    out.append(id)
    out.append(dropDate(id))
    return out
  }

  /// `us.anthropic.claude-…-v1:0` → `claude-…`: the cross-region prefix, the vendor, the version.
  static func dropBedrockDecoration(_ id: String) -> String {
    var parts = id.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
    if parts.count == 3, regions.contains(parts[0]), vendors.contains(parts[1]) {
      parts.removeFirst()
    }
    guard parts.count >= 2, vendors.contains(parts[0]) else { return id }
    var model = parts.dropFirst().joined(separator: ".")
    if let colon = model.lastIndex(of: ":"), model[model.index(after: colon)...].allSatisfy(isDigit) {
      model = String(model[..<colon])
    }
    if let dash = model.range(of: "-v", options: .backwards),
      !model[dash.upperBound...].isEmpty, model[dash.upperBound...].allSatisfy(isDigit)
    {
      model = String(model[..<dash.lowerBound])
    }
    return model
  }

  /// Drops a trailing release date: `-20250929`, `-2025-08-07`, or a four-digit `-0613`.
  static func dropDate(_ id: String) -> String {
    let characters = Array(id)
    func digits(_ range: Range<Int>) -> Bool { range.allSatisfy { isDigit(characters[$0]) } }
    let n = characters.count
    if n > 11, characters[n - 11] == "-", characters[n - 6] == "-", characters[n - 3] == "-",
      digits(n - 10..<n - 6), digits(n - 5..<n - 3), digits(n - 2..<n)
    {
      return String(characters[..<(n - 11)])
    }
    for length in [8, 4] where n > length + 1 && characters[n - length - 1] == "-" && digits(n - length..<n) {
      return String(characters[..<(n - length - 1)])
    }
    return id
  }

  /// `claude-sonnet-4.5` → `claude-sonnet-4-5`: OpenRouter writes Claude versions with dots.
  static func dashedVersion(_ id: String) -> String {
    var characters = Array(id)
    for index in characters.indices.dropFirst().dropLast()
    where characters[index] == "." && isDigit(characters[index - 1]) && isDigit(characters[index + 1]) {
      characters[index] = "-"
    }
    return String(characters)
  }

  private static func isDigit(_ character: Character) -> Bool { character.isASCII && character.isNumber }

  private static let regions: Set<String> = ["us", "eu", "apac", "ap", "global", "au", "jp", "ca", "us-gov"]
  private static let vendors: Set<String> = [
    "anthropic", "meta", "mistral", "deepseek", "amazon", "cohere", "ai21", "openai", "xai", "google", "qwen",
  ]
}
