import Foundation

/// The markdown report as the job summary (`$GITHUB_STEP_SUMMARY`) takes it, for `--format github`:
/// without colour and within GitHub's size limit. `Commands/` appends it to the file.
public enum GitHubStepSummary {
  /// GitHub's limit for one step's summary is 1 MiB.
  static let characterLimit = 1_000_000

  public static func text(_ report: Report, context: ReportContext) -> String {
    var summary = context
    summary.color = false
    summary.characterLimit = characterLimit
    return MarkdownReporter.render(report, context: summary) + "\n"
  }
}
