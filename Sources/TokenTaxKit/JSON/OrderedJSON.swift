/// A JSON value that keeps its members in the order they were written.
///
/// `JSONValue` sorts objects, which is right for reports; a request body built from a YAML front
/// matter must keep the author's order, because a provider renders a schema's properties in the
/// order it receives them and the order changes the count.
indirect enum OrderedJSON: Equatable {
  case string(String)
  /// The number's text, as written.
  case number(String)
  case bool(Bool)
  case null
  case array([OrderedJSON])
  case object([(key: String, value: OrderedJSON)])

  static func == (a: OrderedJSON, b: OrderedJSON) -> Bool { a.text == b.text }

  /// The compact JSON text, members in order.
  var text: String {
    var out = ""
    write(into: &out)
    return out
  }

  /// Parses JSON text, keeping every object's members in their written order.
  static func parse(_ text: String) throws -> OrderedJSON {
    let bytes = Array(text.utf8)
    let value = try JSONParser().parse(bytes)
    return KeyOrder.scan(bytes).ordered(value, at: KeyOrder.root)
  }

  func member(_ key: String) -> OrderedJSON? {
    guard case .object(let members) = self else { return nil }
    return members.last { $0.key == key }?.value
  }

  var stringValue: String? {
    if case .string(let text) = self { return text }
    return nil
  }

  private func write(into out: inout String) {
    switch self {
    case .string(let text): JSONWriter.escape(text, into: &out)
    case .number(let text): out += text
    case .bool(let value): out += value ? "true" : "false"
    case .null: out += "null"
    case .array(let items):
      out += "["
      for (index, item) in items.enumerated() {
        if index > 0 { out += "," }
        item.write(into: &out)
      }
      out += "]"
    case .object(let members):
      out += "{"
      for (index, member) in members.enumerated() {
        if index > 0 { out += "," }
        JSONWriter.escape(member.key, into: &out)
        out += ":"
        member.value.write(into: &out)
      }
      out += "}"
    }
  }
}
