import Foundation
import JSON
import Testing

@testable import TokenTaxKit

/// `check --from-ref A --to-ref B` and pre-commit's range variables: the head is B, the base is
/// the merge-base of A and B, so a commit that landed on main after the branch forked does not
/// count against the branch. Numbers as in `CheckEndToEndTests` (63 input tokens at the fork).
@Suite struct RangeEndToEndTests {
  /// main: base → (later) a README commit; branch `feature`: the system prompt grows 4 → 11
  /// tokens and output 100 → 120, +18.79 % (fails cost_percent 15).
  func forkedRepository() throws -> TestRepository {
    let repo = try TestRepository()
    try repo.write("tokentax.json", CheckEndToEndTests.config())
    try repo.write("prompts/system.md", "You are helpful.")
    try repo.write("prompts/user.hbs", "{{question}}")
    try repo.commit("base")
    try repo.git("checkout", "-q", "-b", "feature")
    try repo.write("prompts/system.md", "You are helpful. Always cite the document you used.")
    try repo.write("tokentax.json", CheckEndToEndTests.config(output: 120))
    try repo.commit("longer prompt")
    try repo.git("checkout", "-q", "main")
    // main moves on with the same change, so comparing with main's tip would show nothing.
    try repo.write("prompts/system.md", "You are helpful. Always cite the document you used.")
    try repo.write("tokentax.json", CheckEndToEndTests.config(output: 120))
    try repo.commit("same change on main")
    return repo
  }

  @Test func fromRefToRefComparesWithTheMergeBase() throws {
    let repo = try forkedRepository()
    let fork = try repo.git("merge-base", "main", "feature").trimmingCharacters(in: .whitespacesAndNewlines)
    let result = repo.run("check", "--from-ref", "main", "--to-ref", "feature", "--format", "json")
    #expect(result.code == .regression, "\(result.stderr)")
    let report = try JSONParser().parse(result.stdout)
    #expect(report["base"]?["rev"] == .string(fork))
    #expect(report["base"]?["label"] == .string("main"))
    #expect(report["head"]?["label"] == .string("feature"))
    let feature = try #require(report["features"]?.arrayValue?.first)
    #expect(feature["base"]?["input_tokens"] == .number("63"))
    #expect(feature["head"]?["input_tokens"] == .number("70"))
    // --base is literal: main's tip already has the change, so nothing moved.
    #expect(repo.run("check", "--base", "main", "--head", "feature").code == .success)
  }

  /// `pre-commit run --from-ref main --to-ref feature` runs the hook's `check --staged` with these
  /// variables set; the index (equal to HEAD here) is not what is judged then.
  @Test func stagedUnderPreCommitReadsTheRangeVariables() throws {
    let repo = try forkedRepository()
    let plain = repo.run("check", "--staged")
    #expect(plain.code == .success, "\(plain.stderr)")
    for names in [("PRE_COMMIT_FROM_REF", "PRE_COMMIT_TO_REF"), ("PRE_COMMIT_SOURCE", "PRE_COMMIT_ORIGIN")] {
      let ranged = repo.run(
        "check", "--staged", "--format", "json", environment: [names.0: "main", names.1: "feature"])
      #expect(ranged.code == .regression, "\(names): \(ranged.stderr)")
      let report = try JSONParser().parse(ranged.stdout)
      #expect(report["head"]?["label"] == .string("feature"))
    }
    // An empty pair (pre-commit without a range) keeps the staged comparison.
    let empty = repo.run("check", "--staged", environment: ["PRE_COMMIT_FROM_REF": "", "PRE_COMMIT_TO_REF": ""])
    #expect(empty.code == .success)
  }

  @Test(arguments: [
    (["--from-ref", "main"], "--from-ref and --to-ref go together"),
    (["--to-ref", "feature"], "--from-ref and --to-ref go together"),
    (["--from-ref", "main", "--to-ref", "feature", "--base", "main"], "leave out --base"),
    (["--from-ref", "main", "--to-ref", "feature", "--staged"], "leave out --staged"),
    (["--from-ref", "nope", "--to-ref", "feature"], "unknown git revision 'nope'"),
    (["--from-ref", "main", "--to-ref", "orphan"], "'main' and 'orphan' have no common ancestor"),
  ])
  func badRangesExitTwoWithOneSentence(arguments: [String], message: String) throws {
    let repo = try forkedRepository()
    try repo.git("checkout", "-q", "--orphan", "orphan")
    try repo.commit("unrelated history")
    let run = InProcessRun(["check"] + arguments, in: repo.root)
    #expect(run.code == .couldNotRun)
    #expect(run.stderr.contains(message), "\(run.stderr)")
    #expect(run.stderr.split(separator: "\n").count == 1)
  }
}
