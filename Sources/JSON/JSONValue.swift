import Foundation

/// A parsed JSON document. Numbers keep their source text so prices parse as exact `Decimal`s.
public enum JSONValue: Sendable, Equatable {
  case null
  case bool(Bool)
  /// The number's literal text, e.g. `"3.0"` or `"1e-6"`.
  case number(String)
  case string(String)
  case array([JSONValue])
  case object(JSONObject)

  public subscript(key: String) -> JSONValue? {
    if case .object(let members) = self { return members[key] }
    return nil
  }

  public var objectValue: JSONObject? {
    if case .object(let members) = self { return members }
    return nil
  }

  public var arrayValue: [JSONValue]? {
    if case .array(let items) = self { return items }
    return nil
  }

  public var stringValue: String? {
    if case .string(let text) = self { return text }
    return nil
  }

  public var boolValue: Bool? {
    if case .bool(let flag) = self { return flag }
    return nil
  }

  /// The number as a `Double`; also accepts numeric strings, which real exports contain.
  public var doubleValue: Double? {
    switch self {
    case .number(let text): return Double(text)
    case .string(let text):
      // Trimming through Foundation is slow; text that starts and ends in a non-space ASCII byte needs none.
      if let first = text.utf8.first, let last = text.utf8.last, first < 0x80, last < 0x80, first != 0x20,
        first != 0x09,
        last != 0x20, last != 0x09
      {
        return Double(text)
      }
      return Double(text.trimmingCharacters(in: .whitespaces))
    default: return nil
    }
  }

  /// The number as an `Int` when it is integral; also accepts numeric strings.
  public var intValue: Int? {
    switch self {
    case .number(let text), .string(let text):
      if let exact = Int(text) { return exact }
      // `1e-400` underflows to 0 as a Double; it is not a whole number any more than 2.5 is.
      if let double = Double(text), double.rounded() == double, abs(double) < 9e15,
        double != 0 || !Self.hasNonzeroMantissa(text)
      {
        return Int(double)
      }
      return nil
    default: return nil
    }
  }

  /// The number as an exact `Decimal` (prices); also accepts numeric strings.
  /// Whether a number's digits before any exponent are not all zero: such a number that reads
  /// as 0 underflowed.
  public static func hasNonzeroMantissa(_ text: String) -> Bool {
    text.prefix { $0 != "e" && $0 != "E" }.contains { $0 >= "1" && $0 <= "9" }
  }

  public var decimalValue: Decimal? {
    switch self {
    case .number(let text), .string(let text):
      return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
    default: return nil
    }
  }

  /// A short name of the value's kind for error messages ("a string", "an object").
  public var kindDescription: String {
    switch self {
    case .null: return "null"
    case .bool: return "a boolean"
    case .number: return "a number"
    case .string: return "a string"
    case .array: return "an array"
    case .object: return "an object"
    }
  }

  /// A JSON number from an integer.
  public static func int(_ value: Int) -> JSONValue { .number(String(value)) }
}
