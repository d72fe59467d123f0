import Foundation
import JSON
import Testing

@testable import TokenTaxKit

/// docs/design.md, Bad input cases that need a real repository: each is exit 2 with one actionable sentence.
@Suite struct BadInputEndToEndTests {
  func repository() throws -> TestRepository {
    let repo = try TestRepository()
    try repo.write("tokentax.json", CheckEndToEndTests.config())
    try repo.write("prompts/system.md", "You are helpful.")
    try repo.write("prompts/user.hbs", "{{question}}")
    return repo
  }

  @Test func shallowCloneWithoutTheBaseSaysWhichFetchDepth() throws {
    let origin = try repository()
    let first = try origin.commit("one")
    try origin.write("prompts/system.md", "You are very helpful.")
    try origin.commit("two")
    let clone = try TestRepository()
    try FileManager.default.removeItem(at: clone.root)
    try Git.run(
      ["clone", "-q", "--depth", "1", "file://" + origin.root.path, clone.root.path], in: origin.root,
      environment: InProcessRun.processEnvironment)
    let result = clone.run("check", "--base", first)
    #expect(result.code == .couldNotRun)
    #expect(result.stderr.contains("is not in this shallow clone"), "\(result.stderr)")
    #expect(result.stderr.contains("fetch-depth: 0"))
  }

  @Test func detachedHeadStillChecks() throws {
    let repo = try repository()
    let first = try repo.commit("one")
    try repo.git("checkout", "-q", "--detach", first)
    #expect(repo.run("check", "--base", "HEAD").code == .success)
  }

  @Test func symlinkLeavingTheRepositoryIsRefused() throws {
    let repo = try repository()
    try repo.commit("one")
    try expectRefusedWhenLinkedOutside("prompts/system.md", in: repo)
  }

