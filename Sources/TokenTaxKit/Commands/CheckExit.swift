/// How a check's verdict ends the process: the one place a status becomes an exit code.
enum CheckExit {
  static func code(for status: Verdict.Status) -> ExitCode {
    switch status {
    case .pass, .warn, .approved: .success
    case .fail: .regression
    }
  }

  /// Runs the check pipeline and assembles the report with the exit code it states.
  static func run(_ pipeline: CheckPipeline) throws -> (report: Report, exitCode: ExitCode) {
    let outcome = try pipeline.run()
    let exitCode = code(for: outcome.verdict.status)
    return (outcome.report(exitCode: exitCode), exitCode)
  }
}
