import JSON

/// Reading token counts from records: numbers or numeric strings, never negative or absurd.
enum TokenField {
  /// No single call bills a billion tokens in one bucket; a count above this is a broken export.
  static let maximum = 1_000_000_000

  /// The count at `key` of `object`; nil when absent or null.
  static func count<Object: MemberLookup>(_ object: Object?, _ key: String, field: String? = nil)
    throws(TraceRecordError) -> Int?
  {
    guard let value = object?[key] else { return nil }
    return try count(value, field: field ?? key)
  }

  /// The first present of several alias keys. Aliases name the same quantity, so they are never
  /// added (Bedrock `cacheReadInputTokens` beside `cacheReadInputTokenCount`).
  static func first<Object: MemberLookup>(_ object: Object?, _ keys: [String]) throws(TraceRecordError) -> Int? {
    for key in keys {
      if let value = try count(object, key) { return value }
    }
    return nil
  }

  /// The first present of aliases that live in different objects.
  static func first<Object: MemberLookup>(_ candidates: (Object?, String)...) throws(TraceRecordError) -> Int? {
    for (object, key) in candidates {
      if let value = try count(object, key) { return value }
    }
    return nil
  }

  static func count(_ value: JSONValue, field: String) throws(TraceRecordError) -> Int? {
    switch value {
    case .null: return nil
    case .number(let text), .string(let text):
      if case .string = value, text.isEmpty { return nil }
      guard let number = value.intValue else {
        throw TraceRecordError("field '\(field)' is \(describe(value)), not a whole token count")
      }
      return try checked(number, field: field)
    default:
      throw TraceRecordError("field '\(field)' is \(value.kindDescription), not a token count")
    }
  }

  static func checked(_ number: Int, field: String, offset: Int? = nil) throws(TraceRecordError) -> Int {
    if number < 0 {
      throw TraceRecordError("field '\(field)' is \(number); token counts cannot be negative", offset: offset)
    }
    if number > maximum {
      throw TraceRecordError("field '\(field)' is \(number), more than \(maximum) tokens in one call", offset: offset)
    }
    return number
  }

  private static func describe(_ value: JSONValue) -> String {
    switch value {
    case .string(let text): return "\"\(text.prefix(20))\""
    case .number(let text): return text
    default: return value.kindDescription
    }
  }
}
