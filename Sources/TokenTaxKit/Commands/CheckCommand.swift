import Foundation

/// `tokentax check`: the gate. Base vs head per feature, policy, report, exit code.
enum CheckCommand: Command {
  static let spec = CommandSpec(
    path: ["check"], abstract: "Compare token cost per feature between two revisions and apply the thresholds.",
    discussion: """
      The base defaults to the merge-base with origin/HEAD (or main); with --staged it is HEAD.
      The head defaults to the working tree. Exit status: 0 within policy, 1 a fail threshold or
      budget was passed, 2 the check could not run. A base without tokentax.json is measured with
      the head's config (the report says so); --config-from picks one side's config for both.
      --from-ref A --to-ref B compares B with the merge-base of A and B, the range 'git diff A...B'
      shows. Under pre-commit ('pre-commit run --from-ref A --to-ref B', or a pre-push hook),
      --staged reads that range from PRE_COMMIT_FROM_REF and PRE_COMMIT_TO_REF.
      """,
    options: [
      Options.base,
      Options.head,
      Options.staged,
      Options.worktree,
      Options.fromRef,
      Options.toRef,
      .config,
      Options.configFrom,
      .format, .output,
      Options.jsonReport,
      .prices,
      Options.approve,
      Options.tag,
      .noColor, .quiet,
    ],
    examples: [
      Example("Check the working tree against the merge-base with main", "tokentax check"),
      Example(
        "Check a pull request in CI and keep the JSON report",
        "tokentax check --base origin/main --head HEAD --format json --output report.json"),
      Example("Pre-commit: what is staged, against HEAD", "tokentax check --staged --quiet"),
      Example(
        "History before adoption, judged by today's config",
        "tokentax check --base v1.0 --head v2.0 --config-from worktree"),
    ])

  /// The options only this command takes; the shared ones are `OptionSpec`'s.
  enum Options {
    static let base = OptionSpec(
      ["--base"], .value("rev"), help: "Base revision (default: merge-base with the default branch).")
    static let head = OptionSpec(["--head"], .value("rev"), help: "Head revision (default: the working tree).")
    static let staged = OptionSpec(["--staged"], help: "Use the index as the head, HEAD as the base (pre-commit).")
    static let worktree = OptionSpec(["--worktree"], help: "Use the working tree as the head (the default).")
    static let fromRef = OptionSpec(
      ["--from-ref"], .value("rev"), help: "With --to-ref: the range's start; the base is their merge-base.")
    static let toRef = OptionSpec(
      ["--to-ref"], .value("rev"), help: "With --from-ref: the range's end, the head revision.")
    static let configFrom = OptionSpec(
      ["--config-from"], .value("side"), help: "Apply one config to both sides: head, base or worktree.")
    static let jsonReport = OptionSpec(
      ["--json-report"], .value("path"),
      help: "Also write the JSON report here (one run for annotations and report.json).")
    static let approve = OptionSpec(
      ["--approve"], .value("reason"), help: "Approve a failing change; the report states the reason.")
    static let tag = OptionSpec(
      ["--tag"], .value("tag"), help: "Marker tag for several configs' comments (<!-- tokentax:TAG -->).")
  }

  static func run(_ arguments: ParsedArguments, _ invocation: Invocation) throws -> ExitCode {
    let heads = [
      arguments.value(Options.head) != nil, arguments.flag(Options.staged), arguments.flag(Options.worktree),
    ]
    if heads.filter({ $0 }).count > 1 {
      throw UsageError("use only one of --head, --staged and --worktree")
    }
    var options = CheckOptions(
      base: arguments.value(Options.base), configPath: arguments.value(.config),
      priceFiles: arguments.allValues(.prices), approval: arguments.value(Options.approve),
      configFrom: try arguments.choice(Options.configFrom, as: ConfigOrigin.self))
    if let range = try range(arguments, invocation.environment) {
      options.base = range.from
      options.head = .revision(range.to)
      options.baseIsMergeBase = true
    } else if let head = arguments.value(Options.head) {
      options.head = .revision(head)
    } else if arguments.flag(Options.staged) {
      options.head = .index
      options.base = options.base ?? "HEAD"
    }
    let format = try arguments.choice(.format, as: ReportFormat.self) ?? .table
    let (report, exitCode) = try CheckExit.run(
      CheckPipeline(
        options: options, workingDirectory: invocation.workingDirectory, environment: invocation.environment))
    let context = ReportContext(
      color: ReportWriter.useColor(arguments, invocation), tag: arguments.value(Options.tag),
      configPath: options.configPath ?? Config.fileName)
    if let path = arguments.value(Options.jsonReport) {
      try ReportWriter.writeFile(
        report.rendered(as: .json, context: context), to: invocation.url(for: path), name: path)
    }
    let withinPolicy = report.status == .pass || report.status == .warn
    if arguments.flag(.quiet) && report.status == .pass && report.warnings.isEmpty {
      return exitCode
    }
    if arguments.flag(.quiet), format == .table, arguments.value(.output) == nil {
      // Quiet means the problems and nothing else: a passing feature's numbers are noise here.
      invocation.stdout.write(problems(report))
      return ExitCode(rawValue: report.exitCode)
    }
    if options.head == .index, format == .table, withinPolicy, arguments.value(.output) == nil {
      // A pre-commit hook that passes should take three lines of the terminal, not a screen.
      invocation.stdout.write(stagedSummary(report))
      return exitCode
    }
    try ReportWriter.write(report, format: format, context: context, to: arguments.value(.output), invocation)
    return exitCode
  }

