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
    let with = try counter.count(json: Array(body(declarations, model: model).text.utf8), file: file, model: model)
    let without = try counter.count(
      json: Array(body(FrontMatterDeclarations.none, model: model).text.utf8), file: file, model: model)
    return (max(0, with.inputTokens - without.inputTokens), with.exact && without.exact)
  }

  static func body(_ declarations: FrontMatterDeclarations, model: String) -> OrderedJSON {
    let emptySchema: OrderedJSON = .object([("type", .string("object")), ("properties", .object([]))])
    func function(_ tool: FrontMatterDeclarations.Tool, schemaKey: String) -> OrderedJSON {
      var members: [(key: String, value: OrderedJSON)] = [("name", .string(tool.name))]
      if let description = tool.description { members.append(("description", .string(description))) }
      members.append((schemaKey, tool.parameters ?? emptySchema))
      return .object(members)
    }
    let message: OrderedJSON = .object([("role", .string("user")), ("content", .string("."))])
    var members: [(key: String, value: OrderedJSON)] = [("model", .string(model))]
    switch ModelCatalog.identify(model).provider {
    case "anthropic":
      members.append(("max_tokens", .number("1")))
      members.append(("messages", .array([message])))
      if !declarations.tools.isEmpty {
        members.append(("tools", .array(declarations.tools.map { function($0, schemaKey: "input_schema") })))
      }
      if let schema = declarations.outputSchema {
        members.append(("output_format", .object([("type", .string("json_schema")), ("schema", schema)])))
      }
    case "google":
      let part: OrderedJSON = .object([("text", .string("."))])
      members.append(("contents", .array([.object([("role", .string("user")), ("parts", .array([part]))])])))
      if !declarations.tools.isEmpty {
        let declared = declarations.tools.map { function($0, schemaKey: "parameters") }
        members.append(("tools", .array([.object([("functionDeclarations", .array(declared))])])))
      }
    // Gemini does not bill a response schema as prompt tokens.
    default:
      members.append(("messages", .array([message])))
      if !declarations.tools.isEmpty {
        let tools = declarations.tools.map { tool -> OrderedJSON in
          .object([("type", .string("function")), ("function", function(tool, schemaKey: "parameters"))])
        }
        members.append(("tools", .array(tools)))
      }
      if let schema = declarations.outputSchema {
        let format: OrderedJSON = .object([("name", .string(declarations.outputSchemaName)), ("schema", schema)])
        members.append(("response_format", .object([("type", .string("json_schema")), ("json_schema", format)])))
      }
    }
    return .object(members)
  }
}
