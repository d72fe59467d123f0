import Foundation
import Testing

@testable import TokenTaxKit

/// The README shows what tokentax prints; these tests keep it true.
@Suite struct ReadmeTests {
  static let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
    "../../../README.md"
  )
  .standardized

  /// Every line of the README's demo excerpt appears, as is, in `tokentax demo`'s output.
  @Test func demoExcerptIsWhatTheDemoPrints() throws {
    let text = try String(contentsOf: Self.readme, encoding: .utf8)
    let start = try #require(text.range(of: "```text\n"))
    let end = try #require(text.range(of: "```", range: start.upperBound..<text.endIndex))
    let excerpt = text[start.upperBound..<end.lowerBound].split(separator: "\n").map(String.init)
    #expect(excerpt.count >= 8)
    let run = InProcessRun(["demo", "--no-color"], in: Self.readme.deletingLastPathComponent())
    #expect(run.code == .success)
    let printed = Set(run.stdout.split(separator: "\n").map(String.init))
    for line in excerpt { #expect(printed.contains(line), "README line not in the demo output: \(line)") }
  }

  /// The two set-up commands of the first screen.
  @Test func firstScreenHasTheSetUpCommands() throws {
    let firstScreen = try String(contentsOf: Self.readme, encoding: .utf8).split(separator: "\n").prefix(20).joined(
      separator: "\n")
    #expect(firstScreen.contains("swift run tokentax demo"))
    #expect(firstScreen.contains("swift test"))
  }
}