  /// `--from-ref`/`--to-ref`, else under `--staged` pre-commit's range variables (set by
  /// `pre-commit run --from-ref … --to-ref …` and by its pre-push stage), else nil.
  static func range(_ arguments: ParsedArguments, _ environment: [String: String]) throws -> (from: String, to: String)?
  {
    switch (arguments.value(Options.fromRef), arguments.value(Options.toRef)) {
    case (let from?, let to?):
      let sides =
        ([Options.base, Options.head].filter { arguments.value($0) != nil }
        + [Options.staged, Options.worktree].filter { arguments.flag($0) }).map(\.longName)
      guard sides.isEmpty else {
        throw UsageError("--from-ref/--to-ref name both sides; leave out \(sides.joined(separator: " and "))")
      }
      return (from, to)
    case (nil, nil):
      // An explicit --base under pre-commit is the user's choice; so is a hook without a range.
      guard arguments.flag(Options.staged), arguments.value(Options.base) == nil else { return nil }
      // PRE_COMMIT_SOURCE/ORIGIN are the names pre-commit used before 2.0.
      let from = environment["PRE_COMMIT_FROM_REF"] ?? environment["PRE_COMMIT_SOURCE"] ?? ""
      let to = environment["PRE_COMMIT_TO_REF"] ?? environment["PRE_COMMIT_ORIGIN"] ?? ""
      return from.isEmpty || to.isEmpty ? nil : (from, to)
    default:
      throw UsageError("--from-ref and --to-ref go together: give both ends of the range")
    }
  }

  /// What `--quiet` prints: one line per violation and warning, failures first.
  static func problems(_ report: Report) -> String {
    var lines: [(Violation.Level, String)] = []
    for feature in report.features {
      lines += feature.violations.map { ($0.level, "\($0.level.rawValue): \(feature.id): \($0.message)") }
    }
    lines += report.totalViolations.map { ($0.level, "\($0.level.rawValue): total: \($0.message)") }
    let ordered = lines.filter { $0.0 == .fail } + lines.filter { $0.0 == .warn }
    return (ordered.map(\.1) + report.warnings.map { "warning: \($0)" }).map { $0 + "\n" }.joined()
  }

  /// The three lines `check --staged` prints when the commit is within policy.
  static func stagedSummary(_ report: Report) -> String {
    let changed = report.features.filter { $0.deltaCostPerCallUSD != 0 || $0.status == .added || $0.status == .removed }
    let verdict = report.status == .pass ? "within policy" : "within policy, with warnings"
    var monthly = "monthly: unknown (set calls_per_day)"
    if let delta = report.deltaMonthlyUSD {
      monthly =
        "monthly: \(Money.usd(report.baseMonthlyUSD)) → \(Money.usd(report.headMonthlyUSD)) (\(Money.signedUSD(delta)))"
    }
    let warned =
      report.features.filter { !$0.violations.isEmpty }.map(\.id) + (report.totalViolations.isEmpty ? [] : ["total"])
    let third =
      warned.isEmpty
      ? "details: tokentax check --staged --format markdown"
      : "warn: " + warned.joined(separator: ", ") + " (details: tokentax check --staged --format markdown)"
    let count = report.features.count
    return
      "tokentax: \(verdict) · \(count) feature\(count == 1 ? "" : "s"), \(changed.count) changed\n\(monthly)\n\(third)\n"
  }
}
