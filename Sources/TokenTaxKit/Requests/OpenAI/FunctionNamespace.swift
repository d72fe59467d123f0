import Foundation
import JSON

/// Renders function definitions the way OpenAI's chat format shows them to the model: a
/// TypeScript `namespace functions` in the system message, not the JSON the request carries.
///
/// The shape follows OpenAI's published renderer for gpt-oss (`openai/harmony`,
/// `json_schema_to_typescript`), checked against recorded `prompt_tokens`: titles, examples
/// and defaults become comments, nested objects indent by four. cl100k-era models (gpt-3.5,
/// gpt-4) show an older form: descriptions on top-level properties only, two-space nesting,
/// enum values of numbers spelled out (reproduced from `hmarr/openai-chat-tokens`, whose test
/// cases were checked against the API).
struct FunctionNamespace {
  enum Style { case typescript, legacy }

  let style: Style

  func render(_ functions: [FunctionDefinition]) -> String {
    var lines = ["namespace functions {", ""]
    for function in functions {
      if let description = function.description { lines += FunctionNamespace.comment(description) }
      if let parameters = function.parameters?.objectValue, hasProperties(parameters) {
        switch style {
        case .typescript:
          let scope = Scope(root: parameters)
          // The parameters object's own title and description go before its brace, as in harmony
          // (the description on a line of its own: recorded calls bill the newline).
          let heading =
            (parameters["title"]?.stringValue.map { "// \($0)\n" } ?? "")
            + (parameters["description"]?.stringValue.map { "\n// \($0)\n" } ?? "")
          lines.append(
            "type \(function.name) = (_: " + heading + typeScript(.object(parameters), indent: "", scope)
              + ") => any;")
        case .legacy:
          lines.append("type \(function.name) = (_: {")
          lines.append(legacyProperties(parameters, indent: 0))
          lines.append("}) => any;")
        }
      } else {
        lines.append("type \(function.name) = () => any;")
      }
      lines.append("")
    }
    lines.append("} // namespace functions")
    return lines.joined(separator: "\n")
  }

  /// A description as comment lines: each non-blank line trimmed and behind `// ` (a multi-line
  /// docstring costs what this costs in recorded calls, not what its raw text would).
  static func comment(_ text: String) -> [String] {
    text.split(separator: "\n").compactMap { line in
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      return trimmed.isEmpty ? nil : "// " + trimmed
    }
  }

  /// Functions whose parameters list at least one property (rendered with an argument).
  func hasProperties(_ parameters: JSONObject) -> Bool {
    !(parameters["properties"]?.objectValue?.isEmpty ?? true)
  }

  /// Whether the first property of `function` is rendered without a comment above it.
  func startsWithBareProperty(_ function: FunctionDefinition) -> Bool {
    guard let parameters = function.parameters?.objectValue, let properties = parameters["properties"]?.objectValue,
      let first = properties.values.first
    else { return false }
    return first["title"] == nil && first["description"] == nil && first["examples"] == nil
  }

  // MARK: TypeScript (o200k models)

  /// The schema a function's parameters belong to, for `$ref`s into its `$defs`, and the
  /// references being expanded (a recursive schema renders as `any` where it recurs).
  struct Scope {
    var root: JSONObject
    var expanding: Set<String> = []
    /// Inside an array's `items`, where recorded calls show property titles are not rendered
    /// and a reference keeps the nesting it has elsewhere only as a property's direct value.
    var inItems = false

    func resolve(_ reference: String) -> JSONValue? {
      for key in ["$defs", "definitions"] where reference.hasPrefix("#/\(key)/") {
        let name = String(reference.dropFirst(key.count + 3))
        if let schema = root[key]?[name] { return schema }
      }
      return nil
    }
  }

