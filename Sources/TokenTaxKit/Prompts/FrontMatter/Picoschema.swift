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
  static func jsonSchema(_ node: OrderedJSON) -> OrderedJSON? {
    switch node {
    case .string(let text):
      let (type, description) = typeAndDescription(text)
      return scalarTypes.contains(type) ? scalar(type, description: description) : nil
    case .object(let members):
      // At the top level a `type` or `properties` means JSON Schema; below it, Picoschema only.
      if let type = node.member("type")?.stringValue, scalarTypes.contains(type) || type == "object" || type == "array"
      {
        return node
      }
      if case .object? = node.member("properties") {
        return .object(members.filter { $0.key != "type" } + [("type", .string("object"))])
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

  private static func scalar(_ type: String, description: String?) -> OrderedJSON {
    var members: [(key: String, value: OrderedJSON)] = type == "any" ? [] : [("type", .string(type))]
    if let description { members.append(("description", .string(description))) }
    return .object(members)
  }

  private static func object(_ fields: [(key: String, value: OrderedJSON)]) -> OrderedJSON {
    var properties: [(key: String, value: OrderedJSON)] = []
    var required: [OrderedJSON] = []
    var others: OrderedJSON = .bool(false)
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
      if let description, case .object(let members) = property {
        property = .object(members.filter { $0.key != "description" } + [("description", .string(description))])
      }
      properties.append((name, property))
    }
    var members: [(key: String, value: OrderedJSON)] = [
      ("type", .string("object")), ("properties", .object(properties)),
    ]
    if !required.isEmpty { members.append(("required", .array(required))) }
    members.append(("additionalProperties", others))
    return .object(members)
  }

  /// A Picoschema value: a described scalar (or a named schema, sized as any value) or an object.
  private static func pico(_ value: OrderedJSON) -> OrderedJSON {
    switch value {
    case .string(let text):
      let (type, description) = typeAndDescription(text)
      return scalar(scalarTypes.contains(type) ? type : "any", description: description)
    case .object(let fields): return object(fields)
    default: return scalar("any", description: nil)
    }
  }

  /// An optional property may also be null: its one type becomes `[type, "null"]`.
  private static func nullable(_ schema: OrderedJSON, _ optional: Bool) -> OrderedJSON {
    guard optional, case .object(let members) = schema, let type = schema.member("type")?.stringValue else {
      return schema
    }
    return .object(members.map { $0.key == "type" ? ("type", .array([.string(type), .string("null")])) : $0 })
  }

  /// `name(array)`, `name(object)` and `name(enum)`.
  private static func typed(_ kind: String, _ value: OrderedJSON, optional: Bool) -> OrderedJSON {
    switch kind {
    case "array":
      let type: OrderedJSON = optional ? .array([.string("array"), .string("null")]) : .string("array")
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
