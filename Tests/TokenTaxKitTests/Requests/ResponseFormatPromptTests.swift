import JSON
import Testing

@testable import TokenTaxKit

@Suite struct ResponseFormatPromptTests {
  @Test func sectionKeepsKeyOrderAndDropsWhatTheAPIStrips() throws {
    let bytes = Array(
      #"""
      {"messages": [], "response_format": {"type": "json_schema", "json_schema": {
        "name": "Book", "description": "A book.\nWith a rating.", "strict": true,
        "schema": {"title": "Book", "type": "object", "additionalProperties": false,
          "properties": {
            "title": {"title": "Title", "type": "string"},
            "tags": {"type": "array", "items": {"title": "Tag", "type": "string"}},
            "author": {"$ref": "#/$defs/Author"}},
          "required": ["title", "tags", "author"],
          "$defs": {"Author": {"title": "Author", "type": "object", "additionalProperties": false,
            "properties": {"name": {"type": "string"}}}}}}}}
      """#.utf8)
    let body = try #require(try JSONParser().parse(bytes).objectValue)
    let request = try ChatRequestParser(file: "format.json", model: "gpt-4o").chat(body)
    let format = try #require(request.responseSchema)
    let text = ResponseFormatPrompt.render(format)
    #expect(
      text == """
        # Response Formats

        ## Book

        // A book.
        // With a rating.
        {"title":"Book","type":"object","properties":{"title":{"type":"string"},\
        "tags":{"type":"array","items":{"type":"string"}},"author":{"$ref":"#/$defs/Author"}},\
        "required":["title","tags","author"],"$defs":{"Author":{"type":"object",\
        "additionalProperties":false,"properties":{"name":{"type":"string"}}}}}
        """)
  }

  /// The section's framing on the Responses API: + 0 alone, + 4 beside instructions, + 6 beside
  /// tools (which the Responses API renders in a message of their own).
  @Test func responsesFramingDependsOnWhatTheSectionJoins() throws {
    let format = #""text": {"format": {"type": "json_schema", "name": "R", "schema": {"type": "object"}}}"#
    let tool = #""tools": [{"type": "function", "name": "f", "parameters": {"type": "object", "properties": {}}}]"#
    func count(_ members: String...) throws -> Int {
      let body = #"{"model": "gpt-4o", "input": "Hi", "# + members.joined(separator: ", ") + "}"
      return try RequestCounter().count(json: Array(body.utf8), file: "r.json").inputTokens
    }
    let section = try count(format) - count(#""store": false"#)
    let sectionBesideTools = try count(format, tool) - count(tool)
    let sectionBesideInstructions =
      try count(format, #""instructions": "Be brief.""#) - count(#""instructions": "Be brief.""#)
    #expect(sectionBesideTools == section + 6)
    #expect(sectionBesideInstructions == section + 4)
  }
}
