import Foundation
import Testing

@testable import TokenTaxKit

/// Options every command takes (the README's Usage), so a script or an alias can pass
/// them to any command.
@Suite struct CommonOptionsTests {
  @Test(arguments: CommandRegistry.all.map { $0.spec.name })
  func everyCommandTakesNoColorAndHelp(_ name: String) throws {
    let spec = try #require(CommandRegistry.all.first { $0.spec.name == name }?.spec)
    let names = spec.options.flatMap(\.names)
    #expect(names.contains("--no-color"))
    #expect(names.contains("--help"))
    #expect(names.filter { $0 == "--no-color" }.count == 1)
  }

  /// A command that never colours (count) still accepts the flag instead of failing with exit 2.
  @Test func noColorIsAcceptedByACommandThatPrintsNoColour() {
    let run = InProcessRun(
      ["count", "--no-color", "-"], in: FileManager.default.temporaryDirectory, stdin: Data("Hello world".utf8))
    #expect(run.code == .success, "\(run.stderr)")
    #expect(run.stdout.contains("2  -"))
  }
}
