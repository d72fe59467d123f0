import JSON
import Testing

@testable import TokenTaxKit

@Suite struct AttributionTests {
  @Test(arguments: [
    ("feat=faq-bot;*", "feat=faq-bot;case=0042", true), ("feat=faq-bot;*", "feat=rag;case=1", false), ("*", "", true),
    ("a?c", "abc", true), ("a?c", "ac", false), ("*bot*", "support-bot-v2", true), ("gpt-5", "gpt-5-mini", false),
    ("**x", "yyx", true), ("anthropic/*", "anthropic/claude", true),
  ])
  func patterns(pattern: String, text: String, expected: Bool) {
    #expect(ValuePattern(pattern).matches(text) == expected)
  }

  @Test func lookupFollowsDottedKeysAndEmbeddedJSON() throws {
    let record = try JSONParser().parse(
      #"{"metadata":"{\"team\":{\"name\":\"support\"}}","attributes":{"gen_ai.agent.name":"triage"},"tags":["a","feature:x"],"list":[{"v":1}]}"#
    )
    #expect(record.lookup(path: "metadata.team.name") == .string("support"))
    #expect(record.lookup(path: "attributes.gen_ai.agent.name") == .string("triage"))
    #expect(record.lookup(path: "list.0.v") == .number("1"))
    #expect(record.lookup(path: "metadata.missing") == nil)
    #expect(ValuePattern("feature:*").matches(try #require(record["tags"])))
  }

  /// Explicit tag, then rules in order, then the file's feature, then format hints.
  @Test func precedence() {
    let record = JSONValue.object(["custom_id": .string("feat=faq-bot;case=1"), "team": .string("growth")])
    let rules = [
      AttributionRule(match: ["custom_id": "feat=faq-bot;*"], feature: "faq-bot"),
      AttributionRule(match: ["team": "growth"], feature: "growth-feature"),
    ]
    let attributor = FeatureAttributor(rules: rules)
    #expect(attributor.feature(explicit: "tagged", record: record) == "tagged")
    #expect(attributor.feature(explicit: nil, record: record) == "faq-bot")
    let both = AttributionRule(match: ["custom_id": "feat=faq-bot;*", "team": "other"], feature: "never")
    #expect(FeatureAttributor(rules: [both]).feature(explicit: nil, record: record, hints: ["hint"]) == "hint")
    #expect(
      FeatureAttributor(defaultFeature: "configured").feature(explicit: nil, record: record, hints: ["hint"])
        == "configured")
    #expect(FeatureAttributor().feature(explicit: nil, record: record) == TraceCall.unattributed)
  }

  @Test func rulesReachOTelAttributesByBareKey() throws {
    let options = TraceLoadOptions(
      attributor: FeatureAttributor(rules: [
        AttributionRule(match: ["service.name": "rag-api", "llm.model_name": "gpt-*"], feature: "rag")
      ]))
    let summary = try TraceLoader.summarize(
      [TraceTestSupport.fixture("otel/spans.jsonl")], options: options, prices: TraceTestSupport.prices)
    // The OpenInference span matches (resource service.name + span attribute); tokentax.feature still wins elsewhere.
    #expect(summary.features["rag"]?.calls == 1)
    #expect(summary.features["support-bot"]?.calls == 2)
  }

  @Test func ruleOnBatchCustomIDs() throws {
    let options = TraceLoadOptions(
      attributor: FeatureAttributor(rules: [AttributionRule(match: ["custom_id": "feat=faq-bot;*"], feature: "faq-bot")]
      ))
    let summary = try TraceLoader.summarize(
      [TraceTestSupport.fixture("openai/batch-output.jsonl")], options: options, prices: TraceTestSupport.prices)
    #expect(summary.featureIDs == ["faq-bot"])
  }

  @Test func unattributedCallsAreKept() throws {
    let summary = try TraceLoader.summarize(
      [TraceTestSupport.fixture("anthropic/stream.jsonl")], prices: TraceTestSupport.prices)
    #expect(summary.featureIDs == [TraceCall.unattributed])
    #expect(summary.totalCalls == 2)
  }
}
