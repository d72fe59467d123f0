/// Serialises `JSONValue`s deterministically: two-space indent or compact, keys sorted (reports)
/// or in their written order (request bodies, a user's own config).
public enum JSONWriter {
  public static func string(_ value: JSONValue, pretty: Bool = true, sortedKeys: Bool = true) -> String {
    var out = ""
    write(value, into: &out, indent: pretty ? 0 : nil, sortedKeys: sortedKeys)
    return out
  }

  /// Compact JSON with every object's members in their written order: a request body as a
  /// provider receives it, where the order changes the count.
  public static func asWritten(_ value: JSONValue) -> String { string(value, pretty: false, sortedKeys: false) }

  private static func write(_ value: JSONValue, into out: inout String, indent: Int?, sortedKeys: Bool) {
    switch value {
    case .null: out += "null"
    case .bool(let flag): out += flag ? "true" : "false"
    case .number(let text): out += PositionalNumber.text(text)
    case .string(let text): escape(text, into: &out)
    case .array(let items):
      if items.isEmpty {
        out += "[]"
        return
      }
      out += "["
      for (offset, item) in items.enumerated() {
        if offset > 0 { out += "," }
        newline(&out, indent.map { $0 + 1 })
        write(item, into: &out, indent: indent.map { $0 + 1 }, sortedKeys: sortedKeys)
      }
      newline(&out, indent)
      out += "]"
    case .object(let members):
      if members.isEmpty {
        out += "{}"
        return
      }
      out += "{"
      for (offset, member) in (sortedKeys ? members.sortedMembers : members.members).enumerated() {
        if offset > 0 { out += "," }
        newline(&out, indent.map { $0 + 1 })
        escape(member.key, into: &out)
        out += indent == nil ? ":" : ": "
        write(member.value, into: &out, indent: indent.map { $0 + 1 }, sortedKeys: sortedKeys)
      }
      newline(&out, indent)
      out += "}"
    }
  }

  private static func newline(_ out: inout String, _ indent: Int?) {
    guard let indent else { return }
    out += "\n" + String(repeating: "  ", count: indent)
  }

  public static func escape(_ text: String, into out: inout String) {
    out += "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "\u{2028}": out += "\\u2028"
      case "\u{2029}": out += "\\u2029"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    out += "\""
  }
}
