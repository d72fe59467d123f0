import JSON

/// Read access to a JSON object's members, so a reader's field logic runs unchanged on a parsed
/// `JSONValue` or on an object read straight from a line's bytes (`ScannedObject`).
protocol MemberLookup {
  /// The member `key`; nil when absent.
  subscript(key: String) -> JSONValue? { get }
  /// The member `key` as an object, also when it is stored as a JSON string.
  func object(_ key: String) -> Self?
  /// Whether the member `key` is there (`null` included), without building its value.
  func contains(_ key: String) -> Bool
  /// The member `key` when it is an object (not one stored as a string).
  func member(_ key: String) -> Self?
}

extension JSONValue {
  func contains(_ key: String) -> Bool { self[key] != nil }

  func member(_ key: String) -> JSONValue? {
    guard case .object? = self[key] else { return nil }
    return self[key]
  }
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
