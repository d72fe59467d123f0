import Foundation
import Testing

@testable import TokenTaxKit

/// Options every command takes (SPEC §3 "common options"), so a script or an alias can pass
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
    let out = OutputStream.capture()
    let err = OutputStream.capture()
    let code = TokenTax.run(
      arguments: ["count", "--no-color", "-"],
      invocation: Invocation(
        environment: [:], workingDirectory: FileManager.default.temporaryDirectory, stdout: out, stderr: err,
        readStdin: { Data("Hello world".utf8) }, stdoutIsTerminal: false))
    #expect(code == .success, "\(err.text)")
    #expect(out.text.contains("2  -"))
  }
}
