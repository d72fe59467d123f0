import JSON

/// The input tokens a front matter's tools and output schema add to every call.
///
/// Counted as the difference of two request bodies in the shape the model's API takes (Chat
/// Completions, Anthropic Messages or Gemini), one with the declarations and one without, so
/// the request counter's own rules apply: OpenAI's tool namespace and response-format framing
/// exactly, a family's tool overhead, Gemini's unbilled response schema.
enum DeclarationTokens {
  /// The tokens added, and whether that number is exact.
  static func count(_ declarations: FrontMatterDeclarations, model: String, prices: PriceTable, file: String) throws
    -> (tokens: Int, exact: Bool)
  {
    let counter = RequestCounter(prices: prices)
    let with = try counter.count(
      json: Array(JSONWriter.asWritten(body(declarations, model: model)).utf8), file: file, model: model)
    let without = try counter.count(
      json: Array(JSONWriter.asWritten(body(FrontMatterDeclarations.none, model: model)).utf8), file: file, model: model
    )
    return (max(0, with.inputTokens - without.inputTokens), with.exact && without.exact)
  }

  static func body(_ declarations: FrontMatterDeclarations, model: String) -> JSONValue {
    let emptySchema: JSONValue = .object([("type", .string("object")), ("properties", .object([]))])
    func function(_ tool: FrontMatterDeclarations.Tool, schemaKey: String) -> JSONValue {
      var members: JSONObject = [("name", .string(tool.name))]
      if let description = tool.description { members["description"] = .string(description) }
      members[schemaKey] = tool.parameters ?? emptySchema
      return .object(members)
    }
    let message: JSONValue = .object([("role", .string("user")), ("content", .string("."))])
    var members: JSONObject = [("model", .string(model))]
    switch ModelCatalog.identify(model).provider {
    case "anthropic":
      members["max_tokens"] = .number("1")
      members["messages"] = .array([message])
      if !declarations.tools.isEmpty {
        members["tools"] = .array(declarations.tools.map { function($0, schemaKey: "input_schema") })
      }
      if let schema = declarations.outputSchema {
        members["output_format"] = .object([("type", .string("json_schema")), ("schema", schema)])
      }
    case "google":
      let part: JSONValue = .object([("text", .string("."))])
      members["contents"] = .array([.object([("role", .string("user")), ("parts", .array([part]))])])
      if !declarations.tools.isEmpty {
        let declared = declarations.tools.map { function($0, schemaKey: "parameters") }
        members["tools"] = .array([.object([("functionDeclarations", .array(declared))])])
      }
    // Gemini does not bill a response schema as prompt tokens.
    default:
      members["messages"] = .array([message])
      if !declarations.tools.isEmpty {
        let tools = declarations.tools.map { tool -> JSONValue in
          .object([("type", .string("function")), ("function", function(tool, schemaKey: "parameters"))])
        }
        members["tools"] = .array(tools)
      }
      if let schema = declarations.outputSchema {
        let format: JSONValue = .object([("name", .string(declarations.outputSchemaName)), ("schema", schema)])
        members["response_format"] = .object([("type", .string("json_schema")), ("json_schema", format)])
      }
    }
    return .object(members)
  }
}
