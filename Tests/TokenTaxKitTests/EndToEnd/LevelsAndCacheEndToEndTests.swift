import Foundation
import JSON
import Testing

@testable import TokenTaxKit

/// Prompt growth the cache cannot hide, and levels that block only the change that makes them
/// worse. Counts: see CheckEndToEndTests (the bot's input is 63 tokens).
@Suite struct LevelsAndCacheEndToEndTests {
  /// A cacheable system prompt of `words` tokens (" hello" is one o200k_base token).
  static func cachedConfig(hitRate: String? = nil) -> String {
    let rate = hitRate.map { #", "cache_hit_rate": \#($0)"# } ?? ""
    return """
      {
        "version": 1,
        "prices": { "overrides": { "acme-ft-1": { "input": 3.0, "output": 12.0, "cache_read": 0.3, "encoding": "o200k_base" } } },
        "features": [ {
          "id": "agent", "model": "acme-ft-1", "calls_per_day": 1000, "output_tokens": 100\(rate),
          "prompt": [ { "file": "prompts/system.md", "role": "system", "cache": true }, { "file": "prompts/user.hbs", "role": "user" } ],
          "variables": { "task": 50 }
        } ],
        "thresholds": { "fail": { "cost_percent": 15, "input_tokens_percent": 50 } }
      }
      """
  }

  func cachedRepository(words: Int, hitRate: String? = nil) throws -> TestRepository {
    let repo = try TestRepository()
    try repo.write("tokentax.json", Self.cachedConfig(hitRate: hitRate))
    try repo.write("prompts/system.md", "You" + String(repeating: " hello", count: words))
    try repo.write("prompts/user.hbs", "{{task}}")
    try repo.commit("base")
    return repo
  }

  /// The system prompt doubles from 601 to 1,201 tokens and crosses the 1,024-token cache
  /// minimum. Even with every call hitting the cache (rate 1) the cost per call falls, yet the
  /// doubled prompt fails `input_tokens_percent`.
  @Test func promptCrossingTheCacheMinimumFailsOnInputTokens() throws {
    let repo = try cachedRepository(words: 600, hitRate: "1")
    try repo.write("prompts/system.md", "You" + String(repeating: " hello", count: 1200))
    let result = repo.run("check", "--base", "HEAD", "--format", "json")
    #expect(result.code == .regression, "\(result.stderr)")
    let feature = try #require(try JSONParser().parse(result.stdout)["features"]?.arrayValue?.first)
    #expect(feature["base"]?["cached_input_tokens"] == .number("0"))
    #expect(feature["head"]?["cache_hit_rate"] == .number("1"))
    let percent = try #require(feature["delta"]?["percent"]?["cost_per_call_usd"]?.doubleValue)
    #expect(percent < 0)
    let rules = feature["violations"]?.arrayValue?.compactMap { $0["rule"]?.stringValue }
    #expect(rules == ["input_tokens_percent"])
  }

  /// Without traces or a feature rate, half the calls are assumed to hit, and every format says so.
  @Test func defaultCacheHitRateIsStated() throws {
    let repo = try cachedRepository(words: 1200)
    let result = repo.run("check", "--base", "HEAD", "--format", "json")
    #expect(result.code == .success, "\(result.stderr)")
    let report = try JSONParser().parse(result.stdout)
    let head = report["features"]?.arrayValue?.first?["head"]
    #expect(head?["cache_hit_rate"] == .number("0.5"))
    #expect(head?["source"]?["cache_hit_rate"] == .string("default"))
    let cached = try #require(head?["cached_input_tokens"]?.intValue)
    let uncached = try #require(head?["uncached_input_tokens"]?.intValue)
    #expect(cached > 0 && cached + uncached == head?["input_tokens"]?.intValue)
    let note = "cache hits assumed on 50.0 % of calls where no traces measure them (defaults.cache_hit_rate): agent"
    #expect(report["notes"] == .array([.string(note)]))
    let table = repo.run("check", "--base", "HEAD").stdout
    #expect(table.contains(note), "\(table)")
  }

  func levelRepository() throws -> TestRepository {
    let repo = try TestRepository()
    let config = CheckEndToEndTests.config().replacingOccurrences(
      of: #""fail": { "cost_percent": 15 }"#, with: #""fail": { "cost_percent": 15, "input_tokens_per_call": 60 }"#)
    try repo.write("tokentax.json", config)
    try repo.write("prompts/system.md", "You are helpful.")
    try repo.write("prompts/user.hbs", "{{question}}")
    try repo.write("README.md", "app")
    try repo.commit("base: 63 input tokens, over the level of 60")
    return repo
  }

  @Test func levelAboveItsLimitWarnsUnchangedAndFailsWhenItGrows() throws {
    let repo = try levelRepository()
    let unchanged = repo.run("check", "--base", "HEAD", "--format", "json")
    #expect(unchanged.code == .success, "\(unchanged.stderr)")
    let warned = try JSONParser().parse(unchanged.stdout)["features"]?.arrayValue?.first?["violations"]?.arrayValue?
      .first
    #expect(warned?["level"] == .string("warn"))
    #expect(warned?["message"] == .string("63 input tokens per call (limit 60), no more than at the base"))

    try repo.write("prompts/system.md", "You are helpful!")  // 4 tokens still: same level, not worse
    #expect(repo.run("check", "--base", "HEAD").code == .success)
    try repo.write("prompts/system.md", "You are very helpful.")  // 5 tokens: 64, growing while above
    let grown = repo.run("check", "--base", "HEAD", "--format", "json")
    #expect(grown.code == .regression, "\(grown.stderr)")
    let failed = try JSONParser().parse(grown.stdout)["features"]?.arrayValue?.first?["violations"]?.arrayValue?.first
    #expect(failed?["rule"] == .string("input_tokens_per_call"))
    #expect(failed?["level"] == .string("fail"))
  }

  /// A README-only commit while a feature sits above a level: the hook judges only what the
  /// commit touches, so it passes without a warning.
  @Test func unrelatedCommitPassesTheHookWhileAFeatureIsAboveALevel() throws {
    let repo = try levelRepository()
    try repo.write("README.md", "app, documented")
    try repo.git("add", "README.md")
    let result = repo.run("check", "--staged")
    #expect(result.code == .success, "\(result.stderr)")
    #expect(result.stdout.hasPrefix("tokentax: within policy · 1 feature, 0 changed\n"), "\(result.stdout)")
  }
}
