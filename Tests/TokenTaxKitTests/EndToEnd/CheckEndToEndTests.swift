import Foundation
import JSON
import Testing

@testable import TokenTaxKit

/// `tokentax check` on real temporary git repositories, numbers computed by hand.
///
/// Prices come from a config override ($3 / $12 per million, o200k_base) so the arithmetic
/// does not depend on the built-in table. Token counts of the prompt texts are tiktoken's
/// (o200k_base, checked with the tiktoken oracle), stated beside each use.
@Suite struct CheckEndToEndTests {
  static func config(model: String = "acme-ft-1", callsPerDay: String = "1000", output: Int = 100, extra: String = "")
    -> String
  {
    """
    {
      "version": 1,
      "prices": { "overrides": {
        "acme-ft-1": { "input": 3.0, "output": 12.0, "encoding": "o200k_base" },
        "acme-ft-2": { "input": 6.0, "output": 24.0, "encoding": "o200k_base" } } },
      "features": [ {
        "id": "bot", "model": "\(model)", "calls_per_day": \(callsPerDay), "output_tokens": \(output),
        "prompt": [ { "file": "prompts/system.md", "role": "system" }, { "file": "prompts/user.hbs", "role": "user" } ],
        "variables": { "question": 50 }
      } ],
      "thresholds": { "warn": { "cost_percent": 5 }, "fail": { "cost_percent": 15 } }\(extra)
    }
    """
  }

  func baseRepository() throws -> TestRepository {
    let repo = try TestRepository()
    try repo.write("tokentax.json", Self.config())
    try repo.write("prompts/system.md", "You are helpful.")  // 4 tokens
    try repo.write("prompts/user.hbs", "{{question}}")  // placeholder: 50 tokens
    try repo.commit("base")
    return repo
  }

  /// input = 4 + 50 + 2 messages × 3 + 3 priming = 63; cost = (63 × 3 + 100 × 12) / 1e6 = 0.001389.
  @Test func unchangedRepositoryPassesWithExactNumbers() throws {
    let repo = try baseRepository()
    let result = repo.run("check", "--base", "HEAD", "--format", "json")
    #expect(result.code == .success, "\(result.stderr)")
    let report = try JSONParser().parse(result.stdout)
    let feature = try #require(report["features"]?.arrayValue?.first)
    #expect(feature["head"]?["input_tokens"] == .number("63"))
    #expect(feature["head"]?["cost_per_call_usd"] == .number("0.001389"))
    // 0.001389 × 1000 calls × 30 days
    #expect(feature["head"]?["monthly_usd"] == .number("41.67"))
    #expect(report["status"] == .string("pass"))
  }

  /// The system prompt grows from 4 to 11 tokens (tiktoken): input 63 → 70, and output 100 → 120:
  /// cost (70 × 3 + 120 × 12) / 1e6 = 0.00165, +18.79 % over 0.001389, fails cost_percent 15.
  @Test func regressionOverFailThresholdExitsOne() throws {
    let repo = try baseRepository()
    try repo.write("prompts/system.md", "You are helpful. Always cite the document you used.")  // 11 tokens
    try repo.write("tokentax.json", Self.config(output: 120))
    let result = repo.run("check", "--base", "HEAD", "--format", "json")
    #expect(result.code == .regression, "\(result.stderr)")
    let report = try JSONParser().parse(result.stdout)
    let feature = try #require(report["features"]?.arrayValue?.first)
    #expect(feature["head"]?["input_tokens"] == .number("70"))
    #expect(feature["head"]?["cost_per_call_usd"] == .number("0.00165"))
    #expect(feature["status"] == .string("fail"))
    #expect(feature["violations"]?.arrayValue?.first?["rule"] == .string("cost_percent"))
    #expect(report["exit_code"] == .number("1"))
  }

  @Test func approvalTrailerTurnsFailIntoApproved() throws {
    let repo = try baseRepository()
    try repo.write("tokentax.json", Self.config(model: "acme-ft-2"))
    try repo.commit("Move to ft-2\n\nCost-Approved: launch week, finance signed off")
    let result = repo.run("check", "--base", "HEAD~1", "--head", "HEAD", "--format", "json")
    #expect(result.code == .success, "\(result.stderr)")
    let report = try JSONParser().parse(result.stdout)
    #expect(report["status"] == .string("approved"))
  }

