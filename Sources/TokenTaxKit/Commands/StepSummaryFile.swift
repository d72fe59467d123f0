import Foundation

/// The job summary file GitHub Actions names in `GITHUB_STEP_SUMMARY`: the report is appended,
/// after any summary an earlier step wrote.
enum StepSummaryFile {
  /// Appends `text` when the environment names a file; returns the path written, if any.
  @discardableResult
  static func append(_ text: String, environment: [String: String]) throws -> String? {
    guard let path = environment["GITHUB_STEP_SUMMARY"], !path.isEmpty else { return nil }
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
