import Foundation

/// Appends the markdown report to the job summary (`$GITHUB_STEP_SUMMARY`), for `--format github`.
public enum GitHubStepSummary {
  /// GitHub's limit for one step's summary is 1 MiB.
  static let characterLimit = 1_000_000

  /// Appends the report when `GITHUB_STEP_SUMMARY` names a file; returns the path written, if any.
  @discardableResult
  public static func append(_ report: Report, context: ReportContext, environment: [String: String]) throws -> String? {
    guard let path = environment["GITHUB_STEP_SUMMARY"], !path.isEmpty else { return nil }
    var summary = context
    summary.color = false
    summary.characterLimit = characterLimit
    let text = MarkdownReporter.render(report, context: summary) + "\n"
    do {
      let url = URL(fileURLWithPath: path)
      if !FileManager.default.fileExists(atPath: path) {
        try Data().write(to: url)
      }
      let handle = try FileHandle(forWritingTo: url)
      defer { try? handle.close() }
      try handle.seekToEnd()
      try handle.write(contentsOf: Data(text.utf8))
    } catch {
      throw StepSummaryError(path: path, reason: error.localizedDescription)
    }
    return path
  }
}

/// The job summary file could not be written.
public struct StepSummaryError: UserFacingError, Equatable {
  public var path: String
  public var reason: String
  public var description: String {
    "could not append the report to the job summary '\(path)' (GITHUB_STEP_SUMMARY): \(reason); "
      + "check that the path is writable or unset GITHUB_STEP_SUMMARY"
  }
}
