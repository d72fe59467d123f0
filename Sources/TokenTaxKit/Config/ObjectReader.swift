import Foundation

/// Reads one JSON object of the config with its path, so every error names the exact field
/// (`features[2].calls_per_day`) and unknown keys are caught with a suggestion.
struct ObjectReader {
  let file: String
  let path: String
  let members: JSONObject

  init(_ value: JSONValue, file: String, path: String, allowed: [String]) throws {
    guard case .object(let members) = value else {
      throw ConfigError.invalid(
        file: file, path: path.isEmpty ? "the config" : path, expected: "an object, not \(value.kindDescription)")
    }
    for key in members.keys.sorted() where !allowed.contains(key) {
      throw ConfigError.unknownKey(
        file: file, path: path, key: key, suggestion: Suggestion.closest(to: key, in: allowed, limit: 1).first)
    }
    self.file = file
    self.path = path
    self.members = members
  }

  func fieldPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

  func invalid(_ key: String, _ expected: String) -> ConfigError {
    ConfigError.invalid(file: file, path: fieldPath(key), expected: expected)
  }

  func has(_ key: String) -> Bool { members[key] != nil && members[key] != .null }

  func string(_ key: String) throws -> String? {
    guard let value = members[key], value != .null else { return nil }
    guard let text = value.stringValue else { throw invalid(key, "a string") }
    return text
  }

  func bool(_ key: String) throws -> Bool? {
    guard let value = members[key], value != .null else { return nil }
    guard let flag = value.boolValue else { throw invalid(key, "true or false") }
    return flag
  }

  /// A non-negative whole number below `maximum` (absurd values are typos, not inputs).
  func int(_ key: String, maximum: Int = 1_000_000_000_000) throws -> Int? {
    guard let value = members[key], value != .null else { return nil }
    guard case .number = value, let number = value.intValue, number >= 0, number <= maximum else {
      throw invalid(key, "a whole number from 0 to \(maximum)")
    }
    return number
  }

  /// A non-negative decimal (money, percent, rates).
  func decimal(_ key: String, maximum: Decimal = 1_000_000_000) throws -> Decimal? {
    guard let value = members[key], value != .null else { return nil }
    guard case .number(let literal) = value else { throw invalid(key, "a number from 0 to \(maximum)") }
    // Decimal holds exponents down to about -128: a smaller number is in range but cannot be
    // kept, and the message must say so rather than restate a range it satisfies.
    guard let number = value.decimalValue, number != 0 || !JSONValue.hasNonzeroMantissa(literal) else {
      throw invalid(
        key,
        "a number from 0 to \(maximum) that is 0 or at least 1e-100 ('\(SafeText.quoted(literal, limit: 40))' is too small to keep)"
      )
    }
    guard number >= 0, number <= maximum else { throw invalid(key, "a number from 0 to \(maximum)") }
    return number
  }

  func object(_ key: String, allowed: [String]) throws -> ObjectReader? {
    guard let value = members[key], value != .null else { return nil }
    return try ObjectReader(value, file: file, path: fieldPath(key), allowed: allowed)
  }

  func array(_ key: String) throws -> [JSONValue]? {
    guard let value = members[key], value != .null else { return nil }
    guard let items = value.arrayValue else { throw invalid(key, "an array") }
    return items
  }

  /// A repo-relative path that may not leave the repository.
  func relativePath(_ key: String) throws -> String? {
    guard let text = try string(key) else { return nil }
    return try RepoPath.validate(text)
  }
}

/// Repo-relative path checks shared by config fields.
enum RepoPath {
  static func validate(_ path: String) throws -> String {
    var components: [Substring] = []
    if path.hasPrefix("/") || path.hasPrefix("~") { throw ConfigError.pathOutsideRepository(path) }
    for component in path.split(separator: "/") where component != "." && !component.isEmpty {
      if component == ".." {
        guard !components.isEmpty else { throw ConfigError.pathOutsideRepository(path) }
        components.removeLast()
      } else {
        components.append(component)
      }
    }
    return components.joined(separator: "/")
  }
}
