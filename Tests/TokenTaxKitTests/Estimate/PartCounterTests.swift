import Foundation
import Testing

@testable import TokenTaxKit

/// The counting rule the estimate and top changes share, and the cacheable prefix.
@Suite struct PartCounterTests {
  static let counter = TokenCounter(model: "gpt-4o", tokenizer: "o200k_base")
  static let parts = PartCounter(
    model: "gpt-4o", prices: .builtIn(), counter: counter, variables: ["user": 40], defaultSize: 100)

  @Test func aMessageCostsItsFramingItsTextAndItsPlaceholders() throws {
    let template = try TemplateParser.parse("Hello {{user.name}} and {{other}}", file: "p.hbs", syntax: .mustache)
    var prefix = CachePrefix()
    var unknown = Set<String>()
    let counted = Self.parts.count([template], prefix: &prefix, unknown: &unknown)
    let text = Self.counter.count("Hello ") + Self.counter.count(" and ")
    #expect(counted.tokens == PartCounter.tokensPerMessage + text + 40 + 100)
    #expect(counted.messages == 1)
    #expect(unknown == ["other"])
  }

  /// A hunk is recounted by the same rule: the recount of a file's text equals its estimate count.
  @Test func theRecountCountsLikeTheEstimate() throws {
    let text = "Answer briefly.\nContext: {{user}}"
    let file = FeatureSnapshot.PromptFile(part: PromptPart(file: "p.hbs"), path: "p.hbs", text: text)
    var prefix = CachePrefix()
    var unknown = Set<String>()
    let template = try TemplateParser.parse(text, file: "p.hbs", syntax: file.part.syntax)
    let estimated = Self.parts.count([template], prefix: &prefix, unknown: &unknown).tokens
    #expect(PartRecount(file: file, parts: Self.parts).count(text) == estimated)
    let tools = FeatureSnapshot.PromptFile(part: PromptPart(file: "t.json", kind: .tools), path: "t.json", text: "")
    #expect(
      PartRecount(file: tools, parts: Self.parts).count("{ \"a\" :  [1, 2] }") == Self.counter.count("{\"a\":[1,2]}"))
    #expect(PartRecount(file: tools, parts: Self.parts).count("{ \"a\": ") == nil)
  }

  @Test func thePrefixRunsThroughCachedPartsUntilAPlaceholderOrAnUncachedPart() {
    var prefix = CachePrefix()
    prefix.begin(cache: true)
    prefix.add(10)
    prefix.begin(cache: true)
    prefix.add(5)
    prefix.close()
    prefix.add(7)
    prefix.begin(cache: true)
    prefix.add(9)
    #expect(prefix.tokens == 15)

    var uncachedFirst = CachePrefix()
    uncachedFirst.begin(cache: false)
    uncachedFirst.add(10)
    uncachedFirst.begin(cache: true)
    uncachedFirst.add(10)
    #expect(uncachedFirst.tokens == 0)
  }

  @Test func sourcesMapToTheReportStrings() {
    let sources = EstimateSources(inputTokens: .request, outputTokens: .none, cacheHitRate: .default)
    #expect(
      sources.byKey == [
        "input_tokens": "request", "cached_input_tokens": "template", "output_tokens": "none",
        "cache_hit_rate": "default",
      ])
    #expect(EstimateSources(outputTokens: .traces).byKey["cache_hit_rate"] == nil)
  }
}
