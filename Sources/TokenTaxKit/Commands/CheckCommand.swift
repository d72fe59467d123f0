import Foundation

/// `tokentax check`: the gate. Base vs head per feature, policy, report, exit code.
enum CheckCommand: Command {
  static let spec = CommandSpec(
    path: ["check"], abstract: "Compare token cost per feature between two revisions and apply the thresholds.",
    usage: "check [--base REV] [--head REV | --staged | --worktree] [--config PATH] [--format F] [--output PATH]",
    discussion: """
      The base defaults to the merge-base with origin/HEAD (or main); with --staged it is HEAD.
      The head defaults to the working tree. Exit status: 0 within policy, 1 a fail threshold or
      budget was passed, 2 the check could not run.
      """,
    options: [
      OptionSpec(["--base"], .value("rev"), help: "Base revision (default: merge-base with the default branch)."),
      OptionSpec(["--head"], .value("rev"), help: "Head revision (default: the working tree)."),
      OptionSpec(["--staged"], help: "Use the index as the head, HEAD as the base (pre-commit)."),
      OptionSpec(["--worktree"], help: "Use the working tree as the head (the default)."),
      .config, .format, .output, .prices,
      OptionSpec(["--approve"], .value("reason"), help: "Approve a failing change; the report states the reason."),
      OptionSpec(["--tag"], .value("tag"), help: "Marker tag for several configs' comments (<!-- tokentax:TAG -->)."),
      .noColor, .quiet,
    ],
    examples: [
      Example("Check the working tree against the merge-base with main", "tokentax check"),
      Example("Check a pull request in CI and keep the JSON report", "tokentax check --base origin/main --head HEAD --format json --output report.json"),
      Example("Pre-commit: what is staged, against HEAD", "tokentax check --staged --quiet"),
    ])

  static func run(_ arguments: ParsedArguments, _ invocation: Invocation) throws -> ExitCode {
    let heads = [arguments.value("--head") != nil, arguments.flag("--staged"), arguments.flag("--worktree")]
    if heads.filter({ $0 }).count > 1 {
      throw UsageError("use only one of --head, --staged and --worktree")
    }
    var options = CheckOptions(
      base: arguments.value("--base"), configPath: arguments.value("--config"),
      priceFiles: arguments.allValues("--prices"), approval: arguments.value("--approve"))
    if let head = arguments.value("--head") {
      options.head = .revision(head)
    } else if arguments.flag("--staged") {
      options.head = .index
      options.base = options.base ?? "HEAD"
    }
    let format = try arguments.choice("--format", as: ReportFormat.self) ?? .table
    let report = try CheckPipeline(options: options, workingDirectory: invocation.workingDirectory).run()
    let context = ReportContext(
      color: ReportWriter.useColor(arguments, invocation), tag: arguments.value("--tag"),
      configPath: options.configPath ?? Config.fileName)
    let quiet = arguments.flag("--quiet") && report.status == .pass && report.warnings.isEmpty
    if !quiet {
      try ReportWriter.write(report, format: format, context: context, to: arguments.value("--output"), invocation)
    }
    return ExitCode(rawValue: report.exitCode)
  }
}
