import Foundation
import JSON
import Testing

@testable import TokenTaxKit

/// `check` with canary traces committed at each revision (`"traces": "canary/*.jsonl"`): the
/// base side is read from the base commit, the head side from the working tree.
@Suite struct CheckTracesEndToEndTests {
  /// `calls` native lines for feature `bot`, case ids shared across sides, output `output ± 5`.
  static func traces(output: Int, calls: Int = 40) -> String {
    (0..<calls).map { index in
      let jitter = index % 3 - 1  // -1, 0, +1: small, symmetric noise
      return
        #"{"feature":"bot","case":"c-\#(index)","model":"acme-ft-1","input_tokens":60,"output_tokens":\#(output + 5 * jitter)}"#
    }.joined(separator: "\n") + "\n"
  }

  func repository(baseOutput: Int) throws -> TestRepository {
    let repo = try TestRepository()
    let config = CheckEndToEndTests.config().replacingOccurrences(
      of: #""variables": { "question": 50 }"#, with: #""variables": { "question": 50 }, "traces": "canary/*.jsonl""#
    )
    .replacingOccurrences(of: #""fail": { "cost_percent": 15 }"#, with: #""fail": { "output_tokens_percent": 30 }"#)
    try repo.write("tokentax.json", config)
    try repo.write("prompts/system.md", "You are helpful.")
    try repo.write("prompts/user.hbs", "{{question}}")
    try repo.write("canary/bot.jsonl", Self.traces(output: baseOutput))
    try repo.commit("base")
    return repo
  }

  /// Mean output 100 → 150 (+50 %, a tight interval): the traces' numbers replace the config's
  /// output_tokens (100 vs 100 here, so any change must come from traces) and the rule fails.
  @Test func significantOutputGrowthFails() throws {
    let repo = try repository(baseOutput: 100)
    try repo.write("canary/bot.jsonl", Self.traces(output: 150))
    let result = repo.run("check", "--base", "HEAD", "--format", "json")
    #expect(result.code == .regression, "\(result.stderr)")
    let feature = try #require(try JSONParser().parse(result.stdout)["features"]?.arrayValue?.first)
    #expect(feature["base"]?["output_tokens"] == .number("100"))
    #expect(feature["head"]?["output_tokens"] == .number("150"))
    #expect(feature["head"]?["source"]?["output_tokens"] == .string("traces"))
    #expect(feature["violations"]?.arrayValue?.first?["rule"] == .string("output_tokens_percent"))
    #expect(feature["traces"]?["paired"] == .bool(true))
  }

  /// +20 % is under the 30 % limit: a pass, even though the change is real.
  @Test func growthUnderTheLimitPasses() throws {
    let repo = try repository(baseOutput: 100)
    try repo.write("canary/bot.jsonl", Self.traces(output: 120))
    let result = repo.run("check", "--base", "HEAD", "--format", "json")
    #expect(result.code == .success, "\(result.stderr)")
  }

  /// Fewer calls than min_samples is a warning, never a silent pass.
  @Test func tooFewCallsWarn() throws {
    let repo = try repository(baseOutput: 100)
    try repo.write("canary/bot.jsonl", Self.traces(output: 100, calls: 5))
    let result = repo.run("check", "--base", "HEAD", "--format", "json")
    #expect(result.stdout.contains("fewer than min_samples 20"), "\(result.stdout)")
  }

  /// `traces summarize` in a repository applies the config's `traces.rules` to untagged calls.
  @Test func summarizeUsesTheConfigsAttributionRules() throws {
    let repo = try repository(baseOutput: 100)
    let config = try String(contentsOf: repo.root.appendingPathComponent("tokentax.json"), encoding: .utf8)
      .replacingOccurrences(
        of: #""version": 1,"#,
        with: #""version": 1, "traces": { "rules": [ { "match": { "metadata.app": "help*" }, "feature": "bot" } ] },"#)
    try repo.write("tokentax.json", config)
    try repo.write(
      "untagged.jsonl",
      #"{"model":"acme-ft-1","input_tokens":10,"output_tokens":5,"metadata":{"app":"helpdesk"}}"# + "\n"
        + #"{"model":"acme-ft-1","input_tokens":10,"output_tokens":5,"metadata":{"app":"other"}}"# + "\n")
    let result = repo.run("traces", "summarize", "untagged.jsonl", "--json")
    #expect(result.code == .success, "\(result.stderr)")
    let ids = try JSONParser().parse(result.stdout)["features"]?.arrayValue?.compactMap { $0["id"]?.stringValue }
    #expect(ids == ["bot", "unattributed"])
  }

  /// A trace path that names nothing is exit 2 whether it is a plain path or a glob, read from
  /// the working tree or from a commit.
  @Test(arguments: ["canary/missing.jsonl", "canary/missing-*.jsonl"])
  func missingTraceFilesAreNamed(pattern: String) throws {
    let repo = try repository(baseOutput: 100)
    let config = try String(contentsOf: repo.root.appendingPathComponent("tokentax.json"), encoding: .utf8)
      .replacingOccurrences(of: #""traces": "canary/*.jsonl""#, with: #""traces": "\#(pattern)""#)
    try repo.write("tokentax.json", config)
    let expected =
      "error: trace path '\(pattern)' of feature 'bot' matches no file at the working tree; fix traces in tokentax.json\n"
    let worktree = repo.run("check", "--base", "HEAD")
    #expect(worktree.code == .couldNotRun)
    #expect(worktree.stderr == expected)
    try repo.commit("point at a missing trace file")
    let committed = repo.run("check", "--base", "HEAD~1", "--head", "HEAD")
    #expect(committed.code == .couldNotRun)
    #expect(
      committed.stderr.hasPrefix("error: trace path '\(pattern)' of feature 'bot' matches no file at commit "),
      "\(committed.stderr)")
  }

  @Test func malformedTraceLineNamesFileLineAndColumn() throws {
    let repo = try repository(baseOutput: 100)
    try repo.write(
      "canary/bot.jsonl", Self.traces(output: 100, calls: 3) + "{\"feature\": \"bot\", \"output_tokens\": }\n")
    let result = repo.run("check", "--base", "HEAD")
    #expect(result.code == .couldNotRun)
    #expect(result.stderr.contains("canary/bot.jsonl:4:"), "\(result.stderr)")
  }
}
