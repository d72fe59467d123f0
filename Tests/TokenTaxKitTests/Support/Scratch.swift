import Foundation

/// Where tests write their files: one directory per test process under the system's temporary
/// directory, removed when the process exits, so a test run leaves nothing behind in `/tmp`
/// (a file handed to the code under test outlives the helper that wrote it).
enum Scratch {
  private static let path = FileManager.default.temporaryDirectory.appendingPathComponent("tokentax-tests-\(getpid())")
    .path

  private static let root: URL = {
    let url = URL(fileURLWithPath: path, isDirectory: true)
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    atexit { try? FileManager.default.removeItem(atPath: Scratch.path) }
    return url
  }()

  /// A fresh empty directory whose name starts with `prefix`.
  static func directory(_ prefix: String) throws -> URL {
    let url = root.appendingPathComponent("\(prefix)-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}