  /// The total forecast $41.67/month (see above) is over a $40 budget. Without a change that is
  /// a warning (the level was there before); the system prompt growing from 4 to 11 tokens
  /// (input 70: $42.30/month) makes it worse, a fail at the level of the whole change, reported
  /// in every format, even though no threshold on the change fired.
  @Test func totalBudgetFailsOnlyWhenTheChangeMakesItWorse() throws {
    let repo = try baseRepository()
    try repo.write("tokentax.json", Self.config(extra: #", "budgets": { "monthly_usd": 40 }"#))
    try repo.commit("budget")
    let unchanged = repo.run("check", "--base", "HEAD", "--format", "json")
    #expect(unchanged.code == .success, "\(unchanged.stderr)")
    let before = try JSONParser().parse(unchanged.stdout)["totals"]?["violations"]?.arrayValue?.first
    #expect(before?["level"] == .string("warn"))
    #expect(
      before?["message"]
        == .string("total forecast $41.67/month is over the budget of $40.00 (104.2 %), no more than at the base"))

    try repo.write("prompts/system.md", "You are helpful. Always cite the document you used.")
    let result = repo.run("check", "--base", "HEAD", "--format", "json")
    #expect(result.code == .regression)
    let totals = try JSONParser().parse(result.stdout)["totals"]
    #expect(totals?["violations"]?.arrayValue?.first?["rule"] == .string("budget"))
    #expect(
      totals?["violations"]?.arrayValue?.first?["message"]
        == .string("total forecast $42.30/month is over the budget of $40.00 (105.8 %)"))
    let table = repo.run("check", "--base", "HEAD", "--no-color").stdout
    #expect(table.contains("✖ fail  total forecast $42.30/month is over the budget of $40.00 (105.8 %) [budget]"))
    #expect(table.contains("FAIL  the total over its budget (exit 1)"))
  }

  /// Trailers count only on commits between base and the head checked: an approval on a later
  /// commit does not approve an earlier head.
  @Test func approvalOnlyFromCommitsUpToTheHead() throws {
    let repo = try baseRepository()
    try repo.write("tokentax.json", Self.config(model: "acme-ft-2"))
    let pricey = try repo.commit("Move to ft-2")
    try repo.write("prompts/system.md", "You are helpful!")
    try repo.commit("Tweak\n\nCost-Approved: later approval")
    let result = repo.run("check", "--base", "HEAD~2", "--head", pricey, "--format", "json")
    #expect(result.code == .regression, "\(result.stderr)")
    #expect(repo.run("check", "--base", "HEAD~2", "--head", "HEAD").code == .success)
  }

