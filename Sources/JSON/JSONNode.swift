import Foundation

/// A JSON value with the path it sits at in its file, for typed reads whose errors name the
/// exact field (`features[2].calls_per_day`) and catch unknown keys with a suggestion.
///
/// The one reader of config files, price files and saved reports; every failure is a
/// `JSONFieldError`. Members that are absent or `null` read as nil through `member(_:)` and the
/// keyed accessors; `required(_:)` is for documents tokentax writes itself.
public struct JSONNode: Sendable {
  public let value: JSONValue
  public let file: String
  /// Empty for the document itself.
  public let path: String
  /// Added to every error, when the document's own name does not say how to fix it.
  public let remedy: String?

  public init(_ value: JSONValue, file: String, path: String = "", remedy: String? = nil) {
    self.value = value
    self.file = file
    self.path = path
    self.remedy = remedy
  }

  // MARK: Errors

  /// An error about this value: `problem` completes a sentence whose subject is the path.
  public func error(_ problem: String) -> JSONFieldError {
    JSONFieldError(file: file, path: path, problem: problem, remedy: remedy)
  }

  /// "must be `expected`, not `what this is`".
  public func invalid(_ expected: String) -> JSONFieldError {
    error("must be \(expected), not \(Self.describe(value))")
  }

  /// "`key` must be `expected`", for a rule the member breaks in relation to others.
  public func invalid(_ key: String, _ expected: String) -> JSONFieldError {
    JSONFieldError(file: file, path: childPath(key), problem: "must be \(expected)", remedy: remedy)
  }

  // MARK: Structure

  public func childPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

  private func child(_ key: String, _ member: JSONValue) -> JSONNode {
    JSONNode(member, file: file, path: childPath(key), remedy: remedy)
  }

  private func element(_ index: Int, _ item: JSONValue) -> JSONNode {
    JSONNode(item, file: file, path: "\(path)[\(index)]", remedy: remedy)
  }

  /// This node, checked to be an object.
  public func object() throws -> JSONNode {
    guard case .object = value else { throw invalid("an object") }
    return self
  }

  /// This node, checked to be an object whose keys are all `allowed`.
  public func object(allowed: [String]) throws -> JSONNode {
    guard case .object(let members) = value else {
      throw path.isEmpty ? error("must be an object, not \(Self.describe(value))") : invalid("an object")
    }
    for key in members.keys where !allowed.contains(key) {
      let known = Suggestion.closest(to: key, in: allowed, limit: 1).first.map { "did you mean '\($0)'?" }
      throw child(key, members[key] ?? .null).error(
        "is not a known key; " + (known ?? "valid keys: \(allowed.joined(separator: ", "))"))
    }
    return self
  }

  /// The member `key`; nil when it is absent or `null`.
  public func member(_ key: String) throws -> JSONNode? {
    guard case .object(let members) = value else { throw invalid("an object") }
    guard let member = members[key], member != .null else { return nil }
    return child(key, member)
  }

  /// The member `key`, which must be there (it may still be `null`).
  public func required(_ key: String) throws -> JSONNode {
    guard case .object(let members) = value else { throw invalid("an object") }
    guard let member = members[key] else { throw child(key, .null).error("is missing") }
    return child(key, member)
  }

  /// Whether member `key` is present and not `null`.
  public func has(_ key: String) -> Bool { value[key].map { $0 != .null } ?? false }

  public func array() throws -> [JSONNode] {
    guard case .array(let items) = value else { throw invalid("an array") }
    return items.enumerated().map { element($0, $1) }
  }

  /// The members in their written order.
  public func members() throws -> [(key: String, node: JSONNode)] {
    guard case .object(let members) = value else { throw invalid("an object") }
    return members.map { (key: $0.key, node: child($0.key, $0.value)) }
  }

  // MARK: Scalars

  public func string() throws -> String {
    guard case .string(let text) = value else { throw invalid("a string") }
    return text
  }

  public func bool() throws -> Bool {
    guard case .bool(let flag) = value else { throw invalid("true or false") }
    return flag
  }

  /// A whole number in `range`; `expected` says what it is when a range alone would not.
  public func int(in range: ClosedRange<Int>? = nil, _ expected: String? = nil) throws -> Int {
    let wanted =
      expected ?? range.map { "a whole number from \($0.lowerBound) to \($0.upperBound)" } ?? "a whole number"
    guard case .number = value, let number = value.intValue, range?.contains(number) ?? true else {
      throw invalid(wanted)
    }
    return number
  }

  /// An exact decimal in `range` (money, percent, rates); `expected` as for `int`.
  public func decimal(in range: ClosedRange<Decimal>? = nil, _ expected: String? = nil) throws -> Decimal {
    let wanted = expected ?? range.map { "a number from \($0.lowerBound) to \($0.upperBound)" } ?? "a number"
    guard case .number(let literal) = value else { throw invalid(wanted) }
    // Decimal holds exponents down to about -128: a smaller number is in range but cannot be
    // kept, and the message must say so rather than restate a range it satisfies.
    guard let number = value.decimalValue, number != 0 || !JSONValue.hasNonzeroMantissa(literal) else {
      throw error(
        "must be \(wanted) that is 0 or at least 1e-100 ('\(Self.quoted(literal, limit: 40))' is too small to keep)")
    }
    guard range?.contains(number) ?? true else { throw invalid(wanted) }
    return number
  }

  public func double() throws -> Double {
    guard case .number = value, let number = value.doubleValue else { throw invalid("a number") }
    return number
  }

  /// One of an enumeration's raw values, refused with the closest one.
  public func choice<T: RawRepresentable & CaseIterable>(_ type: T.Type) throws -> T where T.RawValue == String {
    let allowed = T.allCases.map(\.rawValue)
    return try T(rawValue: oneOf(allowed)) ?? { throw invalid("one of \(allowed.joined(separator: ", "))") }()
  }

  /// A string among `allowed`, refused with the closest one.
  public func oneOf(_ allowed: [String]) throws -> String {
    let text = try string()
    guard allowed.contains(text) else {
      let known = Suggestion.closest(to: text, in: allowed, limit: 1).first.map { " (did you mean '\($0)'?)" } ?? ""
      throw error("is \"\(Self.quoted(text))\"\(known), expected one of \(allowed.joined(separator: ", "))")
    }
    return text
  }

  // MARK: Describing values

  /// A value as an error shows it: a number as written, a string quoted and cut short,
  /// anything else by its kind.
  static func describe(_ value: JSONValue) -> String {
    switch value {
    case .number(let text): return quoted(text, limit: 40)
    case .string(let text): return "the string \"\(quoted(text))\""
    default: return value.kindDescription
    }
  }

  /// At most `limit` characters of `text`, noting how long it was, so a 100,000-character
  /// value cannot make a 100 KB message (the CLI escapes control characters when it prints).
  public static func quoted(_ text: String, limit: Int = 80) -> String {
    guard text.count > limit else { return text }
    return String(text.prefix(limit)) + "… (\(text.count) characters)"
  }
}
