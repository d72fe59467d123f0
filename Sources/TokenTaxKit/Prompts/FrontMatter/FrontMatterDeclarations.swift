import JSON

/// What a dotprompt or prompty front matter declares beside the template that the provider
/// bills as input: tool definitions and an output schema.
///
/// Read: `tools` (dotprompt's names of tools defined in code; prompty's definitions, as
/// `{name, description, parameters}`, AgentSchema's `kind: function` with `properties`, or
/// OpenAI's `{type: function, function: {…}}`), prompty's `model.parameters.tools` and
/// `model.parameters.response_format` (a `json_schema`), and dotprompt's `output.schema`
/// (Picoschema or JSON Schema). A `${file:…}` value is the named file's JSON. What
/// cannot be sized from the files — a tool defined in code, a schema registered by name, a value
/// filled in at run time — is a note.
struct FrontMatterDeclarations {
  struct Tool {
    var name: String
    var description: String?
    /// JSON Schema of the arguments.
    var parameters: JSONValue?
  }

  var tools: [Tool] = []
  var outputSchema: JSONValue?
  /// The schema's name where the file gives one (OpenAI's `json_schema.name`).
  var outputSchemaName = "output"
  /// Why something declared is not counted.
  var notes: [String] = []

  var isEmpty: Bool { tools.isEmpty && outputSchema == nil }

  /// Nothing declared: the request a declaration's tokens are measured against.
  static var none: FrontMatterDeclarations { FrontMatterDeclarations() }

  private init() {}

  /// Reads the front matter's YAML; `file` names it in errors, whose lines are the file's.
  init(_ frontMatter: FrontMatter, file: String) throws {
    guard ["tools", "output", "response_format"].contains(where: frontMatter.header.contains) else { return }
    let text = String(repeating: "\n", count: frontMatter.headerLine - 1) + frontMatter.header
    var parser = YAMLParser(text, file: file)
    guard let root = try parser.documents().first.map(Self.json) else { return }
    var named: [String] = []
    for var list in [root["tools"], root["model"]?["parameters"]?["tools"]] {
      if let reference = list?.stringValue, let loaded = try frontMatter.referencedJSON(reference) { list = loaded }
      switch list {
      case .array(let items)?:
        for item in items { read(tool: item, named: &named) }
      case .string(let value)?:
        notes.append("tools '\(SafeText.quoted(value, limit: 80))' are filled in at run time, so they are not counted")
      default:
        break
      }
    }
    if !named.isEmpty {
      notes.append(
        "tools \(named.joined(separator: ", ")) are defined in code, so their definitions are not counted; "
          + "give them as a request part to count them")
    }
    var format = root["model"]?["parameters"]?["response_format"]
    if let reference = format?.stringValue, let loaded = try frontMatter.referencedJSON(reference) { format = loaded }
    if let jsonSchema = format?["json_schema"], let schema = jsonSchema["schema"] {
      // prompty passes `model.parameters` to the API as they are: OpenAI's structured output.
      outputSchema = schema
      outputSchemaName = jsonSchema["name"]?.stringValue ?? outputSchemaName
    } else if let schema = root["output"]?["schema"] {
      if let json = Picoschema.jsonSchema(schema) {
        outputSchema = json
      } else {
        notes.append(
          "output schema '\(SafeText.quoted(schema.stringValue ?? "", limit: 80))' is registered in code, so it is not counted"
        )
      }
    }
  }

  private mutating func read(tool item: JSONValue, named: inout [String]) {
    if let name = item.stringValue {
      named.append(name)
      return
    }
    let function = item["function"] ?? item
    guard let name = function["name"]?.stringValue else { return }
    if let kind = item["kind"]?.stringValue ?? item["type"]?.stringValue, kind != "function" {
      notes.append("tool '\(name)' (\(kind)) is not counted: only function tools have a definition in the file")
      return
    }
    tools.append(
      Tool(
        name: name, description: function["description"]?.stringValue,
        parameters: function["parameters"].map(Self.parameterSchema)))
  }

  /// AgentSchema's `properties` (a mapping or a list of named properties with `kind`) as JSON
  /// Schema; JSON Schema as it is.
  static func parameterSchema(_ node: JSONValue) -> JSONValue {
    guard node["type"] == nil, let properties = node["properties"] else { return node }
    var entries: JSONObject = []
    switch properties {
    case .object(let members): entries = members
    case .array(let items):
      entries = JSONObject(items.compactMap { item in item["name"]?.stringValue.map { (key: $0, value: item) } })
    default: return node
    }
    var schema: JSONObject = []
    var required: [JSONValue] = []
    for (name, property) in entries {
      var members: JSONObject = []
      if let type = property["kind"] ?? property["type"] { members["type"] = type }
      if let description = property["description"] { members["description"] = description }
      if let values = property["enumValues"] ?? property["enum"] { members["enum"] = values }
      schema[name] = .object(members)
      if property["required"] == .bool(true) { required.append(.string(name)) }
    }
    return .object([("type", .string("object")), ("properties", .object(schema)), ("required", .array(required))])
  }

  /// A YAML node as the JSON value a YAML loader gives: plain `true`, `null` and numbers typed.
  static func json(_ node: YAMLNode) -> JSONValue {
    switch node.content {
    case .scalar(let value, let plain):
      guard plain else { return .string(value.text) }
      switch value.text {
      case "", "~", "null", "Null", "NULL": return .null
      case "true", "True", "TRUE": return .bool(true)
      case "false", "False", "FALSE": return .bool(false)
      default:
        if case .number? = try? JSONParser().parse(value.text) { return .number(value.text) }
        return .string(value.text)
      }
    case .mapping(let entries): return .object(JSONObject(entries.map { (key: $0.key, value: json($0.value)) }))
    case .sequence(let items): return .array(items.map(json))
    }
  }
}