  /// Trace files stream from disk, but under the same confinement as prompt files.
  @Test func symlinkedTraceFileLeavingTheRepositoryIsRefused() throws {
    let repo = try repository()
    try repo.write(
      "tokentax.json",
      CheckEndToEndTests.config().replacingOccurrences(
        of: #""variables": { "question": 50 }"#, with: #""variables": { "question": 50 }, "traces": "canary/bot.jsonl""#
      ))
    try repo.write(
      "canary/bot.jsonl", #"{"feature":"bot","model":"acme-ft-1","input_tokens":60,"output_tokens":100}"# + "\n")
    try repo.commit("one")
    try expectRefusedWhenLinkedOutside("canary/bot.jsonl", in: repo)
  }

  /// At a revision the link is a blob holding its target's path: it must be refused like on
  /// disk, not counted as the prompt's text.
  @Test func symlinkCommittedAtTheBaseIsRefused() throws {
    let repo = try repository()
    try repo.remove("prompts/system.md")
    try FileManager.default.createSymbolicLink(
      atPath: repo.root.appendingPathComponent("prompts/system.md").path, withDestinationPath: "/etc/hostname")
    let base = try repo.commit("linked out")
    try repo.remove("prompts/system.md")
    try repo.write("prompts/system.md", "You are helpful.")
    let result = repo.run("check", "--base", base)
    #expect(result.code == .couldNotRun)
    #expect(result.stderr.contains("path 'prompts/system.md' leaves the repository"), "\(result.stderr)")
  }

  @Test func symlinkCommittedInsideTheRepositoryReadsItsTarget() throws {
    let repo = try repository()
    try repo.write("prompts/shared.md", "You are helpful.")
    try repo.remove("prompts/system.md")
    try FileManager.default.createSymbolicLink(
      atPath: repo.root.appendingPathComponent("prompts/system.md").path, withDestinationPath: "shared.md")
    let base = try repo.commit("linked in")
    let result = repo.run("check", "--base", base, "--format", "json")
    #expect(result.code == .success, "\(result.stderr)")
    // The head has the same text in a plain file: no token changes, as on disk.
    let report = try JSONParser().parse(Data(result.stdout.utf8))
    #expect(report["features"]?.arrayValue?.first?["delta"]?["input_tokens"]?.intValue == 0, "\(result.stdout)")
  }

  /// The index has no `--follow-symlinks`: a staged link must be refused like at a revision,
  /// not counted as its target's path text.
  @Test func symlinkStagedOutsideTheRepositoryIsRefused() throws {
    let repo = try repository()
    try repo.commit("one")
    try repo.remove("prompts/system.md")
    try FileManager.default.createSymbolicLink(
      atPath: repo.root.appendingPathComponent("prompts/system.md").path, withDestinationPath: "../../etc/hostname")
    _ = try repo.git("add", "-A")
    let result = repo.run("check", "--staged")
    #expect(result.code == .couldNotRun)
    #expect(result.stderr.contains("path 'prompts/system.md' leaves the repository"), "\(result.stderr)")
  }

  @Test func symlinkStagedInsideTheRepositoryReadsItsStagedTarget() throws {
    let repo = try repository()
    try repo.commit("one")
    let original = try String(contentsOf: repo.root.appendingPathComponent("prompts/system.md"), encoding: .utf8)
    try repo.write("prompts/shared/text.md", original)
    try repo.remove("prompts/system.md")
    try FileManager.default.createSymbolicLink(
      atPath: repo.root.appendingPathComponent("prompts/system.md").path,
      withDestinationPath: "./shared/../shared/text.md")
    _ = try repo.git("add", "-A")
    let result = repo.run("check", "--staged", "--format", "json")
    #expect(result.code == .success, "\(result.stderr)")
    // Same text behind the link: no token change, where the link's own blob would be one.
    let report = try JSONParser().parse(Data(result.stdout.utf8))
    #expect(report["features"]?.arrayValue?.first?["delta"]?["input_tokens"]?.intValue == 0, "\(result.stdout)")
  }

  /// A newline in a file name must not put git's line protocol out of step: at a revision, in
  /// the index and on disk the same three files give the same count (4 + 14 + 2 tokens, and 3
  /// each for the three system messages and the priming).
  @Test func fileNamesWithNewlinesReadTheSameEverywhere() throws {
    let repo = try TestRepository()
    try repo.write(
      "tokentax.json",
      #"{ "version": 1, "defaults": {"model": "gpt-5"}, "features": [ {"id": "bot", "prompt": [{"file": "prompts/*.md"}]} ] }"#
    )
    try repo.write("prompts/a.md", "You are helpful.")
    try repo.write("prompts/b\nc.md", "Odd file with a much longer text in it than the other one.")
    try repo.write("prompts/d.md", "Third.")
    try repo.commit("three prompts")
    try repo.write("prompts/e\nf.md", "Third.")
    try repo.git("add", "-A")
    func inputTokens(_ arguments: String...) throws -> Int? {
      let run = InProcessRun(arguments + ["--format", "json"], in: repo.root)
      #expect(run.code == .success, "\(arguments): \(run.stderr)")
      return try JSONParser().parse(Data(run.stdout.utf8))["features"]?.arrayValue?.first?["input_tokens"]?.intValue
    }
    #expect(try inputTokens("estimate", "--rev", "HEAD") == 4 + 14 + 2 + 3 * 3 + 3)
    // The staged fourth file (2 tokens + 3 framing) is read from the index by name too.
    let staged = InProcessRun(["check", "--staged", "--format", "json"], in: repo.root)
    let feature = try JSONParser().parse(Data(staged.stdout.utf8))["features"]?.arrayValue?.first
    #expect(feature?["base"]?["input_tokens"]?.intValue == 32, "\(staged.stderr)")
    #expect(feature?["head"]?["input_tokens"]?.intValue == 37)
    #expect(try inputTokens("estimate") == 37)
  }

  @Test func namedPipePromptIsRefusedWithoutBlocking() throws {
    let repo = try repository()
    try repo.commit("one")
    try repo.remove("prompts/system.md")
    #expect(mkfifo(repo.root.appendingPathComponent("prompts/system.md").path, 0o600) == 0)
    let result = repo.run("check", "--base", "HEAD")
    #expect(result.code == .couldNotRun)
    #expect(
      result.stderr
        == "error: cannot read 'prompts/system.md': it is a named pipe (FIFO), not a regular file; config paths "
        + "must name regular files in the repository\n")
  }

  /// Replaces the committed `path` with a symlink to a file outside the repository: `check`
  /// against HEAD must refuse it, naming the path.
  private func expectRefusedWhenLinkedOutside(
    _ path: String, in repo: TestRepository, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    try repo.remove(path)
    try FileManager.default.createSymbolicLink(
      atPath: repo.root.appendingPathComponent(path).path, withDestinationPath: "/etc/hostname")
    let result = repo.run("check", "--base", "HEAD")
    #expect(result.code == .couldNotRun, sourceLocation: sourceLocation)
    #expect(
      result.stderr.contains("path '\(path)' leaves the repository"), "\(result.stderr)", sourceLocation: sourceLocation
    )
  }

  @Test func missingConfigPointsToInit() throws {
    let repo = try repository()
    try repo.remove("tokentax.json")
    try repo.commit("no config")
    let result = repo.run("check", "--base", "HEAD")
    #expect(result.code == .couldNotRun)
    #expect(
      result.stderr
        == "error: no tokentax.json at the working tree; run 'tokentax init' to write a starter tokentax.json, "
        + "pass --config PATH, or choose another side's with --config-from head|base|worktree\n")
  }

  @Test func outsideAGitRepository() throws {
    let directory = try Scratch.directory("nogit")
    let run = InProcessRun(["check"], in: directory)
    #expect(run.code == .couldNotRun)
    #expect(run.stderr.contains("is not inside a git repository"), "\(run.stderr)")
  }

  @Test func emptyRepositoryHasNoBase() throws {
    let repo = try repository()
    let result = repo.run("check")
    #expect(result.code == .couldNotRun)
    #expect(
      result.stderr
        == "error: the repository has no commits yet, so there is no base to compare with; commit once, then run tokentax check\n"
    )
  }
}
