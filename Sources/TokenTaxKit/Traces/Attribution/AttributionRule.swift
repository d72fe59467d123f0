import JSON

/// A config rule that maps a field value of a trace record to a feature (docs/traces.md):
/// `{ "match": { "<field path>": "<value or glob>" }, "feature": "<id>" }`.
///
/// Every entry of `match` must hold. A path is dotted (`metadata.team`); keys that contain dots
/// themselves (`gen_ai.agent.name`) resolve too, and so do JSON objects stored as strings.
/// For OpenTelemetry spans a bare attribute key is looked up among the span's, then the
/// resource's, attributes.
public struct AttributionRule: Sendable, Equatable {
  public var match: [String: String]
  public var feature: String

  public init(match: [String: String], feature: String) {
    self.match = match
    self.feature = feature
  }

  /// Whether every `match` entry holds for `record`.
  func matches(_ record: JSONValue) -> Bool {
    match.allSatisfy { path, pattern in
      guard let value = record.lookup(path: path) else { return false }
      return ValuePattern(pattern).matches(value)
    }
  }
}

/// A shell-style pattern: `*` any run of characters, `?` one character, anything else literal.
struct ValuePattern: Sendable {
  private let pattern: [Character]

  init(_ pattern: String) { self.pattern = Array(pattern) }

  /// Strings match as text, numbers by their literal, booleans as `true`/`false`, arrays
  /// (tags) when any element matches.
  func matches(_ value: JSONValue) -> Bool {
    switch value {
    case .string(let text), .number(let text): return matches(text)
    case .bool(let flag): return matches(flag ? "true" : "false")
    case .array(let items): return items.contains { matches($0) }
    case .null, .object: return false
    }
  }

  func matches(_ text: String) -> Bool {
    let characters = Array(text)
    // Iterative wildcard matching with one backtrack point: linear in practice, never exponential.
    var p = 0
    var t = 0
    var star: Int?
    var resume = 0
    while t < characters.count {
      if p < pattern.count, pattern[p] == "?" || pattern[p] == characters[t] {
        p += 1
        t += 1
      } else if p < pattern.count, pattern[p] == "*" {
        star = p
        p += 1
        resume = t
      } else if let star {
        p = star + 1
        resume += 1
        t = resume
      } else {
        return false
      }
    }
    while p < pattern.count, pattern[p] == "*" { p += 1 }
    return p == pattern.count
  }
}
