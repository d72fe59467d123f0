import Foundation
import JSON
import Testing
import Tokenizer

@testable import TokenTaxKit

@Suite struct ModelCatalogTests {
  private func encoding(_ model: String) -> (EncodingName, Bool) {
    let identity = ModelCatalog.identify(model)
    return (identity.encoding, identity.exact)
  }

  @Test(arguments: [
    "gpt-4o", "gpt-4o-mini", "gpt-4o-2024-08-06", "chatgpt-4o-latest", "gpt-4.1", "gpt-4.1-nano", "gpt-4.5-preview",
    "gpt-5", "gpt-5-mini", "gpt-5.1", "gpt-5.2-codex", "o1", "o1-mini", "o3", "o3-pro", "o4-mini", "gpt-oss-120b",
    "openai/gpt-4o", "azure/gpt-5-mini", "openrouter/openai/gpt-4.1", "ft:gpt-4o-mini:acme::abc123", "GPT-4O",
    "openai.gpt-oss-20b-1:0",
  ])
  func o200kModelsAreExact(_ model: String) {
    #expect(encoding(model) == (.o200kBase, true))
  }

  @Test(arguments: [
    "gpt-4", "gpt-4-0613", "gpt-4-turbo", "gpt-4-32k", "gpt-3.5-turbo", "gpt-3.5-turbo-0125", "gpt-35-turbo",
    "text-embedding-3-small", "text-embedding-3-large", "text-embedding-ada-002", "azure/gpt-35-turbo-16k",
    "ft:gpt-3.5-turbo:acme::x1",
  ])
  func cl100kModelsAreExact(_ model: String) {
    #expect(encoding(model) == (.cl100kBase, true))
  }

  @Test(arguments: [
    "claude-sonnet-4-6", "anthropic/claude-3-5-sonnet@20240620", "gemini-2.5-flash", "llama-3.1-70b", "mistral-large",
    "gpt-4.7", "o1x", "gpt-40", "deepseek-chat", "", "text-davinci-003",
  ])
  func otherModelsAreEstimatedWithO200k(_ model: String) {
    #expect(encoding(model) == (.o200kBase, false))
  }

  /// The price-row guess and the counter used to disagree here: a row imported for `gpt-6` or
  /// `gpt-4.7` was counted exactly with an encoding `count --model` called an estimate. One
  /// rule now: an unknown OpenAI generation is an estimate everywhere.
  @Test func priceRowsAndCountingAgreeOnUnknownGenerations() throws {
    for model in ["gpt-6", "gpt-4.7"] {
      #expect(ModelCatalog.identify(model).tokenizer == "unknown")
      let file = "{\"\(model)\": {\"input_cost_per_token\": 1e-06, \"output_cost_per_token\": 2e-06}}"
      let table = try PriceTable(rows: []).adding(fileContents: Array(file.utf8), named: "x.json")
      let row = try #require(table.rows[model])
      #expect(row.tokenizer == "unknown")
    }
  }

  @Test(arguments: [
    ("claude-3-7-sonnet-20250219", "claude", "anthropic"),
    (
      "bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0",
      "claude", "anthropic"
    ), ("vertex_ai/gemini-2.5-pro", "gemini", "google"), ("gemma-3-27b-it", "gemini", "google"),
    ("deepinfra/meta-llama/Llama-3.3-70B-Instruct", "llama", "meta"), ("mixtral-8x7b", "mistral", "mistral"),
    ("xai/grok-4", "grok", "xai"), ("deepseek-v3.2", "deepseek", "deepseek"), ("command-r-plus", "command", "cohere"),
  ])
  func estimatedFamiliesHaveOneNameAndMaker(_ model: String, _ family: String, _ provider: String) {
    let identity = ModelCatalog.identify(model)
    #expect(identity.family == family)
    #expect(identity.provider == provider)
    #expect(identity.tokenizer == family)
  }

  /// `TokenCounter` called an unrecognised family `other` while price rows called it
  /// `unknown`; reports now say `unknown` for both.
  @Test func unrecognisedFamilyIsUnknownInTheMethod() {
    let counter = TokenCounter(model: "acme-1", tokenizer: nil)
    #expect(counter.info.method == "o200k_base (unknown estimate)")
  }

  @Test func chatFramingIsDecidedOnTheDatedName() {
    func generation(_ model: String, _ encoding: EncodingName = .o200kBase) -> ChatFormat.Generation {
      ModelCatalog.chatGeneration(of: ModelCatalog.identify(model), encoding: encoding).generation
    }
    #expect(generation("gpt-3.5-turbo-0301", .cl100kBase) == .legacy)
    #expect(generation("azure/gpt-4o-2024-08-06") == .gpt4o)
    #expect(generation("gpt-5-chat-latest") == .gpt4o)
    #expect(generation("openrouter/openai/gpt-5-mini") == .gpt5)
    #expect(generation("o3-mini") == .reasoning)
    #expect(generation("o1-mini") == .gpt4o)
    #expect(ModelCatalog.chatGeneration(of: ModelCatalog.identify("acme-9"), encoding: .o200kBase).known == false)
  }

  /// A Claude id behind a host prefix is still a Claude request body.
  @Test func requestShapeUsesTheCatalogMaker() {
    let body = JSONValue.object(["messages": .array([])])
    #expect(
      RequestAPI.detect(body, model: "bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0") == .anthropicMessages)
    #expect(RequestAPI.detect(body, model: "openrouter/openai/gpt-4o") == .chatCompletions)
  }
}

/// The ids real apps send today resolve to dated built-in rows sourced from LiteLLM's data.
@Suite struct CurrentModelRowsTests {
  @Test(arguments: [
    ("deepseek-v3.2", "deepseek-v3.2"), ("gemini-3-pro-preview", "gemini-3-pro-preview"),
    ("google/gemini-3-pro-preview", "gemini-3-pro-preview"), ("grok-4", "grok-4"),
    ("xai/grok-4.1-fast-non-reasoning", "grok-4.1-fast-non-reasoning"),
    ("grok-4-1-fast-reasoning", "grok-4.1-fast-reasoning"), ("claude-3.7-sonnet-thinking", "claude-3-7-sonnet"),
    ("anthropic/claude-3.7-sonnet-thinking", "claude-3-7-sonnet"),
    ("openrouter/anthropic/claude-3.7-sonnet:thinking", "claude-3-7-sonnet"),
  ])
  func resolves(_ id: String, _ row: String) throws {
    let table = PriceTable.builtIn()
    #expect(table.resolve(id) == row)
    let price = try #require(table.rows[row])
    #expect(!price.date.isEmpty)
    #expect(!price.source.isEmpty)
  }

  @Test func newRowsNameLiteLLMAsTheirSource() throws {
    let table = PriceTable.builtIn()
    for id in ["deepseek-v3.2", "gemini-3-pro-preview", "grok-4", "grok-4.1-fast-non-reasoning"] {
      #expect(try #require(table.rows[id]).source.contains("LiteLLM 1.109.1"))
    }
    #expect(try #require(table.rows["deepseek-v3.2"]).input == Decimal(string: "0.28"))
  }

  @Test func deploymentsAliasTheirTargetsRow() throws {
    let table = try PriceTable.builtIn().addingDeployments(["my-prod-4o": "gpt-4o"], file: "tokentax.json")
    #expect(table.resolve("my-prod-4o") == "gpt-4o")
    #expect(table.resolve("azure/my-prod-4o") == "gpt-4o")
    #expect(throws: JSONFieldError.self) {
      try PriceTable.builtIn().addingDeployments(["x": "nope-1"], file: "tokentax.json")
    }
  }
}
