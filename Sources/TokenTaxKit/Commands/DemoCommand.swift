/// `tokentax demo`: the main job on the bundled example.
enum DemoCommand: Command {
  static let spec = CommandSpec(
    path: ["demo"], abstract: "Run a check on a bundled example repo and print the report.", usage: "demo",
    options: [.format, .noColor])

  static func run(_ arguments: ParsedArguments, _ invocation: Invocation) throws -> ExitCode {
    invocation.stdout.line("demo: not built yet")
    return .success
  }
}
