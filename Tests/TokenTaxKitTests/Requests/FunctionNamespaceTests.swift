import JSON
import Testing

@testable import TokenTaxKit

@Suite struct FunctionNamespaceTests {
  private func render(_ json: String, style: FunctionNamespace.Style = .typescript) throws -> String {
    let bytes = Array(json.utf8)
    let parser = ChatRequestParser(file: "tools.json", model: "gpt-4o")
    let body = try #require(try JSONParser().parse(bytes).objectValue)
    return FunctionNamespace(style: style).render(try parser.chat(body).functions)
  }

  @Test func cookbookWeatherToolRendersAsTypeScript() throws {
    let text = try render(
      #"""
      {"messages": [], "tools": [{"type": "function", "function": {"name": "get_current_weather",
        "description": "Get the current weather in a given location",
        "parameters": {"type": "object", "properties": {
          "location": {"type": "string", "description": "The city and state, e.g. San Francisco, CA"},
          "unit": {"type": "string", "description": "The unit of temperature to return", "enum": ["celsius", "fahrenheit"]}},
          "required": ["location"]}}}]}
      """#)
    #expect(
      text == """
        namespace functions {

        // Get the current weather in a given location
        type get_current_weather = (_: {
        // The city and state, e.g. San Francisco, CA
        location: string,
        // The unit of temperature to return
        unit?: "celsius" | "fahrenheit",
        }) => any;

        } // namespace functions
        """)
  }

  /// Inside array items property titles are not rendered; a referenced object's own title is,
  /// before its brace (recorded crewAI calls bill exactly that).
  @Test func titlesAreNotRenderedInsideArrayItems() throws {
    let text = try render(
      #"""
      {"messages": [], "tools": [{"type": "function", "function": {"name": "save",
        "parameters": {"type": "object", "properties": {
          "entities": {"title": "Entities", "type": "array", "items": {"$ref": "#/$defs/Entity"}}},
          "required": ["entities"],
          "$defs": {"Entity": {"title": "Entity", "type": "object",
            "properties": {"name": {"title": "Name", "description": "The name.", "type": "string"}}}}}}}]}
      """#)
    #expect(
      text == """
        namespace functions {

        type save = (_: {
        // Entities
        entities: // Entity
            {
            // The name.
            name?: string,
            }[],
        }) => any;

        } // namespace functions
        """)
  }

  /// A property that is a reference renders its definition at the property's own level, not
  /// nested one deeper, with the definition's description above the property (recorded OpenAI
  /// Agents SDK and Mirascope calls bill exactly this; array items keep their nesting).
  @Test func propertiesKeepTheirWrittenOrderAndReferencesAreInlined() throws {
    let text = try render(
      #"""
      {"messages": [], "tools": [{"type": "function", "function": {"name": "book", "parameters": {
        "type": "object", "required": ["zeta", "author"],
        "properties": {"zeta": {"title": "Zeta", "type": "integer"}, "author": {"$ref": "#/$defs/Author"}},
        "$defs": {"Author": {"title": "Author", "description": "Who wrote it.", "type": "object",
          "properties": {"name": {"type": "string", "default": "anon"}}}}}}}]}
      """#)
    #expect(
      text.contains(
        "// Zeta\nzeta: number,\n// Who wrote it.\nauthor: // Author\n{\nname?: string, // default: \"anon\"\n},"))
  }

  @Test func multiLineDescriptionsBecomeOneCommentLineEach() {
    #expect(
      FunctionNamespace.comment("Get it.\n\n  Args:\n    id: the id\n") == ["// Get it.", "// Args:", "// id: the id"])
  }

  @Test func legacyStyleNestsByTwoAndDescribesTopLevelOnly() throws {
    let text = try render(
      #"""
      {"messages": [], "functions": [{"name": "f", "parameters": {"type": "object", "properties": {
        "foo": {"type": "object", "description": "outer", "properties": {
          "bar": {"type": "string", "enum": ["a", "b"], "description": "inner"}, "n": {"type": "number", "enum": [1, 2]}}}}}}]}
      """#, style: .legacy)
    #expect(text.contains("type f = (_: {\n// outer\nfoo?: {\n  bar?: \"a\" | \"b\",\n  n?: 1 | 2,\n},\n}) => any;"))
  }

  /// Recorded calls bill the parameters object's own title and description before its brace:
  /// a title as a comment (gpt-4o, OpenAI Agents SDK's `NAME_args`), a description on a line of
  /// its own (gpt-5).
  @Test func parametersTitleAndDescriptionPrecedeTheirBrace() throws {
    let described = try render(
      #"""
      {"messages": [], "tools": [{"type": "function", "function": {"name": "load", "parameters": {"type": "object",
        "description": "Typed arguments.", "properties": {"id": {"type": "string"}}, "required": ["id"]}}}]}
      """#)
    #expect(described.contains("type load = (_: \n// Typed arguments.\n{\nid: string,\n}) => any;"))
    let titled = try render(
      #"""
      {"messages": [], "tools": [{"type": "function", "function": {"name": "load", "parameters": {"type": "object",
        "title": "load_args", "properties": {"id": {"type": "string"}}, "required": ["id"]}}}]}
      """#)
    #expect(titled.contains("type load = (_: // load_args\n{\nid: string,\n}) => any;"))
  }

  /// Recorded gpt-3.5-turbo calls bill the default's comment (5 tokens for `// default: null`).
  @Test func legacyStyleCommentsDefaultsToo() throws {
    let text = try render(
      #"""
      {"messages": [], "functions": [{"name": "f", "parameters": {"type": "object", "properties": {
        "body": {"type": "string", "default": null}, "mode": {"type": "string", "default": "fast"}}}}]}
      """#, style: .legacy)
    #expect(text.contains("body?: string, // default: null\nmode?: string, // default: \"fast\"\n"))
  }

  @Test func functionsWithoutPropertiesTakeNoArgument() throws {
    let text = try render(
      #"{"messages": [], "tools": [{"type": "function", "function": {"name": "ping", "parameters": {"type": "object", "properties": {}}}}]}"#
    )
    #expect(text.contains("type ping = () => any;"))
  }
}
