import Foundation
import Testing

@testable import TokenTaxKit

@Suite struct BuiltInPricesTests {
  let table = PriceTable.builtIn()

  func usd(_ text: String) -> Decimal { Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) ?? .nan }

  @Test func parsesAndIsDated() throws {
    // Parse directly too: `builtIn()` would hide a broken literal behind an empty table.
    let parsed = try PriceTable(rows: []).adding(fileContents: Array(BuiltInPrices.json.utf8), named: "built-in")
    #expect(parsed.rows.count == table.rows.count)
    #expect(table.rows.count >= 100)
    #expect(table.asOf == "2026-11-22")
  }

  @Test(arguments: [
    "gpt-5", "gpt-5-mini", "gpt-5-nano", "gpt-5.1", "gpt-5.2", "gpt-5.4", "gpt-5.5", "gpt-4.1", "gpt-4.1-mini",
    "gpt-4.1-nano", "gpt-4o", "gpt-4o-mini", "o1", "o3", "o3-mini", "o4-mini", "gpt-4-turbo", "gpt-3.5-turbo",
    "text-embedding-3-small", "text-embedding-3-large", "claude-opus-4-1", "claude-opus-4-5", "claude-opus-4-6",
    "claude-sonnet-4", "claude-sonnet-4-5", "claude-sonnet-4-6", "claude-haiku-4-5", "claude-3-7-sonnet",
    "claude-3-5-haiku", "claude-3-haiku", "gemini-2.5-pro", "gemini-2.5-flash", "gemini-2.5-flash-lite",
    "gemini-2.0-flash", "deepseek-chat", "deepseek-reasoner", "llama-3.3-70b-instruct", "llama-4-maverick-17b-instruct",
    "mistral-large-3", "mistral-small-4", "codestral", "grok-4.20", "grok-code-fast-1",
  ])
  func coversModel(_ id: String) {
    #expect(table.rows[id] != nil)
  }

  /// The cross-checks: where a widely read article disagrees, the provider's list price wins.
  @Test func providerListPricesWin() throws {
    let haiku = try table.lookup("claude-haiku-4-5")
    #expect((haiku.input, haiku.output) == (1, 5))
    #expect(try table.lookup("claude-opus-4-6").cacheRead == usd("0.5"))
    #expect(try table.lookup("gpt-4.1").cacheRead == usd("0.5"))
    #expect(try table.lookup("gpt-5").cacheRead == usd("0.125"))
    #expect(try table.lookup("gpt-4o").cacheRead == usd("1.25"))
    #expect(try table.lookup("claude-sonnet-4-5").minimumCacheablePrefix == 1_024)
    #expect(try table.lookup("claude-haiku-4-5").minimumCacheablePrefix == 4_096)
  }

  @Test func anthropicRowsFollowTheCacheAndBatchMultipliers() {
    // Claude Haiku 3 is listed off the multipliers ($0.30 write, $0.03 read on $0.25 input).
    let rows = table.rows.values.filter { $0.provider == "anthropic" && $0.model != "claude-3-haiku" }
    #expect(rows.count >= 15)
    for row in rows {
      #expect(row.cacheWrite == row.input * usd("1.25"), "\(row.model)")
      #expect(row.cacheWrite1h == row.input * 2, "\(row.model)")
      #expect(row.batchDiscount == usd("0.5"), "\(row.model)")
      #expect(row.cacheRead.map { $0 <= row.input * usd("0.1") } == true, "\(row.model)")
    }
  }

  @Test func everyRowIsComplete() {
    let providers: Set = ["openai", "anthropic", "google", "deepseek", "meta", "mistral", "xai"]
    for row in table.rows.values {
      #expect(providers.contains(row.provider), "\(row.model)")
      #expect(row.source.hasPrefix("https://"), "\(row.model)")
      #expect(row.date == "2026-11-22", "\(row.model)")
      #expect(row.contextWindow != nil, "\(row.model)")
      #expect(row.input > 0, "\(row.model)")
      if row.provider == "openai" {
        #expect(["o200k_base", "cl100k_base"].contains(row.tokenizer), "\(row.model)")
      } else {
        #expect(!row.tokenizer.hasSuffix("_base"), "\(row.model)")
      }
    }
    #expect(table.aliases.values.allSatisfy { table.rows[$0] != nil })
  }

  @Test func jsonExportReadsBackAsTheSameTable() throws {
    let exported = try PriceListing(table: table, models: []).json()
    let reread = try PriceTable(rows: []).adding(fileContents: Array(exported.utf8), named: "export.json")
    #expect(reread.rows == table.rows)
    #expect(reread.aliases == table.aliases)
  }
}
