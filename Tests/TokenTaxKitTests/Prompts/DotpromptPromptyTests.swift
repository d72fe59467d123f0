import JSON
import Testing

@testable import TokenTaxKit

/// dotprompt and prompty files read as their reference parsers read them.
@Suite struct DotpromptPromptyTests {
  static let dotprompt = """
    # Copyright 2025 Example LLC
    # SPDX-License-Identifier: Apache-2.0

    ---
    model: googleai/gemini-2.5-flash
    config:
      maxOutputTokens: 512
    input:
      schema:
        topic: string
        photoUrl: string
      default:
        topic: the weather in Paris
    ---
    {{role "system"}}
    You are a poet.{{section "intro"}}
    {{role "model"}}
    Ready.
    {{#role "user"}}Write about {{topic}}. {{json style indent=2}}{{media url=photoUrl}}{{/role}}
    {{history}}
    """

  @Test func dotpromptHeaderRolesAndHelpers() throws {
    let template = try TemplateParser.parse(Self.dotprompt, file: "p/poem.prompt", syntax: .auto)
    #expect(template.model == "gemini-2.5-flash")
    #expect(template.messages.map(\.role) == [.system, .assistant, .user])
    #expect(template.messages[0].pieces == [.text("\nYou are a poet.", line: 15), .text("\n", line: 16)])
    #expect(
      template.messages[2].pieces.compactMap { if case .placeholder(let name, _) = $0 { name } else { nil } } == [
        "topic", "style", "photoUrl",
      ])
    let frontMatter = FrontMatter(Self.dotprompt)
    #expect(try frontMatter.inputValues().mapValues(\.text) == ["topic": "the weather in Paris"])
    #expect(frontMatter.maxOutputTokens == 512)
  }

  static let prompty = """
    ---
    name: Chat
    model:
      api: chat
      configuration:
        type: azure_openai
        azure_deployment: ${env:AZURE_OPENAI_DEPLOYMENT}
      parameters:
        max_tokens: 128
    sample:
      question: What tent should I buy for a week in the Alps?
    inputs:
      customer:
        type: string
        default: Jane
    ---
    system:
    You help {{customer}}.

    user:
    {{question}}
    """

  @Test func promptyEnvModelSampleAndLimit() throws {
    let template = try TemplateParser.parse(Self.prompty, file: "chat.prompty", syntax: .auto)
    #expect(template.model == nil)
    #expect(template.messages.map(\.role) == [.system, .user])
    let frontMatter = FrontMatter(Self.prompty)
    #expect(
      try frontMatter.inputValues() == [
        "question": .init(text: "What tent should I buy for a week in the Alps?", source: "sample.question"),
        "customer": .init(text: "Jane", source: "inputs.customer.default"),
      ])
    #expect(frontMatter.maxOutputTokens == 128)
  }

  /// The prompty's model comes from the config; its samples size the placeholders, its limit the output.
  @Test func promptyEstimatesWithSamplesAndLimit() throws {
    let repo = try TestRepository()
    try repo.write("chat.prompty", Self.prompty)
    try repo.write(
      "tokentax.json",
      """
      { "version": 1, "prices": { "overrides": { "acme-ft-1": { "input": 3.0, "output": 12.0, "encoding": "o200k_base" } } },
        "features": [ { "id": "chat", "model": "acme-ft-1", "prompt": [ { "file": "chat.prompty" } ] } ] }
      """)
    try repo.commit("chat")
    let result = repo.run("estimate", "--json")
    #expect(result.code == .success, "\(result.stderr)")
    let row = try #require(try JSONParser().parse(result.stdout)["features"]?.arrayValue?.first)
    #expect(row["output_tokens"] == .number("128"))
    #expect(
      result.stderr.contains("placeholder 'question' sized by the front matter's sample.question"), "\(result.stderr)")
    #expect(!result.stderr.contains("has no size in variables"), "\(result.stderr)")
  }

  static let tents = """
    ---
    name: Tents
    model:
      api: chat
      configuration:
        type: openai
        name: gpt-4o
    tools:
      - name: get_weather
        kind: function
        description: Get the weather forecast for a place and a date.
        parameters:
          properties:
            - name: location
              kind: string
              description: The city, e.g. Chamonix
              required: true
            - name: date
              kind: string
              description: ISO date
    ---
    system:
    You help customers choose tents.
    """

  /// The system message alone is 12 tokens with framing; the tool adds 59 (gpt-4o, exact, as
  /// `count --request` gives for the two bodies). A longer tool description shows in `check`.
  @Test func promptyToolsAreCountedAndTheirEditsShow() throws {
    let repo = try TestRepository()
    try repo.write("tent.prompty", Self.tents)
    try repo.write(
      "tokentax.json",
      #"{"version": 1, "features": [{"id": "tents", "calls_per_day": 100, "output_tokens": 10, "prompt": [{"file": "tent.prompty"}]}]}"#
    )
    try repo.commit("tents")
    let estimate = repo.run("estimate", "--format", "json")
    let row = try #require(try JSONParser().parse(estimate.stdout)["features"]?.arrayValue?.first)
    #expect(row["input_tokens"] == .number("71"), "\(estimate.stderr)")
    #expect(estimate.stderr.contains("tent.prompty declares 1 tool definition: +59 input tokens per call"))

    try repo.write(
      "tent.prompty",
      Self.tents.replacingOccurrences(
        of: "Get the weather forecast for a place and a date.",
        with: "Get the hourly weather forecast, wind and snow for a place and a date, in metric units."))
    let check = repo.run("check", "--base", "HEAD", "--format", "json")
    let feature = try #require(try JSONParser().parse(check.stdout)["features"]?.arrayValue?.first)
    #expect(feature["delta"]?["input_tokens"] == .number("9"), "\(check.stderr)")
    // The edit is a top change on the description's own line, worth the +9 the tool grew by.
    #expect(
      feature["top_changes"]
        == .array([.object(["file": .string("tent.prompty"), "line": .number("11"), "tokens": .number("9")])]))
  }

  /// `{{media url=photoUrl}}` without a size in `variables` is one image of unknown size, as the
  /// request counter counts an image given by URL: gpt-4o 1024 × 1024 at high detail is
  /// 85 + 4 × 170 = 765 tokens, Claude's largest unscaled image (1092 px) 39 × 39 + 4 = 1,525,
  /// Gemini 2.5 four 768-pixel tiles and the whole, 5 × 258 = 1,290. A size in `variables` wins.
  @Test func mediaIsSizedByTheModelsImageRules() throws {
    let repo = try TestRepository()
    try repo.write(
      "p.prompt", "---\nmodel: googleai/gemini-2.5-flash\n---\nDescribe this photo: {{media url=photoUrl}}\n")
    try repo.write(
      "tokentax.json",
      """
      {"version": 1, "features": [
        {"id": "g", "output_tokens": 1, "prompt": [{"file": "p.prompt"}]},
        {"id": "o", "model": "gpt-4o", "output_tokens": 1, "prompt": [{"file": "p.prompt"}]},
        {"id": "c", "model": "claude-sonnet-4-5", "output_tokens": 1, "prompt": [{"file": "p.prompt"}]},
        {"id": "s", "model": "gpt-4o", "output_tokens": 1, "variables": {"photoUrl": 85}, "prompt": [{"file": "p.prompt"}]}]}
      """)
    try repo.commit("media")
    let result = repo.run("estimate", "--format", "json")
    let rows = try #require(try JSONParser().parse(result.stdout)["features"]?.arrayValue)
    let input = Dictionary(
      uniqueKeysWithValues: rows.map { ($0["id"]?.stringValue ?? "", $0["input_tokens"]?.intValue) })
    let (withImage, sized) = (try #require(input["o"] ?? nil), try #require(input["s"] ?? nil))
    #expect(withImage - sized == 765 - 85)
    #expect(result.stderr.contains("media 'photoUrl' sized as one image of unknown size, 765 tokens for gpt-4o"))
    #expect(result.stderr.contains("1,525 tokens for claude-sonnet-4-5"))
    #expect(result.stderr.contains("1,290 tokens for gemini-2.5-flash"))
    #expect(!result.stderr.contains("feature 's': media"))
  }
}
