import Foundation
import Testing

@testable import TokenTaxKit

/// Costs computed by hand: Σ tokens × USD per 1M tokens ÷ 1,000,000, written out in each test.
@Suite struct PriceCostTests {
  let table = PriceTable.builtIn()

  func usd(_ text: String) -> Decimal { Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) ?? .nan }

  @Test func anthropicCacheReadWriteAndOutput() throws {
    let sonnet = try table.lookup("claude-sonnet-4-5")
    let usage = TokenUsage(uncachedInput: 1_000, cacheRead: 5_000, cacheWrite: 2_000, output: 500)
    // 1,000 × $3 + 5,000 × $0.30 + 2,000 × $3.75 + 500 × $15 = 3,000 + 1,500 + 7,500 + 7,500 = 19,500
    #expect(table.cost(of: usage, at: sonnet) == usd("0.0195"))
    // The same request in batch: 50 % off every bucket.
    #expect(table.cost(of: usage, at: sonnet, batch: true) == usd("0.00975"))
    // 1-hour cache writes at 2 × input ($6): 3,000 + 1,500 + 12,000 + 7,500 = 24,000
    #expect(table.cost(of: usage, at: sonnet, cacheWriteTTL: .oneHour) == usd("0.024"))
  }

  @Test func longContextTierPricesTheWholeRequestCachedTokensIncluded() throws {
    let sonnet = try table.lookup("claude-sonnet-4-5")
    // 150,000 + 60,000 cached = 210,000 > 200,000: every token at $6 in, $0.60 cached, $22.50 out.
    let over = TokenUsage(uncachedInput: 150_000, cacheRead: 60_000, output: 1_000)
    // 150,000 × 6 + 60,000 × 0.6 + 1,000 × 22.5 = 900,000 + 36,000 + 22,500 = 958,500
    #expect(table.cost(of: over, at: sonnet) == usd("0.9585"))
    #expect(table.cost(of: over, at: sonnet, batch: true) == usd("0.47925"))
    // Exactly 200,000 is not over: 140,000 × 3 + 60,000 × 0.3 + 1,000 × 15 = 420,000 + 18,000 + 15,000
    let at = TokenUsage(uncachedInput: 140_000, cacheRead: 60_000, output: 1_000)
    #expect(table.cost(of: at, at: sonnet) == usd("0.453"))
  }

  @Test func geminiProLongContextTier() throws {
    let pro = try table.lookup("gemini-2.5-pro")
    // 250,000 × $2.50 + 2,000 × $15 = 625,000 + 30,000
    #expect(table.cost(of: TokenUsage(uncachedInput: 250_000, output: 2_000), at: pro) == usd("0.655"))
    // Under the tier: 100,000 × $1.25 + 2,000 × $10 = 125,000 + 20,000
    #expect(table.cost(of: TokenUsage(uncachedInput: 100_000, output: 2_000), at: pro) == usd("0.145"))
  }

  @Test func openAICachedInputDiscountsPerModel() throws {
    // gpt-4.1: cached $0.50 (75 % off $2): 1,000 × 2 + 3,000 × 0.5 + 100 × 8 = 2,000 + 1,500 + 800
    let usage = TokenUsage(uncachedInput: 1_000, cacheRead: 3_000, output: 100)
    #expect(table.cost(of: usage, at: try table.lookup("gpt-4.1")) == usd("0.0043"))
    // gpt-5: cached $0.125 (90 % off $1.25): 1,000 × 1.25 + 9,000 × 0.125 + 1,000 × 10 = 1,250 + 1,125 + 10,000
    let gpt5 = TokenUsage(uncachedInput: 1_000, cacheRead: 9_000, output: 1_000)
    #expect(table.cost(of: gpt5, at: try table.lookup("gpt-5")) == usd("0.012375"))
    // gpt-4o: cached $1.25 (50 % off $2.50): 3,000 × 1.25 = 3,750
    #expect(table.cost(of: TokenUsage(cacheRead: 3_000), at: try table.lookup("gpt-4o")) == usd("0.00375"))
  }

  @Test func reasoningIsPartOfOutputNotExtra() throws {
    let usage = TokenUsage(uncachedInput: 1_000, output: 2_000, reasoning: 1_500)
    // 1,000 × 1.25 + 2,000 × 10 = 21,250 (reasoning ⊂ output)
    #expect(table.cost(of: usage, at: try table.lookup("gpt-5")) == usd("0.02125"))
  }

  @Test func modelWithoutCachingBillsCachedReadsAsInput() throws {
    let pro = try table.lookup("gpt-5-pro")
    #expect(pro.cacheRead == nil)
    // 1,000 × 15 + 100 × 120 = 15,000 + 12,000
    #expect(table.cost(of: TokenUsage(cacheRead: 1_000, output: 100), at: pro) == usd("0.027"))
  }

  @Test func batchIsIgnoredWithoutABatchAPI() throws {
    let deepseek = try table.lookup("deepseek-chat")
    #expect(deepseek.batchDiscount == nil)
    let usage = TokenUsage(uncachedInput: 1_000_000)
    #expect(table.cost(of: usage, at: deepseek, batch: true) == usd("0.28"))
  }

  @Test func tierWithoutCachePricesScalesTheBaseOnes() {
    let price = ModelPrice(
      model: "m", provider: "p", input: 2, output: 8, cacheRead: usd("0.2"), cacheWrite: usd("2.5"),
      longContext: LongContextTier(threshold: 1_000, input: 4, output: 12), tokenizer: "unknown", source: "s",
      date: "")
    let rates = price.rates(forInputTokens: 1_001)
    #expect(rates == ModelPrice.Rates(input: 4, output: 12, cacheRead: usd("0.4"), cacheWrite: 5, cacheWrite1h: 5))
    // 900 × 4 + 200 × 0.4 = 3,600 + 80
    #expect(table.cost(of: TokenUsage(uncachedInput: 900, cacheRead: 200), at: price) == usd("0.00368"))
  }

  @Test func missingPricesFallBackByTheProviderRules() {
    let price = ModelPrice(model: "m", provider: "p", input: 3, output: 15, tokenizer: "unknown", source: "s", date: "")
    #expect(
      price.rates(forInputTokens: 10)
        == ModelPrice.Rates(input: 3, output: 15, cacheRead: 3, cacheWrite: 3, cacheWrite1h: 3))
  }
}
