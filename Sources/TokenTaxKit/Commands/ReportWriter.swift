import Foundation

/// Puts a rendered report where the user asked: stdout or `--output`, plus the GitHub step
/// summary for `--format github`.
enum ReportWriter {
  static func useColor(_ arguments: ParsedArguments, _ invocation: Invocation) -> Bool {
    invocation.stdoutIsTerminal && !arguments.flag(.noColor) && invocation.environment["NO_COLOR"] == nil
      && arguments.value(.output) == nil
  }

  static func write(
    _ report: Report, format: ReportFormat, context: ReportContext, to output: String?, _ invocation: Invocation
  )
    throws
  {
    let text = report.rendered(as: format, context: context)
    if let output {
      try writeFile(text, to: invocation.url(for: output), name: output)
    } else {
      invocation.stdout.write(text)
    }
    if format == .github {
      try StepSummaryFile.append(GitHubStepSummary.text(report, context: context), environment: invocation.environment)
    }
  }

  static func writeFile(_ text: String, to url: URL, name: String) throws {
    do {
      try Data(text.utf8).write(to: url, options: .atomic)
    } catch {
      throw UsageError(
        "cannot write \(name): \(error.localizedDescription); check that the folder exists and is writable")
    }
  }
}
