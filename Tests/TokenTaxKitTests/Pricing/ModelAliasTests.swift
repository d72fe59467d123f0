import Testing

@testable import TokenTaxKit

@Suite struct ModelAliasTests {
  let table = PriceTable.builtIn()

  static let spellings: [(String, String)] = [
    ("gpt-5", "gpt-5"),
    ("GPT-5", "gpt-5"),
    (" gpt-5\n", "gpt-5"),
    ("gpt-5-2025-08-07", "gpt-5"),
    ("openai/gpt-5", "gpt-5"),
    ("azure/gpt-5-mini-2025-08-07", "gpt-5-mini"),
    ("gpt-4o-2024-08-06", "gpt-4o"),
    ("gpt-4o-2024-05-13", "gpt-4o-2024-05-13"),  // its own, higher price: an explicit row wins
    ("gpt-3.5-turbo-0125", "gpt-3.5-turbo"),
    ("gpt-3.5-turbo-1106", "gpt-3.5-turbo-1106"),
    ("gpt-4-0613", "gpt-4"),
    ("o3-mini-2025-01-31", "o3-mini"),
    ("gpt-5.1-2025-11-13", "gpt-5.1"),
    ("claude-sonnet-4-5-20250929", "claude-sonnet-4-5"),
    ("anthropic/claude-sonnet-4-5", "claude-sonnet-4-5"),
    ("anthropic/claude-sonnet-4.5", "claude-sonnet-4-5"),
    ("anthropic.claude-sonnet-4-5-20250929-v1:0", "claude-sonnet-4-5"),
    ("us.anthropic.claude-sonnet-4-5-20250929-v1:0", "claude-sonnet-4-5"),
    ("bedrock/global.anthropic.claude-opus-4-6-v1", "claude-opus-4-6"),
    ("anthropic.claude-3-5-sonnet-20241022-v2:0", "claude-3-5-sonnet"),
    ("claude-sonnet-4-5@20250929", "claude-sonnet-4-5"),
    ("vertex_ai/claude-haiku-4-5@20251001", "claude-haiku-4-5"),
    ("claude-3-5-sonnet-latest", "claude-3-5-sonnet"),
    ("claude-3-7-sonnet-20250219", "claude-3-7-sonnet"),
    ("vertex_ai/gemini-2.5-pro", "gemini-2.5-pro"),
    ("gemini/gemini-2.5-flash", "gemini-2.5-flash"),
    ("google/gemini-2.5-flash-lite", "gemini-2.5-flash-lite"),
    ("gemini-2.0-flash-001", "gemini-2.0-flash"),
    ("gemini-flash-latest", "gemini-3.8-flash"),
    ("deepseek/deepseek-chat", "deepseek-chat"),
    ("xai/grok-4.20-0309-reasoning", "grok-4.20"),
    ("mistral/mistral-large-latest", "mistral-large-3"),
    ("meta-llama/Llama-3.3-70B-Instruct", "llama-3.3-70b-instruct"),
    ("us.meta.llama3-3-70b-instruct-v1:0", "llama-3.3-70b-instruct"),
  ]

  @Test(arguments: spellings)
  func resolves(_ spelling: String, _ id: String) throws {
    #expect(table.resolve(spelling) == id)
    #expect(try table.lookup(spelling).model == id)
  }

  @Test(arguments: [
    "gpt-5-turbo-ultra", "o1-mini", "chatgpt-4o-latest", "ft:gpt-4o-mini:acme::x1", "", "llama-3.3-70b-versatile",
  ])
  func unknownSpellingsDoNotGuess(_ spelling: String) {
    #expect(table.resolve(spelling) == nil)
  }

  @Test func unknownModelNamesTheClosestIds() {
    #expect(
      throws: PricingError.unknownModel(
        "claude-sonet-4-5@20250929", closest: ["claude-sonnet-4-5", "claude-sonnet-4-6", "claude-sonnet-5-5"])
    ) {
      try table.lookup("claude-sonet-4-5@20250929")
    }
    let error = PricingError.unknownModel("gpt-5-mimi", closest: ["gpt-5-mini"])
    #expect(
      error.description
        == "unknown model 'gpt-5-mimi' (closest: gpt-5-mini); add it under prices.overrides in tokentax.json or pass --prices FILE"
    )
  }

  @Test func candidatesGoFromLiteralToStripped() {
    #expect(
      ModelID.candidates("us.anthropic.claude-sonnet-4-5-20250929-v1:0") == [
        "us.anthropic.claude-sonnet-4-5-20250929-v1:0", "claude-sonnet-4-5-20250929", "claude-sonnet-4-5",
      ])
    #expect(
      ModelID.candidates("Vertex_AI/Claude-Opus-4-1@20250805") == [
        "Vertex_AI/Claude-Opus-4-1@20250805", "vertex_ai/claude-opus-4-1@20250805", "claude-opus-4-1@20250805",
        "claude-opus-4-1",
      ])
  }

  @Test func anIdWinsOverAnotherRowsAliasOfTheSameName() {
    let table = PriceTable(
      rows: [
        ModelPrice(model: "a", provider: "p", input: 1, output: 1, tokenizer: "t", source: "s", date: ""),
        ModelPrice(model: "b", provider: "p", input: 2, output: 2, tokenizer: "t", source: "s", date: ""),
      ], aliases: ["b": "a", "c": "a", "d": "missing"])
    #expect(table.resolve("b") == "b")
    #expect(table.resolve("C") == "a")
    #expect(table.resolve("d") == nil)
  }
}

/// A host-prefixed id is priced at that host's rows or refused, never at another host's rate.
@Suite struct ModelHostTests {
  @Test(arguments: [
    "deepinfra/meta-llama/Llama-3.3-70B-Instruct", "vertex_ai/meta/llama-3.3-70b-instruct-maas",
    "bedrock/mistral-large-3",
  ])
  func ownRateHostsAreRefused(_ id: String) {
    #expect(PriceTable.builtIn().resolve(id) == nil)
    #expect(throws: PricingError.self) { try PriceTable.builtIn().lookup(id) }
  }

  @Test func listPriceHostsUseTheMakersRow() {
    #expect(PriceTable.builtIn().resolve("azure/gpt-4o") == "gpt-4o")
    #expect(PriceTable.builtIn().resolve("openrouter/anthropic/claude-sonnet-4.5") == "claude-sonnet-4-5")
  }
}
