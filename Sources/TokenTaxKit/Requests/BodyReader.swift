import JSON

/// Typed reads of a request body's JSON that fail with the file and a JSON path
/// (`messages[2].content`) instead of a crash; unknown keys are ignored, since request bodies
/// carry many parameters that cost no input tokens.
struct BodyReader {
  let file: String

  func fail(_ path: String, _ expected: String) -> RequestError {
    .invalid(file: file, path: path, expected: expected)
  }

  func object(_ value: JSONValue?, _ path: String) throws -> JSONObject {
    guard let object = value?.objectValue else { throw fail(path, "an object") }
    return object
  }

  func array(_ value: JSONValue?, _ path: String) throws -> [JSONValue] {
    guard let array = value?.arrayValue else { throw fail(path, "an array") }
    return array
  }

  func string(_ value: JSONValue?, _ path: String) throws -> String {
    guard let text = value?.stringValue else { throw fail(path, "a string") }
    return text
  }

  /// A string, or nil when the key is absent or null.
  func optionalString(_ value: JSONValue?, _ path: String) throws -> String? {
    guard let value, value != .null else { return nil }
    return try string(value, path)
  }

  /// The elements of an optional array (absent or null = none).
  func elements(_ value: JSONValue?, _ path: String) throws -> [JSONValue] {
    guard let value, value != .null else { return [] }
    return try array(value, path)
  }
}

extension JSONValue {
  /// Minified JSON, as providers re-serialize tool arguments and schemas.
  var compactJSON: String { JSONWriter.string(self, pretty: false) }
}
