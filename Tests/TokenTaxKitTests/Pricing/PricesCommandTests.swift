import Foundation
import Testing

@testable import TokenTaxKit

@Suite struct PricesCommandTests {
  static let testsRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()

  func run(_ arguments: [String]) -> InProcessRun {
    InProcessRun(["prices"] + arguments, in: Self.testsRoot.appendingPathComponent("Fixtures/prices"))
  }

  /// Compares with `Snapshots/<name>`; `RECORD_SNAPSHOTS=1` rewrites the file and fails.
  func expectSnapshot(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let url = Self.testsRoot.appendingPathComponent("Snapshots/\(name)")
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(actual.utf8).write(to: url)
      Issue.record("recorded \(name); run again without RECORD_SNAPSHOTS", sourceLocation: sourceLocation)
      return
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    #expect(actual == expected, sourceLocation: sourceLocation)
  }

  @Test func pricesTable() throws {
    let result = run([
      "gpt-5", "claude-sonnet-4-5-20250929", "us.anthropic.claude-haiku-4-5-20251001-v1:0", "gemini-2.5-pro",
      "grok-4.20",
    ])
    #expect(result.code == .success)
    #expect(result.stderr == "")
    try expectSnapshot(result.stdout, "pricesTable.txt")
  }

  @Test func pricesJSON() throws {
    let result = run(["--json", "claude-sonnet-4-5", "gpt-5"])
    #expect(result.code == .success)
    try expectSnapshot(result.stdout, "pricesJSON.json")
  }

  /// The whole built-in table: any price change shows up in review as a diff of this file.
  @Test func pricesAll() throws {
    let result = run([])
    #expect(result.code == .success)
    try expectSnapshot(result.stdout, "pricesAll.txt")
  }

  @Test func outdatedText() throws {
    let result = run([
      "--outdated", "--as-of", "2027-01-01", "gpt-5", "deepseek-v3.2", "acme-ft-1", "--prices", "tokentax-prices.json",
    ])
    #expect(result.code == .success, "\(result.stderr)")
    try expectSnapshot(result.stdout, "pricesOutdated.txt")
  }

  @Test func outdatedJSON() throws {
    let result = run(["--outdated", "--json", "--as-of", "2027-01-01", "gpt-5", "grok-4"])
    #expect(result.code == .success, "\(result.stderr)")
    try expectSnapshot(result.stdout, "pricesOutdated.json")
  }

  @Test func badAsOfIsExitTwo() {
    let result = run(["--outdated", "--as-of", "01/02/2027"])
    #expect(result.code == .couldNotRun)
    #expect(result.stderr.contains("--as-of must be a date written YYYY-MM-DD"))
  }

  @Test func pricesFilesAreLaidOverInOrder() {
    let result = run(["gpt-5", "acme-ft-1", "--prices", "litellm-excerpt.json", "--prices", "tokentax-prices.json"])
    #expect(result.code == .success)
    #expect(result.stdout.contains("acme-ft-1  custom    $3.00  $12.00"))
    // gpt-5: input from the tokentax file, output from the LiteLLM file under it.
    #expect(result.stdout.contains("gpt-5      openai    $1.00  $10.00"))
  }

  @Test func unknownModelExitsTwoWithTheClosestIds() {
    let result = run(["gpt-5-mimi"])
    #expect(result.code == .couldNotRun)
    #expect(result.stdout == "")
    #expect(
      result.stderr
        == "error: unknown model 'gpt-5-mimi' (closest: gpt-5, gpt-5-mini, gpt-4o-mini); "
        + "add it under prices.overrides in tokentax.json or pass --prices FILE\n")
  }

  @Test func badPriceFileExitsTwoNamingIt() {
    #expect(
      run(["--prices", "missing.json"]).stderr
        == "error: missing.json: no such file; check the path given to --prices or prices.files\n")
    let readme = run(["--prices", "README.md"])
    #expect(readme.code == .couldNotRun)
    #expect(readme.stderr == "error: README.md:1:1: unexpected '#'; expected a value\n")
  }
}