  @Test func stagedComparesIndexWithHead() throws {
    let repo = try baseRepository()
    try repo.write("tokentax.json", Self.config(output: 200))
    let unstaged = repo.run("check", "--staged")  // not staged yet: index == HEAD
    #expect(unstaged.code == .success)
    #expect(
      unstaged.stdout
        == "tokentax: within policy · 1 feature, 0 changed\nmonthly: $41.67 → $41.67 ($0.00)\ndetails: tokentax check --staged --format markdown\n"
    )
    try repo.git("add", "tokentax.json")
    let staged = repo.run("check", "--staged", "--json-report", "report.json")
    #expect(staged.code == .regression)
    #expect(staged.stdout.contains("FAIL"))
    let saved = try String(contentsOf: repo.root.appendingPathComponent("report.json"), encoding: .utf8)
    #expect(try JSONParser().parse(saved)["status"] == .string("fail"))
  }

  @Test func unknownMonthlyIsNeverZero() throws {
    let repo = try baseRepository()
    try repo.write("tokentax.json", Self.config(callsPerDay: "null"))
    let result = repo.run("check", "--base", "HEAD", "--format", "json")
    let feature = try #require(try JSONParser().parse(result.stdout)["features"]?.arrayValue?.first)
    #expect(feature["head"]?["monthly_usd"] == .null)
    #expect(result.stdout.contains("calls_per_day"))
  }

  @Test(arguments: [
    (["check", "--base", "nope"], "unknown git revision 'nope'"),
    (["check", "--base", "HEAD", "--fromat", "json"], "did you mean '--format'?"),
    (["check", "--base", "HEAD", "--head", "HEAD", "--staged"], "use only one of --head, --staged and --worktree"),
    (["check", "--base", "HEAD", "--config", "../outside.json"], "leaves the repository"),
    (["chek"], "did you mean 'check'?"),
  ])
  func couldNotRunExitsTwoWithOneSentence(arguments: [String], message: String) throws {
    let repo = try baseRepository()
    let run = InProcessRun(arguments, in: repo.root)
    #expect(run.code == .couldNotRun)
    #expect(run.stderr.contains(message), "\(run.stderr)")
    #expect(run.stderr.split(separator: "\n").count == 1)
  }

  @Test(arguments: [
    ("tokentax.json", "{ \"version\": 1, \"features\": [ }", "tokentax.json:1:31: unexpected '}'; expected a value"),
    ("prompts/user.hbs", "{{question", "prompts/user.hbs:1:1: unclosed '{{'"),
    ("prompts/system.md", "bad \u{0}byte", "prompts/system.md: not UTF-8 text (invalid or binary byte at offset 4)"),
  ])
  func badInputNamesFileAndPosition(path: String, content: String, message: String) throws {
    let repo = try baseRepository()
    try repo.write(path, content)
    let result = repo.run("check", "--base", "HEAD")
    #expect(result.code == .couldNotRun)
    #expect(result.stderr.contains(message), "\(result.stderr)")
  }

  /// Same prompt files under a new id: one renamed feature compared with its old self, not a
  /// removal plus an addition.
  @Test func renamedFeatureIsComparedWithItsOldSelf() throws {
    let repo = try baseRepository()
    try repo.write(
      "tokentax.json", Self.config().replacingOccurrences(of: #""id": "bot""#, with: #""id": "helpdesk-bot""#))
    let result = repo.run("check", "--base", "HEAD", "--format", "json")
    #expect(result.code == .success, "\(result.stderr)")
    let features = try #require(try JSONParser().parse(result.stdout)["features"]?.arrayValue)
    #expect(features.count == 1)
    #expect(features.first?["id"] == .string("helpdesk-bot"))
    #expect(features.first?["renamed_from"] == .string("bot"))
    #expect(features.first?["status"] == .string("pass"))
    #expect(repo.run("check", "--base", "HEAD", "--no-color").stdout.contains("helpdesk-bot (was bot)"))
  }

  /// A line that brings a placeholder is worth what the estimate counts for it: "\nContext: "
  /// (4 tokens) plus the placeholder's 300, not the 8 tokens of its text.
  @Test func aChangedLineIsWorthWhatTheEstimateCountsForIt() throws {
    let repo = try baseRepository()
    try repo.write(
      "tokentax.json",
      Self.config().replacingOccurrences(of: #""question": 50"#, with: #""question": 50, "context": 300"#))
    try repo.write("prompts/user.hbs", "{{question}}\nContext: {{context}}")
    let feature = try #require(
      try JSONParser().parse(repo.run("check", "--base", "HEAD", "--format", "json").stdout)["features"]?.arrayValue?
        .first)
    #expect(feature["delta"]?["input_tokens"] == .number("304"))
    #expect(
      feature["top_changes"]
        == .array([.object(["file": .string("prompts/user.hbs"), "line": .number("2"), "tokens": .number("304")])]))
  }

  /// A tools file is sent minified: a property added on a line of its own is worth the 7 tokens
  /// the minified JSON gains (22 → 29), not its indented line.
  @Test func aToolsFileChangeIsAttributedToItsLine() throws {
    let tools = #"{ "file": "prompts/tools.json", "kind": "tools" }, { "file": "prompts/user.hbs""#
    let repo = try baseRepository()
    try repo.write(
      "tokentax.json", Self.config().replacingOccurrences(of: #"{ "file": "prompts/user.hbs""#, with: tools))
    let definition = """
      [{"name": "lookup", "parameters": {"type": "object", "properties": {
        "id": {"type": "string"}
      }}}]
      """
    try repo.write("prompts/tools.json", definition)
    try repo.commit("tools")
    try repo.write(
      "prompts/tools.json",
      definition.replacingOccurrences(of: "\n  \"id\"", with: "\n  \"region\": {\"type\": \"string\"},\n  \"id\""))
    let feature = try #require(
      try JSONParser().parse(repo.run("check", "--base", "HEAD", "--format", "json").stdout)["features"]?.arrayValue?
        .first)
    #expect(feature["delta"]?["input_tokens"] == .number("7"))
    #expect(
      feature["top_changes"]
        == .array([.object(["file": .string("prompts/tools.json"), "line": .number("2"), "tokens": .number("7")])]))
  }

  @Test func pricesShowsTheConfigsOverrides() throws {
    let repo = try baseRepository()
    let result = repo.run("prices", "acme-ft-1", "gpt-5", "--json")
    #expect(result.code == .success, "\(result.stderr)")
    let models = try JSONParser().parse(result.stdout)["models"]
    #expect(models?["acme-ft-1"]?["input"] == .number("3"))
    #expect(models?["gpt-5"] != nil)
  }

  @Test func missingPromptFileAndUnknownModel() throws {
    let repo = try baseRepository()
    try repo.remove("prompts/user.hbs")
    #expect(
      repo.run("check", "--base", "HEAD").stderr.contains(
        "prompt file 'prompts/user.hbs' matches no file at the working tree"))
    try repo.write("prompts/user.hbs", "{{question}}")
    try repo.write("tokentax.json", Self.config(model: "acme-ft-9"))
    let result = repo.run("check", "--base", "HEAD")
    #expect(result.code == .couldNotRun)
    #expect(result.stderr.contains("unknown model 'acme-ft-9'"), "\(result.stderr)")
  }
}
