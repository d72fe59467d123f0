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
    var parameters: OrderedJSON?
  }

  var tools: [Tool] = []
  var outputSchema: OrderedJSON?
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
    for var list in [root.member("tools"), root.member("model")?.member("parameters")?.member("tools")] {
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
    var format = root.member("model")?.member("parameters")?.member("response_format")
    if let reference = format?.stringValue, let loaded = try frontMatter.referencedJSON(reference) { format = loaded }
    if let jsonSchema = format?.member("json_schema"), let schema = jsonSchema.member("schema") {
      // prompty passes `model.parameters` to the API as they are: OpenAI's structured output.
      outputSchema = schema
      outputSchemaName = jsonSchema.member("name")?.stringValue ?? outputSchemaName
    } else if let schema = root.member("output")?.member("schema") {
      if let json = Picoschema.jsonSchema(schema) {
        outputSchema = json
      } else {
        notes.append(
          "output schema '\(SafeText.quoted(schema.stringValue ?? "", limit: 80))' is registered in code, so it is not counted"
        )
      }
    }
  }

  private mutating func read(tool item: OrderedJSON, named: inout [String]) {
    if let name = item.stringValue {
      named.append(name)
      return
    }
    let function = item.member("function") ?? item
    guard let name = function.member("name")?.stringValue else { return }
    if let kind = item.member("kind")?.stringValue ?? item.member("type")?.stringValue, kind != "function" {
      notes.append("tool '\(name)' (\(kind)) is not counted: only function tools have a definition in the file")
      return
    }
    tools.append(
      Tool(
        name: name, description: function.member("description")?.stringValue,
        parameters: function.member("parameters").map(Self.parameterSchema)))
  }

  /// AgentSchema's `properties` (a mapping or a list of named properties with `kind`) as JSON
  /// Schema; JSON Schema as it is.
  static func parameterSchema(_ node: OrderedJSON) -> OrderedJSON {
    guard node.member("type") == nil, let properties = node.member("properties") else { return node }
    var entries: [(key: String, value: OrderedJSON)] = []
    switch properties {
    case .object(let members): entries = members
    case .array(let items):
      entries = items.compactMap { item in item.member("name")?.stringValue.map { ($0, item) } }
    default: return node
    }
    var schema: [(key: String, value: OrderedJSON)] = []
    var required: [OrderedJSON] = []
    for (name, property) in entries {
      var members: [(key: String, value: OrderedJSON)] = []
      if let type = property.member("kind") ?? property.member("type") { members.append(("type", type)) }
      if let description = property.member("description") { members.append(("description", description)) }
      if let values = property.member("enumValues") ?? property.member("enum") { members.append(("enum", values)) }
      schema.append((name, .object(members)))
      if property.member("required") == .bool(true) { required.append(.string(name)) }
    }
    return .object([("type", .string("object")), ("properties", .object(schema)), ("required", .array(required))])
  }

  /// A YAML node as the JSON value a YAML loader gives: plain `true`, `null` and numbers typed.
  static func json(_ node: YAMLNode) -> OrderedJSON {
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
    case .mapping(let entries): return .object(entries.map { ($0.key, json($0.value)) })
    case .sequence(let items): return .array(items.map(json))
    }
  }
}
