import Foundation
import JSON
import Testing

@testable import TokenTaxKit

/// Tools and output schemas in dotprompt and prompty front matter: read as their parsers read
/// them, and counted as the request fields the provider bills.
@Suite struct FrontMatterDeclarationsTests {
  func declarations(_ text: String, file: String = "p.prompt") throws -> FrontMatterDeclarations {
    try FrontMatterDeclarations(FrontMatter(text), file: file)
  }

  func schema(_ yaml: String) throws -> String? {
    var parser = YAMLParser(yaml, file: "schema.yaml")
    let node = try #require(try parser.documents().first)
    return Picoschema.jsonSchema(FrontMatterDeclarations.json(node)).map(JSONWriter.asWritten)
  }

  @Test func picoschemaCompilesAsDotpromptDoes() throws {
    let yaml = """
      greeting: string, the greeting to provide to the guest
      formalityLevel?: number, the level of formality
      tags(array, labels): string
      mood?(enum): [happy, sad]
      address?:
        street: string
        zip?: any
      (*): string
      """
    #expect(
      try schema(yaml)
        == #"{"type":"object","properties":{"greeting":{"type":"string","description":"the greeting to provide to the guest"},"#
        + #""formalityLevel":{"type":["number","null"],"description":"the level of formality"},"#
        + #""tags":{"type":"array","items":{"type":"string"},"description":"labels"},"#
        + #""mood":{"enum":["happy","sad",null]},"#
        + #""address":{"type":["object","null"],"properties":{"street":{"type":"string"},"zip":{}},"required":["street"],"additionalProperties":false}},"#
        + #""required":["greeting","tags"],"additionalProperties":{"type":"string"}}"#)
  }

  @Test(arguments: [
    ("string, a haiku", #"{"type":"string","description":"a haiku"}"#),
    ("type: object\nproperties:\n  a: {type: string}", #"{"type":"object","properties":{"a":{"type":"string"}}}"#),
    ("properties:\n  a: {type: string}", #"{"properties":{"a":{"type":"string"}},"type":"object"}"#),
  ])
  func topLevelStringsAndJSONSchema(yaml: String, expected: String) throws {
    #expect(try schema(yaml) == expected)
  }

  @Test func aSchemaNamedInCodeIsANote() throws {
    let found = try declarations("---\noutput:\n  schema: Recipe\n---\nHi")
    #expect(found.outputSchema == nil)
    #expect(found.notes == ["output schema 'Recipe' is registered in code, so it is not counted"])
  }

  @Test func dotpromptToolNamesAreNotesAndPromptyToolsAreDefinitions() throws {
    let dotprompt = try declarations("---\nmodel: googleai/gemini-2.5-flash\ntools: [timeOfDay, weather]\n---\nHi")
    #expect(dotprompt.tools.isEmpty)
    #expect(dotprompt.notes.first?.hasPrefix("tools timeOfDay, weather are defined in code") == true)

    let prompty = try declarations(
      """
      ---
      name: Tents
      tools:
        - name: get_weather
          kind: function
          description: Get the weather.
          parameters:
            properties:
              - name: location
                kind: string
                required: true
        - name: search
          kind: mcp
      model:
        parameters:
          tools:
            - type: function
              function:
                name: lookup
                parameters: {type: object, properties: {sku: {type: string}}}
      ---
      system:
      Hi
      """, file: "t.prompty")
    #expect(prompty.tools.map(\.name) == ["get_weather", "lookup"])
    #expect(
      prompty.tools[0].parameters.map(JSONWriter.asWritten)
        == #"{"type":"object","properties":{"location":{"type":"string"}},"required":["location"]}"#)
    #expect(
      prompty.tools[1].parameters.map(JSONWriter.asWritten)
        == #"{"type":"object","properties":{"sku":{"type":"string"}}}"#)
    #expect(prompty.notes == ["tool 'search' (mcp) is not counted: only function tools have a definition in the file"])
  }

  /// The body difference, checked with `count --request` on the two bodies written by hand:
  /// gpt-4o 67 − 8 = 59 tokens for one two-parameter tool (exact).
  @Test func toolTokensAreTheRequestDifference() throws {
    let found = try declarations(
      """
      ---
      tools:
        - name: get_weather
          description: Get the weather forecast for a place and a date.
          parameters:
            type: object
            properties:
              location: {type: string, description: "The city, e.g. Chamonix"}
              date: {type: string, description: ISO date}
            required: [location]
      ---
      Hi
      """)
    let added = try DeclarationTokens.count(found, model: "gpt-4o", prices: .builtIn(), file: "p.prompt")
    #expect(added.tokens == 59)
    #expect(added.exact)
    // Claude: the family's tool overhead and per-tool tokens are in the difference.
    let claude = try DeclarationTokens.count(found, model: "claude-sonnet-4-5", prices: .builtIn(), file: "p.prompt")
    #expect(claude.tokens > 399)
    #expect(!claude.exact)
  }

  @Test func badYAMLNamesTheFileLine() throws {
    #expect {
      try declarations("# header\n---\ntools:\n  - name: [unclosed\n---\nHi")
    } throws: { error in
      "\(error)".contains("p.prompt:4")
    }
  }
}
