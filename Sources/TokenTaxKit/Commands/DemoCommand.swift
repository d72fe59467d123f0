import Foundation

/// `tokentax demo`: the main job on a bundled example, in a throwaway repository.
enum DemoCommand: Command {
  static let spec = CommandSpec(
    path: ["demo"], abstract: "Run a check on a bundled example repository and print the report.",
    discussion: """
      Builds a temporary git repository from fixtures/demo with two commits — a support prompt
      that grew and lost its answer-length limit (canary traces: +35 % output), a reworded docs
      prompt (traces: +8 %, noise), an agent moved to a pricier model, and a triage request body
      that gained a tool — then runs 'tokentax check --base HEAD~1 --head HEAD' in it. The demo
      itself exits 0; the check's exit code is printed.
      """,
    options: [.format, .noColor, Options.keep],
    examples: [
      Example("See a failing cost check", "tokentax demo"),
      Example("The same report as JSON", "tokentax demo --format json"),
    ])

  /// The options only this command takes; the shared ones are `OptionSpec`'s.
  enum Options {
    static let keep = OptionSpec(["--keep"], help: "Keep the temporary repository and print its path.")
  }

  static func run(_ arguments: ParsedArguments, _ invocation: Invocation) throws -> ExitCode {
    guard
      let fixtures = DemoRepository.locateFixtures(
        workingDirectory: invocation.workingDirectory, executable: Bundle.main.executableURL)
    else {
      throw UsageError(
        "the demo fixtures (fixtures/demo) were not found; run 'tokentax demo' from the tokentax checkout")
    }
    let format = try arguments.choice(.format, as: ReportFormat.self) ?? .table
    let root = try DemoRepository.create(from: fixtures, environment: invocation.environment)
    defer {
      if !arguments.flag(Options.keep) { try? FileManager.default.removeItem(at: root) }
    }
    var demo = invocation
    demo.workingDirectory = root
    let (report, exitCode) = try CheckExit.run(
      CheckPipeline(
        options: CheckOptions(base: "HEAD~1", head: .revision("HEAD")), workingDirectory: root,
        environment: invocation.environment))
    let context = ReportContext(color: ReportWriter.useColor(arguments, invocation))
    if format == .table {
      invocation.stdout.line("$ git log --oneline   # in a temporary repo built from fixtures/demo")
      invocation.stdout.line("  HEAD    \(DemoRepository.headMessage)")
      invocation.stdout.line("  HEAD~1  \(DemoRepository.baseMessage)")
      invocation.stdout.line("$ tokentax check --base HEAD~1 --head HEAD\n")
    }
    try ReportWriter.write(report, format: format, context: context, to: nil, demo)
    if format == .table {
      let meaning = exitCode == .regression ? "a fail threshold or budget was passed" : "within policy"
      invocation.stdout.line("\ncheck exit code: \(exitCode) (\(meaning))")
      if arguments.flag(Options.keep) { invocation.stdout.line("repository kept at \(root.path)") }
    }
    return .success
  }
}
