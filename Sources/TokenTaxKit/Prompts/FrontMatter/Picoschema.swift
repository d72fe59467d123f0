import JSON

/// dotprompt's Picoschema (`output.schema`, `input.schema`) as the JSON Schema its reference
/// parser sends to the model.
///
/// `name: string, what it is` is a described scalar; `name?:` is optional (not required, and
/// may be null); `name(array, …): type-or-fields`, `name(object, …): fields` and
/// `name(enum, …): [values]` are the compound forms; `(*): type` types the other keys; an object
/// otherwise admits no other keys. At the top level, a node with a JSON Schema `type` passes
/// through and one with `properties` is an object schema.
enum Picoschema {
  static let scalarTypes: Set<String> = ["string", "number", "integer", "boolean", "null", "any"]

  /// The JSON Schema for `node`; nil when it names a schema registered in code (`MySchema`).
  static func jsonSchema(_ node: JSONValue) -> JSONValue? {
    switch node {
    case .string(let text):
      let (type, description) = typeAndDescription(text)
      return scalarTypes.contains(type) ? scalar(type, description: description) : nil
    case .object(let members):
      // At the top level a `type` or `properties` means JSON Schema; below it, Picoschema only.
      if let type = node["type"]?.stringValue, scalarTypes.contains(type) || type == "object" || type == "array" {
        return node
      }
      if case .object? = node["properties"] {
        var schema = members
        schema["type"] = nil
        schema["type"] = .string("object")
        return .object(schema)
      }
      return object(members)
    default:
      return nil
    }
  }

  /// `string, the greeting` → (`string`, `the greeting`): split at the first comma.
  private static func typeAndDescription(_ text: String) -> (String, String?) {
    guard let comma = text.firstIndex(of: ",") else { return (text, nil) }
    let description = text[text.index(after: comma)...].drop { $0 == " " }
    return (String(text[..<comma]), String(description))
  }

  private static func scalar(_ type: String, description: String?) -> JSONValue {
    var members: JSONObject = type == "any" ? [] : [("type", .string(type))]
    if let description { members["description"] = .string(description) }
    return .object(members)
  }

  private static func object(_ fields: JSONObject) -> JSONValue {
    var properties: JSONObject = []
    var required: [JSONValue] = []
    var others: JSONValue = .bool(false)
    for (key, value) in fields {
      if key == "(*)" {
        others = pico(value)
        continue
      }
      var name = key
      var kind: String?
      var description: String?
      if let open = key.firstIndex(of: "(") {
        name = String(key[..<open])
        let inside = key[key.index(after: open)...].dropLast()
        (kind, description) = typeAndDescription(String(inside))
      }
      let optional = name.hasSuffix("?")
      if optional { name.removeLast() }
      if !optional { required.append(.string(name)) }
      var property = kind.map { typed($0, value, optional: optional) } ?? nullable(pico(value), optional)
      if let description, case .object(var members) = property {
        members["description"] = nil
        members["description"] = .string(description)
        property = .object(members)
      }
      properties[name] = property
    }
    var members: JSONObject = [
      ("type", .string("object")), ("properties", .object(properties)),
    ]
    if !required.isEmpty { members["required"] = .array(required) }
    members["additionalProperties"] = others
    return .object(members)
  }

  /// A Picoschema value: a described scalar (or a named schema, sized as any value) or an object.
  private static func pico(_ value: JSONValue) -> JSONValue {
    switch value {
    case .string(let text):
      let (type, description) = typeAndDescription(text)
      return scalar(scalarTypes.contains(type) ? type : "any", description: description)
    case .object(let fields): return object(fields)
    default: return scalar("any", description: nil)
    }
  }

  /// An optional property may also be null: its one type becomes `[type, "null"]`.
  private static func nullable(_ schema: JSONValue, _ optional: Bool) -> JSONValue {
    guard optional, case .object(let members) = schema, let type = schema["type"]?.stringValue else {
      return schema
    }
    var nullable = members
    nullable["type"] = .array([.string(type), .string("null")])
    return .object(nullable)
  }

  /// `name(array)`, `name(object)` and `name(enum)`.
  private static func typed(_ kind: String, _ value: JSONValue, optional: Bool) -> JSONValue {
    switch kind {
    case "array":
      let type: JSONValue = optional ? .array([.string("array"), .string("null")]) : .string("array")
      return .object([("type", type), ("items", pico(value))])
    case "enum":
      guard case .array(var values) = value else { return scalar("any", description: nil) }
      if optional, !values.contains(.null) { values.append(.null) }
      return .object([("enum", .array(values))])
    default:
      return nullable(pico(value), optional)
    }
  }
}
