extension JSONWriter {
  /// Pretty-prints like `string(_:pretty: true)` (sorted keys, two-space indent), except that
  /// an array or object holding only scalars (or arrays of scalars) stays on one line. Long
  /// lists of small records (a trace sample, sketch buckets) then take one line each instead
  /// of one per number.
  public static func compactLeaves(_ value: JSONValue) -> String {
    var out = ""
    write(value, into: &out, indent: 0)
    return out
  }

  private static func write(_ value: JSONValue, into out: inout String, indent: Int) {
    switch value {
    case .array(let items) where !items.isEmpty && !items.allSatisfy(\.isFlat):
      out += "["
      for (offset, item) in items.enumerated() {
        out += offset > 0 ? ",\n" : "\n"
        out += String(repeating: "  ", count: indent + 1)
        write(item, into: &out, indent: indent + 1)
      }
      out += "\n" + String(repeating: "  ", count: indent) + "]"
    case .object(let members) where !members.isEmpty && !members.values.allSatisfy(\.isFlat):
      out += "{"
      for (offset, member) in members.sortedMembers.enumerated() {
        out += offset > 0 ? ",\n" : "\n"
        out += String(repeating: "  ", count: indent + 1)
        escape(member.key, into: &out)
        out += ": "
        write(member.value, into: &out, indent: indent + 1)
      }
      out += "\n" + String(repeating: "  ", count: indent) + "}"
    case .array(let items):
      out += "[" + items.map { string($0, pretty: false) }.joined(separator: ", ") + "]"
    case .object(let members):
      out +=
        "{"
        + members.sortedMembers.map { member in
          var part = ""
          escape(member.key, into: &part)
          return part + ": " + string(member.value, pretty: false)
        }.joined(separator: ", ") + "}"
    default:
      out += string(value, pretty: false)
    }
  }
}

extension JSONValue {
  /// A scalar, or an array of scalars: printed inline by `compactLeaves`.
  fileprivate var isFlat: Bool {
    switch self {
    case .object: return false
    case .array(let items): return items.allSatisfy { $0.objectValue == nil && $0.arrayValue == nil }
    default: return true
    }
  }
}
