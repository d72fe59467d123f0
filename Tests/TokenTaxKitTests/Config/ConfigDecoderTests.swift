import Foundation
import Testing

@testable import TokenTaxKit

@Suite struct ConfigDecoderTests {
  func decode(_ text: String) throws -> Config { try ConfigDecoder.decode(Data(text.utf8), file: "tokentax.json") }

  @Test func readsTheSpecExample() throws {
    let config = try decode(
      """
      {
        "version": 1,
        "defaults": { "model": "gpt-5", "days_per_month": 30, "encoding": "auto" },
        "features": [
          {
            "id": "support-bot", // stable key
            "model": "claude-sonnet-4-6",
            "calls_per_day": 12000,
            "prompt": [
              { "file": "prompts/support/system.md", "role": "system", "cache": true },
              { "file": "prompts/support/tools.json", "kind": "tools" },
            ],
            "variables": { "ticket_body": 350 },
            "history": { "turns": 6, "tokens_per_turn": 180 },
            "output_tokens": 400,
            "traces": { "base": "canary/support.base.jsonl", "head": "canary/support.jsonl" },
            "thresholds": { "fail": { "cost_per_call_percent": 20 } },
          },
        ],
        "thresholds": { "warn": { "cost_percent": 5 }, "fail": { "cost_percent": 15, "input_tokens_per_call": 12000 } },
        "budgets": { "monthly_usd": 20000, "warn_at_percent": 80 },
        "approval": { "trailer": "Cost-Approved" }
      }
      """)
    let feature = try #require(config.features.first)
    #expect(feature.callsPerDay == 12000)
    #expect(feature.prompt[0] == PromptPart(file: "prompts/support/system.md", role: .system, cache: true))
    #expect(feature.prompt[1].kind == .tools)
    #expect(feature.history == FeatureConfig.History(turns: 6, tokensPerTurn: 180))
    #expect(feature.traces == .baseAndHead(base: ["canary/support.base.jsonl"], head: ["canary/support.jsonl"]))
    #expect(feature.thresholds.fail.costPerCallPercent == 20)
    #expect(config.thresholds.fail.inputTokensPerCall == 12000)
    #expect(config.budgets.monthlyUSD == 20000)
  }

  @Test(arguments: [
    (
      #"{"version": 1, "features": [], "tresholds": {}}"#,
      "tokentax.json: tresholds is not a known key; did you mean 'thresholds'?"
    ),
    (
      #"{"version": 1, "features": [{"id": "a", "calls_per_dya": 3}]}"#,
      "tokentax.json: features[0].calls_per_dya is not a known key; did you mean 'calls_per_day'?"
    ),
    (
      #"{"version": 1, "features": [{"id": "a", "calls_per_day": -3}]}"#,
      "tokentax.json: features[0].calls_per_day must be a number from 0 to 100000000000, not -3"
    ),
    (
      #"{"version": 1, "features": [{"id": "a", "prompt": [{"file": "../secrets.txt"}]}]}"#,
      "path '../secrets.txt' leaves the repository; config paths must be relative to the repo root and stay inside it"
    ),
    (
      #"{"version": 2, "features": []}"#,
      "tokentax.json: version 2 is newer than this tokentax understands (1); upgrade tokentax or set \"version\": 1"
    ),
    (
      #"{"version": 1, "features": [{"id": "a"}, {"id": "a"}]}"#,
      "tokentax.json: feature id 'a' appears twice; feature ids must be unique"
    ),
    (
      #"{"version": 1, "features": [{"id": "a", "prompt": [{"file": "x", "role": "sytem"}]}]}"#,
      #"tokentax.json: features[0].prompt[0].role is "sytem" (did you mean 'system'?), expected one of system, user, assistant, developer"#
    ),
    ("{\"version\": 1,\n  \"features\": [\n}", "tokentax.json:3:1: unexpected '}'; expected a value"),
  ])
  func rejectsBadConfigWithOneSentence(text: String, message: String) {
    do {
      _ = try decode(text)
      Issue.record("expected an error for \(text)")
    } catch {
      #expect("\(error)" == message)
    }
  }
}