  private func typeScript(_ schema: JSONValue, indent: String, _ scope: Scope) -> String {
    guard let object = schema.objectValue else { return "any" }
    if let reference = object["$ref"]?.stringValue {
      // Structured-output schemas reference shared definitions; the model sees them inlined.
      guard !scope.expanding.contains(reference), let target = scope.resolve(reference) else { return "any" }
      var inner = scope
      inner.expanding.insert(reference)
      let objectIndent = scope.inItems ? indent : String(indent.dropLast(4))
      let heading = target["title"]?.stringValue.map { "// \($0)\n\(objectIndent)" } ?? ""
      return heading + typeScript(target, indent: objectIndent, inner)
    }
    if let variants = object["oneOf"]?.arrayValue {
      return variants.map { variant in
        "\n\(indent) | "
          + typeScript(variant, indent: indent + "   ", scope)
      }.joined()
    }
    if let variants = object["anyOf"]?.arrayValue {
      return variants.map { typeScript($0, indent: indent, scope) }.joined(separator: " | ")
    }
    if let types = object["type"]?.arrayValue {
      return types.compactMap(\.stringValue).map { $0 == "integer" ? "number" : $0 }.joined(separator: " | ")
    }
    let declared = object["type"]?.stringValue
    if let values = object["enum"]?.arrayValue, !values.isEmpty, declared == nil || declared == "string" {
      return values.map(literal).joined(separator: " | ")
    }
    switch declared {
    case "object": return objectType(object, indent: indent, scope)
    case "string": return "string"
    case "number", "integer": return "number"
    case "boolean": return "boolean"
    case "null": return "null"
    case "array":
      guard let items = object["items"], items.objectValue != nil else { return "Array<any>" }
      var inner = scope
      inner.inItems = true
      return typeScript(items, indent: indent, inner) + "[]"
    default: return "any"
    }
  }

  private func objectType(_ object: JSONObject, indent: String, _ scope: Scope) -> String {
    var out = "{\n"
    let required = Set(object["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
    for (name, value) in object["properties"]?.objectValue ?? [:] {
      let property = value.objectValue ?? [:]
      var description = property["description"]?.stringValue
      if description == nil, !scope.inItems, let reference = property["$ref"]?.stringValue {
        description = scope.resolve(reference)?["description"]?.stringValue
      }
      let examples = property["examples"]?.arrayValue ?? []
      if !scope.inItems, let title = property["title"]?.stringValue {
        // An empty comment line separates a title from what follows it, and only then.
        out += "\(indent)// \(title)\n" + (description == nil && examples.isEmpty ? "" : "\(indent)//\n")
      }
      if let description { out += "\(indent)// \(description)\n" }
      if !examples.isEmpty {
        out += "\(indent)// Examples:\n"
        for example in examples.compactMap(\.stringValue) { out += "\(indent)// - \"\(example)\"\n" }
      }
      out += "\(indent)\(name)\(required.contains(name) ? "" : "?"): "
      out += typeScript(value, indent: indent + "    ", scope) + ","
      out += defaultComment(property) + "\n"
    }
    return out + indent + "}"
  }

  /// ` // default: VALUE` after a property with a `default` (strings quoted unless an enum's).
  private func defaultComment(_ property: JSONObject) -> String {
    guard let fallback = property["default"] else { return "" }
    if let text = fallback.stringValue {
      return property["enum"] == nil ? " // default: \"\(text)\"" : " // default: \(text)"
    }
    return " // default: " + JSONWriter.asWritten(fallback)
  }

  private func literal(_ value: JSONValue) -> String {
    if let text = value.stringValue { return "\"\(text)\"" }
    return JSONWriter.string(value, pretty: false)
  }

  // MARK: Legacy (cl100k models)

  private func legacyProperties(_ object: JSONObject, indent: Int) -> String {
    let required = Set(object["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
    var lines: [String] = []
    for (name, value) in object["properties"]?.objectValue ?? [:] {
      let description = indent < 2 ? value["description"]?.stringValue : nil
      if let title = value["title"]?.stringValue {
        lines += description == nil ? ["// " + title] : ["// " + title, "//"]
      }
      if let description { lines.append("// " + description) }
      let type = legacyType(value, indent: indent)
      let fallback = defaultComment(value.objectValue ?? [:])
      lines.append("\(name)\(required.contains(name) ? "" : "?"): \(type),\(fallback)")
    }
    let prefix = String(repeating: " ", count: indent)
    return lines.map { prefix + $0 }.joined(separator: "\n")
  }

  private func legacyType(_ schema: JSONValue, indent: Int) -> String {
    guard let object = schema.objectValue else { return "any" }
    if let variants = object["anyOf"]?.arrayValue {
      return variants.map { legacyType($0, indent: indent) }.joined(separator: " | ")
    }
    let values = object["enum"]?.arrayValue ?? []
    switch object["type"]?.stringValue {
    case "string":
      return values.isEmpty
        ? "string"
        : values.map { "\"\($0.stringValue ?? JSONWriter.string($0, pretty: false))\"" }.joined(separator: " | ")
    case "number", "integer":
      return values.isEmpty ? "number" : values.map { JSONWriter.string($0, pretty: false) }.joined(separator: " | ")
    case "boolean": return "boolean"
    case "null": return "null"
    case "object": return "{\n" + legacyProperties(object, indent: indent + 2) + "\n}"
    case "array":
      guard let items = object["items"] else { return "any[]" }
      return legacyType(items, indent: indent) + "[]"
    default: return "any"
    }
  }
}
