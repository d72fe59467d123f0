/// Read access to a JSON object's members, so a reader's field logic runs unchanged on a parsed
/// `JSONValue` or on an object read straight from a line's bytes (`ScannedObject`).
protocol MemberLookup {
  /// The member `key`; nil when absent.
  subscript(key: String) -> JSONValue? { get }
  /// The member `key` as an object, also when it is stored as a JSON string.
  func object(_ key: String) -> Self?
}

extension JSONValue: MemberLookup {}

extension MemberLookup {
  /// A non-empty string member, also accepting numbers (ids exported as numbers).
  func text(_ key: String) -> String? {
    switch self[key] {
    case .string(let text) where !text.isEmpty: return text
    case .number(let text): return text
    default: return nil
    }
  }
}
