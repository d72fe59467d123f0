import Foundation

@testable import TokenTaxKit

/// A real temporary git repository for end-to-end tests, removed on deinit.
final class TestRepository {
  let root: URL

  init() throws {
    root = FileManager.default.temporaryDirectory.appendingPathComponent("tokentax-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    try git("init", "-q", "-b", "main")
  }

  deinit { try? FileManager.default.removeItem(at: root) }

  func write(_ path: String, _ text: String) throws {
    let url = root.appendingPathComponent(path)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
  }

  func remove(_ path: String) throws { try FileManager.default.removeItem(at: root.appendingPathComponent(path)) }

  /// Commits everything; returns the full sha.
  @discardableResult
  func commit(_ message: String) throws -> String {
    try git("add", "-A")
    try git("commit", "-q", "--allow-empty", "-m", message)
    return try git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
  }

  @discardableResult
  func git(_ arguments: String...) throws -> String {
    let identity = ["-c", "user.name=test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false"]
    return String(
      decoding: try Git.run(identity + arguments, in: root, environment: InProcessRun.processEnvironment), as: UTF8.self
    )
  }

  /// Runs tokentax in-process in this repository.
  func run(_ arguments: String..., environment: [String: String] = [:]) -> (
    code: ExitCode, stdout: String, stderr: String
  ) {
    let run = InProcessRun(arguments, in: root, environment: environment)
    return (run.code, run.stdout, run.stderr)
  }
}
