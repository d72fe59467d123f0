import Foundation
import JSON
import Testing

@testable import TokenTaxKit

/// A gate from the first pull request: a base without `tokentax.json` is measured with the
/// head's config, and `--config-from` applies one side's config to both.
@Suite struct BaselineEndToEndTests {
  /// The prompt grows from 4 to 11 tokens in the commit that adds the config, so the baseline is
  /// the same config on the old prompt: input 63 → 70 (see CheckEndToEndTests for the counts),
  /// cost per call +1.5 %, within the 5 % warn threshold.
  func adoptingRepository() throws -> TestRepository {
    let repo = try TestRepository()
    try repo.write("prompts/system.md", "You are helpful.")
    try repo.write("prompts/user.hbs", "{{question}}")
    try repo.commit("before tokentax")
    try repo.write("prompts/system.md", "You are helpful. Always cite the document you used.")
    try repo.write("tokentax.json", CheckEndToEndTests.config())
    try repo.commit("adopt tokentax")
    return repo
  }

  @Test func configAddedInTheHeadGetsABaseline() throws {
    let repo = try adoptingRepository()
    let result = repo.run("check", "--base", "HEAD~1", "--head", "HEAD", "--format", "json")
    #expect(result.code == .success, "\(result.stderr)")
    let report = try JSONParser().parse(result.stdout)
    let feature = try #require(report["features"]?.arrayValue?.first)
    #expect(feature["status"] == .string("pass"))
    #expect(feature["base"]?["input_tokens"] == .number("63"))
    #expect(feature["head"]?["input_tokens"] == .number("70"))
    let base = try repo.git("rev-parse", "HEAD~1").prefix(12)
    let note = "the base (commit \(base) (HEAD~1)) has no tokentax.json: the head's config is applied to both sides"
    #expect(report["notes"] == .array([.string(note)]))
    for format in ["table", "markdown", "github"] {
      let rendered = repo.run("check", "--base", "HEAD~1", "--head", "HEAD", "--format", format).stdout
      #expect(
        rendered.contains("has no tokentax.json: the head's config is applied to both sides"), "\(format): \(rendered)")
    }
  }

  /// History before adoption: neither revision has the config, the working tree does.
  @Test func historyBeforeAdoptionWithTheWorkingTreesConfig() throws {
    let repo = try TestRepository()
    try repo.write("prompts/system.md", "You are helpful.")
    try repo.write("prompts/user.hbs", "{{question}}")
    try repo.commit("v1")
    try repo.write("prompts/system.md", "You are helpful. Always cite the document you used.")
    try repo.commit("v2")
    try repo.write("tokentax.json", CheckEndToEndTests.config())
    let refused = repo.run("check", "--base", "HEAD~1", "--head", "HEAD")
    #expect(refused.code == .couldNotRun)
    let head = try repo.git("rev-parse", "HEAD").prefix(12)
    #expect(
      refused.stderr == "error: no tokentax.json at commit \(head) (HEAD), but the working tree has one; "
        + "pass --config-from worktree to apply it to both sides\n")
    let result = repo.run(
      "check", "--base", "HEAD~1", "--head", "HEAD", "--config-from", "worktree", "--format", "json")
    #expect(result.code == .success, "\(result.stderr)")
    let report = try JSONParser().parse(result.stdout)
    #expect(report["features"]?.arrayValue?.first?["base"]?["input_tokens"] == .number("63"))
    #expect(report["features"]?.arrayValue?.first?["head"]?["input_tokens"] == .number("70"))
    #expect(
      report["notes"]?.arrayValue?.first
        == .string("--config-from worktree: the working tree's tokentax.json is applied to both sides"))
  }

  /// A feature the head's config names whose files did not exist at the base is added there,
  /// not an error; `--config-from base` on a base without the file names the base.
  @Test func featureNewerThanTheBaseIsAdded() throws {
    let repo = try TestRepository()
    try repo.write("README.md", "app")
    try repo.commit("before prompts")
    try repo.write("prompts/system.md", "You are helpful.")
    try repo.write("prompts/user.hbs", "{{question}}")
    try repo.write("tokentax.json", CheckEndToEndTests.config())
    try repo.commit("prompts and config")
    let result = repo.run("check", "--base", "HEAD~1", "--head", "HEAD", "--format", "json")
    #expect(result.code == .success, "\(result.stderr)")
    #expect(try JSONParser().parse(result.stdout)["features"]?.arrayValue?.first?["status"] == .string("added"))
    let fromBase = repo.run("check", "--base", "HEAD~1", "--head", "HEAD", "--config-from", "base")
    #expect(fromBase.code == .couldNotRun)
    let base = try repo.git("rev-parse", "HEAD~1").prefix(12)
    #expect(
      fromBase.stderr.hasPrefix("error: no tokentax.json at commit \(base) (HEAD~1); run 'tokentax init'"),
      "\(fromBase.stderr)")
  }

  /// A glob that matches nothing at one side is an empty part there, with a note.
  @Test func globMatchingNothingAtTheBaseIsAnEmptyPart() throws {
    let repo = try TestRepository()
    try repo.write("prompts/system.md", "You are helpful.")
    try repo.write("prompts/user.hbs", "{{question}}")
    let config = CheckEndToEndTests.config().replacingOccurrences(
      of: #"{ "file": "prompts/user.hbs", "role": "user" }"#,
      with: #"{ "file": "prompts/user.hbs", "role": "user" }, { "file": "prompts/examples/*.md", "role": "user" }"#)
    try repo.write("tokentax.json", config)
    try repo.commit("base")
    try repo.write("prompts/examples/one.md", "Example answer.")
    let result = repo.run("check", "--base", "HEAD", "--format", "json")
    #expect(result.code != .couldNotRun, "\(result.stderr)")
    let base = try repo.git("rev-parse", "HEAD").prefix(12)
    let notes = try JSONParser().parse(result.stdout)["notes"]
    #expect(
      notes
        == .array([
          .string("feature 'bot': 'prompts/examples/*.md' matches no file at commit \(base); counted as empty there")
        ]))
  }
}
