import Foundation
import JSON
import Testing

@testable import TokenTaxKit

/// `tokentax prices update` in a repository whose config reads `prices/litellm.json`: the import,
/// a newer map with one price changed, and the refusals.
@Suite struct PricesUpdateEndToEndTests {
  static let config = """
    { "version": 1, "prices": { "files": ["prices/litellm.json"] },
      "features": [ { "id": "bot", "model": "gpt-5", "calls_per_day": 1000, "output_tokens": 100,
        "prompt": [ { "file": "prompts/system.md", "role": "system" } ] } ] }
    """

  func repository() throws -> (TestRepository, String) {
    let repo = try TestRepository()
    try repo.write("tokentax.json", Self.config)
    try repo.write("prompts/system.md", "You are helpful.")
    let excerpt = try String(
      contentsOf: PriceFileTests.fixtures.appendingPathComponent("litellm-excerpt.json"), encoding: .utf8)
    try repo.write("litellm.json", excerpt)
    return (repo, excerpt)
  }

  /// gpt-5 at $1.25 / $10 per 1M; the system message is 10 input tokens with chat framing:
  /// (10 × 1.25 + 100 × 10) / 1e6 = $0.0010125 a call, $30.38 a month. At $1.10 input:
  /// (11 + 1000) / 1e6 × 30,000 = $30.33.
  @Test func importThenUpdateSaysWhatChanged() throws {
    let (repo, excerpt) = try repository()
    let first = repo.run("prices", "update", "litellm.json", "--as-of", "2026-11-01")
    #expect(first.code == .success, "\(first.stderr)")
    #expect(
      first.stdout == """
        tokentax: wrote prices/litellm.json: 10 models, dated 2026-11-01
        the models the config uses:
          gpt-5  input $1.25, output $10.00 per 1M
        next: review and commit prices/litellm.json

        """)
    let outdated = repo.run("prices", "gpt-5", "--outdated", "--as-of", "2026-12-01")
    #expect(outdated.stdout.contains("gpt-5  2026-11-01  30 days"), "\(outdated.stdout)")
    try repo.commit("import prices")

    // gpt-5's input price moves; its batch price stays, so its batch discount moves too.
    var map = try JSONParser().parse(excerpt).objectValue ?? [:]
    var gpt5 = map["gpt-5"]?.objectValue ?? [:]
    gpt5["input_cost_per_token"] = .number("1.1e-06")
    map["gpt-5"] = .object(gpt5)
    try repo.write("litellm.json", JSONWriter.string(.object(map)))
    let dry = repo.run("prices", "update", "litellm.json", "--as-of", "2026-12-01", "--dry-run")
    #expect(dry.stdout.hasPrefix("tokentax: would write prices/litellm.json"))
    #expect(try repo.git("status", "--porcelain", "prices").isEmpty)

    let second = repo.run("prices", "update", "litellm.json", "--as-of", "2026-12-01")
    #expect(second.code == .success, "\(second.stderr)")
    #expect(
      second.stdout == """
        tokentax: wrote prices/litellm.json: 10 models, dated 2026-12-01
        against the file it replaces: 0 added, 0 removed, 1 repriced
        the models the config uses:
          gpt-5  input $1.25 → $1.10 per 1M
        forecast at the new prices: $30.38 → $30.33/month (-$0.045); 'tokentax estimate' shows each feature
        next: review and commit prices/litellm.json

        """)
    // The pull request shows the price that moved and the date, nothing else.
    let diff = try repo.git("diff", "--numstat", "prices/litellm.json")
    #expect(diff.hasPrefix("3\t3\t"), "\(diff)")
    #expect(try repo.git("diff", "prices/litellm.json").contains("+      \"batch_discount\": 0.431818,"))
  }

  @Test func standardInputAndAnExplicitTarget() throws {
    let (repo, excerpt) = try repository()
    let run = InProcessRun(
      ["prices", "update", "-", "--to", "vendor/prices.json", "--as-of", "2026-11-01"], in: repo.root,
      stdin: Data(excerpt.utf8))
    #expect(run.code == .success, "\(run.stderr)")
    #expect(run.stdout.contains("note: the config does not read vendor/prices.json yet; add it to prices.files"))
    let written = try JSONParser().parse(Data(contentsOf: repo.root.appendingPathComponent("vendor/prices.json")))
    #expect(written["source"] == .string(PriceImport.defaultSource))
    #expect(written["models"]?["claude-sonnet-4-5"]?["output"] == .number("15"))
  }

  @Test(arguments: [
    ([String](), "name one LiteLLM price file to import"),
    (["missing.json"], "missing.json: No such file or directory"),
    (["litellm.json", "--to", "mine.json"], "'mine.json' is a price file an import did not write"),
    (["litellm.json", "--as-of", "Dec 1"], "--as-of must be a date written YYYY-MM-DD"),
    (["mine.json", "--to", "x.json"], "is in tokentax's own price format already"),
  ])
  func refusalsExitTwoWithOneSentence(arguments: [String], message: String) throws {
    let (repo, _) = try repository()
    try repo.write("mine.json", #"{"version": 1, "models": {"acme": {"input": 1, "output": 2}}}"#)
    let run = InProcessRun(["prices", "update"] + arguments, in: repo.root)
    #expect(run.code == .couldNotRun)
    #expect(run.stderr.contains(message), "\(run.stderr)")
    #expect(run.stderr.split(separator: "\n").count == 1)
    #expect(try String(contentsOf: repo.root.appendingPathComponent("mine.json"), encoding: .utf8).contains("acme"))
  }

  @Test func withoutAPriceFileInTheConfigItAsksForOne() throws {
    let (repo, _) = try repository()
    try repo.write("tokentax.json", Self.config.replacingOccurrences(of: #""prices/litellm.json""#, with: ""))
    let run = repo.run("prices", "update", "litellm.json")
    #expect(run.code == .couldNotRun)
    #expect(run.stderr.contains("no price file to update: pass --to PATH"), "\(run.stderr)")
  }
}
