import Foundation
import JSON
import Testing

@testable import TokenTaxKit

/// `check --quiet` prints only problems: nothing when within policy, one line per violation
/// or warning otherwise, never the table.
@Suite struct QuietEndToEndTests {
  @Test func quietPrintsOnlyTheProblems() throws {
    let repo = try LevelsAndCacheEndToEndTests().levelRepository()
    let warned = repo.run("check", "--base", "HEAD", "--quiet")
    #expect(warned.code == .success, "\(warned.stderr)")
    #expect(warned.stdout.hasPrefix("warn: "), "\(warned.stdout)")
    #expect(warned.stdout.contains("63 input tokens per call (limit 60), no more than at the base"))
    #expect(!warned.stdout.contains("│") && !warned.stdout.contains("Feature"), "\(warned.stdout)")

    try repo.write("prompts/system.md", "You are very helpful.")
    let failed = repo.run("check", "--base", "HEAD", "-q")
    #expect(failed.code == .regression)
    #expect(failed.stdout.hasPrefix("fail: "), "\(failed.stdout)")
    #expect(failed.stdout.split(separator: "\n").allSatisfy { $0.hasPrefix("fail: ") || $0.hasPrefix("warn") })
  }

  /// A file report is still the whole report: --quiet is about the terminal.
  @Test func quietKeepsTheJSONReportWhole() throws {
    let repo = try LevelsAndCacheEndToEndTests().levelRepository()
    let run = repo.run("check", "--base", "HEAD", "--quiet", "--format", "json")
    #expect(run.code == .success, "\(run.stderr)")
    #expect(try JSONParser().parse(run.stdout)["features"] != nil)
  }
}
