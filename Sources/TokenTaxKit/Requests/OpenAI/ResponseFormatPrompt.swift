import JSON

/// The text a `json_schema` response format adds to the prompt, as far as recorded calls
/// reveal it: a `# Response Formats` section (the shape OpenAI documents for its harmony
/// format) with the format's name, its description as `//` comment lines, and the schema as
/// minified JSON in written key order, less what the API strips first: `title` below the top
/// level and the top-level `additionalProperties`. On the recorded Chat Completions pairs this
/// is off by 1.5 % on average (most within a few tokens), where the plain JSON was off by 4.9 %.
enum ResponseFormatPrompt {
  static func render(_ format: ResponseSchema) -> String {
    var text = "# Response Formats\n\n## \(format.name)\n\n"
    if let description = format.description, !description.isEmpty {
      for line in description.split(separator: "\n", omittingEmptySubsequences: false) {
        text += "// \(line)\n"
      }
    }
    return text + JSONWriter.asWritten(stripped(format.schema, top: true))
  }

  /// Member maps whose keys are names, not schema keywords (a property may be called `title`).
  private static let namedMembers: Set<String> = ["properties", "$defs", "definitions", "patternProperties"]

  private static func stripped(_ value: JSONValue, top: Bool) -> JSONValue {
    switch value {
    case .object(let object):
      var result: JSONObject = [:]
      for (key, member) in object {
        if top ? key == "additionalProperties" : key == "title" { continue }
        if namedMembers.contains(key), case .object(let named) = member {
          result[key] = .object(named.mapValues { stripped($0, top: false) })
        } else {
          result[key] = stripped(member, top: false)
        }
      }
      return .object(result)
    case .array(let items):
      return .array(items.map { stripped($0, top: false) })
    default:
      return value
    }
  }
}
