import Foundation
import Testing

@testable import TokenTaxKit

/// Each command's `--help`, through the real entry point, against a golden file
/// (`Snapshots/help_<command>.txt`; `RECORD_SNAPSHOTS=1` rewrites them), so a changed option,
/// usage line or example shows up in review.
@Suite struct HelpGoldenTests {
  @Test(arguments: CommandRegistry.all.map { $0.spec.path })
  func help(_ path: [String]) {
    let run = InProcessRun(path + ["--help"], in: FileManager.default.temporaryDirectory)
    #expect(run.code == .success, "\(run.stderr)")
    assertSnapshot(run.stdout, extension: "txt", testName: "help_" + path.joined(separator: "_"))
  }

  /// The usage line is generated from the declared options, so none can be left out of it.
  @Test(arguments: CommandRegistry.all.map { $0.spec.name })
  func usageNamesEveryOption(_ name: String) throws {
    let spec = try #require(CommandRegistry.all.first { $0.spec.name == name }?.spec)
    for option in spec.options where option.longName != "--help" && option.longName != "--no-color" {
      #expect(spec.usage.contains("[\(option.longName)"), "\(option.longName) missing from \(spec.usage)")
    }
  }

  @Test func longUsageWrapsUnderTheCommand() {
    let lines = HelpFormatter.usage(CheckCommand.spec).split(separator: "\n")
    #expect(lines.count > 1)
    #expect(lines.allSatisfy { $0.count <= 100 })
    #expect(
      lines.dropFirst().allSatisfy { $0.hasPrefix(String(repeating: " ", count: "USAGE: tokentax check ".count)) })
  }
}
