import Foundation
import JSON
import Testing

@testable import TokenTaxKit

@Suite struct PriceFileTests {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/prices")

  func usd(_ text: String) -> Decimal { Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) ?? .nan }

  func load(_ text: String, over base: PriceTable = PriceTable.builtIn()) throws -> PriceTable {
    try base.adding(fileContents: Array(text.utf8), named: "prices.json")
  }

  func litellm() throws -> PriceTable {
    try PriceTable(rows: []).adding(
      fileAt: Self.fixtures.appendingPathComponent("litellm-excerpt.json"), named: "litellm.json")
  }

  // MARK: LiteLLM

  @Test func liteLLMExcerptImportsTokenPricedEntriesOnly() throws {
    let table = try litellm()
    #expect(
      table.rows.keys.sorted() == [
        "claude-haiku-4-5", "claude-sonnet-4-5", "deepseek-chat", "gemini-2.5-pro", "gpt-4o-2024-05-13", "gpt-5",
        "grok-4.3", "novita/deepseek/deepseek-v4-pro", "text-embedding-3-small",
        "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
      ])
    #expect(
      table.aliases == [
        "gemini/gemini-2.5-pro": "gemini-2.5-pro", "deepseek/deepseek-chat": "deepseek-chat",
        "xai/grok-4.3": "grok-4.3",
      ])
  }

  @Test func liteLLMPerTokenPricesBecomePerMillion() throws {
    let table = try litellm()
    #expect(
      table.rows["gpt-5"]
        == ModelPrice(
          model: "gpt-5", provider: "openai", input: usd("1.25"), output: 10, cacheRead: usd("0.125"),
          batchDiscount: usd("0.5"), contextWindow: 272_000, tokenizer: "o200k_base", source: "litellm.json", date: ""))
    #expect(
      table.rows["claude-haiku-4-5"]
        == ModelPrice(
          model: "claude-haiku-4-5", provider: "anthropic", input: 1, output: 5, cacheRead: usd("0.1"),
          cacheWrite: usd("1.25"), cacheWrite1h: 2, batchDiscount: usd("0.5"), contextWindow: 200_000,
          minimumCacheablePrefix: 4_096, tokenizer: "claude", source: "litellm.json", date: ""))
    // xAI's batch price is 80 % of list: a 20 % discount, read from the data, not assumed.
    #expect(table.rows["grok-4.3"]?.batchDiscount == usd("0.2"))
    #expect(table.rows["grok-4.3"]?.provider == "xai")
    #expect(table.rows["text-embedding-3-small"]?.output == 0)
  }

  @Test func liteLLMLongContextTier() throws {
    let pro = try #require(try litellm().rows["gemini-2.5-pro"])
    // The Gemini API entry wins over the Vertex entry of the same id (which adds a cache-write tier price).
    #expect(pro.provider == "google")
    #expect(
      pro.longContext == LongContextTier(threshold: 200_000, input: usd("2.5"), output: 15, cacheRead: usd("0.25")))
    #expect(pro.minimumCacheablePrefix == 2_048)
    let bedrock = try #require(try litellm().rows["us.anthropic.claude-sonnet-4-5-20250929-v1:0"])
    #expect(
      bedrock.longContext
        == LongContextTier(
          threshold: 200_000, input: usd("6.6"), output: usd("24.75"), cacheRead: usd("0.66"), cacheWrite: usd("8.25"),
          cacheWrite1h: usd("13.2")))
  }

  @Test func liteLLMBareKeyWinsOverPrefixedKeyOfTheSameProvider() throws {
    // `deepseek-chat` has no cache-creation price, `deepseek/deepseek-chat` lists 0.
    #expect(try litellm().rows["deepseek-chat"]?.cacheWrite == nil)
  }

  @Test func liteLLMFloatNoiseIsRemovedAndShortLiteralsKeptExactly() throws {
    let noisy = try #require(try litellm().rows["novita/deepseek/deepseek-v4-pro"])
    #expect(noisy.input == usd("1.6"))
    #expect(noisy.output == usd("3.2"))
    #expect(noisy.cacheRead == usd("0.135"))
    #expect(LiteLLMPriceFormat.perMillion(usd("1.41953125e-07")) == usd("0.141953125"))
    #expect(LiteLLMPriceFormat.perMillion(usd("2.9999900000000002e-06")) == usd("2.99999"))
    #expect(LiteLLMPriceFormat.perMillion(usd("3e-07")) == usd("0.3"))
  }

  @Test func liteLLMImportOverridesBuiltInRowsAndKeepsExactRegionalIds() throws {
    let table = PriceTable.builtIn().merging(try litellm())
    #expect(try table.lookup("gpt-5").source == "litellm.json")
    #expect(try table.lookup("gpt-5-2025-08-07").source == "litellm.json")
    #expect(try table.lookup("us.anthropic.claude-sonnet-4-5-20250929-v1:0").input == usd("3.3"))
    #expect(try table.lookup("claude-sonnet-4-5-20250929").input == 3)
    #expect(table.asOf == "2026-11-22")
  }

  @Test func liteLLMBadPriceNamesTheField() {
    #expect(
      throws: JSONFieldError(
        file: "prices.json", path: "acme.input_cost_per_token",
        problem: "must be a price in USD per token (a number of 0 or more), not a boolean")
    ) {
      try load(#"{"acme": {"input_cost_per_token": true, "litellm_provider": "openai"}}"#)
    }
  }

  @Test func fileWithoutTokenPricesIsAnError() {
    #expect(
      throws: PriceFileError(
        file: "prices.json",
        problem:
          "no per-token prices found; expected LiteLLM's model_prices_and_context_window.json or tokentax's {\"version\": 1, \"models\": {…}}"
      )
    ) {
      try load(#"{"sample_spec": {"input_cost_per_token": 0}}"#)
    }
  }

  // MARK: tokentax format

  @Test func ownFormatPatchesExistingRowsAndAddsNewOnes() throws {
    let table = try PriceTable.builtIn().adding(
      fileAt: Self.fixtures.appendingPathComponent("tokentax-prices.json"), named: "prices/acme.json")
    let gpt5 = try table.lookup("gpt-5-2025-08-07")
    #expect(gpt5.input == 1)
    #expect(gpt5.output == 10)
    #expect(gpt5.cacheRead == usd("0.125"))
    #expect(gpt5.source == "acme procurement")
    #expect(gpt5.date == "2026-12-01")
    #expect(
      try table.lookup("acme-ft-1-2026-01-01")
        == ModelPrice(
          model: "acme-ft-1", provider: "custom", input: 3, output: 12, cacheRead: usd("0.3"), tokenizer: "o200k_base",
          source: "acme procurement", date: "2026-12-01"))
    #expect(table.asOf == "2026-12-01")
    #expect(try table.lookup("gpt-5-mini").date == "2026-11-22")
  }

  @Test func ownFormatNullClearsAndEveryFieldReads() throws {
    let table = try load(
      """
      {"version": 1, "models": {
        "claude-sonnet-4-5-20250929": {"cache_read": null, "long_context": null},
        "new-claude": {"provider": "anthropic", "input": 2, "output": 10, "cache_write": 2.5, "cache_write_1h": 4,
          "batch_discount": 0.5, "context_window": 100000, "minimum_cacheable_prefix": 2048, "tokenizer": "claude",
          "source": "https://example.com", "date": "2026-01-02",
          "long_context": {"threshold": 50000, "input": 4, "output": 20, "cache_read": 0.4, "cache_write": 5, "cache_write_1h": 8}}
      }}
      """)
    let sonnet = try table.lookup("claude-sonnet-4-5")
    #expect(sonnet.cacheRead == nil)
    #expect(sonnet.longContext == nil)
    #expect(sonnet.cacheWrite == usd("3.75"))
    #expect(sonnet.source == "prices.json")
    #expect(sonnet.date == "")
    #expect(
      table.rows["new-claude"]
        == ModelPrice(
          model: "new-claude", provider: "anthropic", input: 2, output: 10, cacheWrite: usd("2.5"), cacheWrite1h: 4,
          batchDiscount: usd("0.5"),
          longContext: LongContextTier(
            threshold: 50_000, input: 4, output: 20, cacheRead: usd("0.4"), cacheWrite: 5, cacheWrite1h: 8),
          contextWindow: 100_000, minimumCacheablePrefix: 2_048, tokenizer: "claude", source: "https://example.com",
          date: "2026-01-02"))
  }

  static let badFiles: [(String, String)] = [
    (
      #"[1]"#,
      #"prices.json: the document must be a JSON object (tokentax's {"version": 1, "models": {…}} or LiteLLM's model map), not an array"#
    ),
    (#"{"models": {}}"#, #"prices.json: the document needs "version": 1"#),
    (#"{"version": 2, "models": {}}"#, "prices.json: version is 2, but this tokentax reads version 1"),
    (#"{"version": 1}"#, #"prices.json: the document needs "models": { "<model id>": { … } }"#),
    (#"{"version": 1, "model": {}}"#, "prices.json: model is not a known key; did you mean 'models'?"),
    (
      #"{"version": 1, "zzz": {}}"#,
      "prices.json: zzz is not a known key; valid keys: version, date, source, models"
    ),
    (
      #"{"version": 1, "date": "22/11/2026", "models": {}}"#,
      #"prices.json: date must be a date as YYYY-MM-DD, not the string "22/11/2026""#
    ),
    (
      #"{"version": 1, "models": {"acme": {"input": 1}}}"#,
      #"prices.json: models.acme is a new model, so it needs "output" (USD per 1M tokens)"#
    ),
    (#"{"version": 1, "models": {"acme": 3}}"#, "prices.json: models.acme must be an object of prices, not 3"),
    (
      #"{"version": 1, "models": {"gpt-5": {"input": "3"}}}"#,
      #"prices.json: models.gpt-5.input must be a price in USD per 1M tokens (a number of 0 or more), not the string "3""#
    ),
    (
      #"{"version": 1, "models": {"gpt-5": {"output": -1}}}"#,
      "prices.json: models.gpt-5.output must be a price in USD per 1M tokens (a number of 0 or more), not -1"
    ),
    (
      #"{"version": 1, "models": {"gpt-5": {"batch_discount": 50}}}"#,
      "prices.json: models.gpt-5.batch_discount must be the fraction taken off in batch mode, from 0 to 1 (0.5 = 50 % off), not 50"
    ),
    (
      #"{"version": 1, "models": {"gpt-5": {"context_window": 1.5}}}"#,
      "prices.json: models.gpt-5.context_window must be a whole number of tokens of 1 or more, not 1.5"
    ),
    (
      #"{"version": 1, "models": {"gpt-5": {"cache_reads": 0.1}}}"#,
      "prices.json: models.gpt-5.cache_reads is not a known key; did you mean 'cache_read'?"
    ),
    (
      #"{"version": 1, "models": {"gpt-5": {"long_context": {"input": 1, "output": 2}}}}"#,
      #"prices.json: models.gpt-5.long_context needs "threshold""#
    ),
    (
      #"{"version": 1, "models": {"gpt-5": {"encoding": "o200k_bas"}}}"#,
      #"prices.json: models.gpt-5.encoding is "o200k_bas" (did you mean 'o200k_base'?), expected one of "#
        + "o200k_base, cl100k_base, claude, gemini, llama, mistral, deepseek, grok, qwen, command, unknown"
    ),
    (
      #"{"version": 1, "models": {"acme": {"input": 1, "output": 2, "tokenizer": "Claude-3"}}}"#,
      #"prices.json: models.acme.tokenizer is "Claude-3" (did you mean 'claude'?), expected one of "#
        + "o200k_base, cl100k_base, claude, gemini, llama, mistral, deepseek, grok, qwen, command, unknown"
    ),
    (
      #"{"version": 1, "models": {"gpt-5": {"aliases": ["x", 1]}}}"#,
      "prices.json: models.gpt-5.aliases[1] must be a non-empty string, not 1"
    ),
  ]

  @Test(arguments: badFiles)
  func badFileNamesFieldAndFix(_ text: String, _ message: String) {
    #expect {
      try load(text)
    } throws: { error in
      (error as? any UserFacingError)?.description == message
    }
  }

  @Test func syntaxErrorHasFileLineAndColumn() {
    #expect(
      throws: JSONParseError(file: "prices.json", line: 2, column: 12, reason: "unexpected 'x'; expected a value")
    ) {
      try load("{\"version\": 1,\n \"models\": x}")
    }
  }

  @Test func missingFileSaysWhereThePathCameFrom() {
    #expect(
      throws: PriceFileError(
        file: "nope.json", problem: "no such file; check the path given to --prices or prices.files")
    ) {
      try PriceTable.builtIn().adding(fileAt: Self.fixtures.appendingPathComponent("nope.json"), named: "nope.json")
    }
  }

  // MARK: Config overrides

  @Test func configOverridesUseTheSameShapeAndPath() throws {
    let overrides = try JSONParser(relaxed: true).parse(
      #"{ "acme-ft-1": { "input": 3.0, "output": 12.0, "cache_read": 0.3, "encoding": "o200k_base" }, "claude-haiku-4-5": { "output": 4 } }"#
    )
    let table = try PriceTable.builtIn().applyingOverrides(overrides, file: "tokentax.json")
    #expect(try table.lookup("acme-ft-1").tokenizer == "o200k_base")
    #expect(try table.lookup("acme-ft-1").source == "tokentax.json")
    #expect(try table.lookup("claude-haiku-4-5-20251001").output == 4)
    #expect(try table.lookup("claude-haiku-4-5").input == 1)
    #expect(
      throws: JSONFieldError(
        file: "tokentax.json", path: "prices.overrides.x",
        problem: "is a new model, so it needs \"input\" (USD per 1M tokens)")
    ) {
      try PriceTable.builtIn().applyingOverrides(.object(["x": .object([:])]), file: "tokentax.json")
    }
  }

  @Test func laterSourcesWin() throws {
    let first = try load(#"{"version": 1, "models": {"acme": {"input": 1, "output": 2}}}"#, over: PriceTable(rows: []))
    let second = try load(#"{"version": 1, "models": {"acme": {"input": 5}}}"#, over: first)
    #expect(try second.lookup("acme").input == 5)
    #expect(try second.lookup("acme").output == 2)
    #expect(try first.lookup("acme").input == 1)
  }
}
