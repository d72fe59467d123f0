import Foundation

/// Builds the demo's throwaway git repository from `fixtures/demo`: the `base` tree as the
/// first commit, the `head` tree as the second.
public struct DemoRepository {
  public static let baseMessage = "Support bot, docs Q&A, release-notes agent and ticket triage"
  public static let headMessage =
    "Support: escalation policy, no answer-length limit; reword docs format; release notes on gemini-2.5-pro; triage tool for customer lookup"

  /// The fixture folder: `fixtures/demo` under the working directory; else beside the
  /// executable, as release archives and npm packages ship it, or in `../share/tokentax/demo`,
  /// as the Python wheel installs it; else in the checkout this binary was built from.
  public static func locateFixtures(workingDirectory: URL, executable: URL? = nil) -> URL? {
    let directory = executable?.resolvingSymlinksInPath().deletingLastPathComponent()
    let candidates = [
      workingDirectory.appendingPathComponent("fixtures/demo"),
      directory?.appendingPathComponent("fixtures/demo"),
      directory?.appendingPathComponent("../share/tokentax/demo").standardized,
      URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../fixtures/demo")
        .standardized,
    ].compactMap { $0 }
    return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("base").path) }
  }

  /// Creates the repository under a new temporary directory and returns its root.
  public static func create(from fixtures: URL, environment: [String: String]) throws -> URL {
    let manager = FileManager.default
    let root = manager.temporaryDirectory.appendingPathComponent("tokentax-demo-\(UUID().uuidString.prefix(8))")
    try manager.createDirectory(at: root, withIntermediateDirectories: true)
    try git(["init", "-q", "-b", "main"], in: root, environment: environment)
    try copyTree(fixtures.appendingPathComponent("base"), to: root)
    try commit(Self.baseMessage, in: root, date: "2026-11-20T09:00:00Z", environment: environment)
    for entry in try manager.contentsOfDirectory(atPath: root.path) where entry != ".git" {
      try manager.removeItem(at: root.appendingPathComponent(entry))
    }
    try copyTree(fixtures.appendingPathComponent("head"), to: root)
    // The canary runs of both versions, recorded on the branch (config: traces.base / traces.head).
    try copyTree(fixtures.appendingPathComponent("canary"), to: root.appendingPathComponent("canary"), create: true)
    try commit(headMessage, in: root, date: "2026-11-21T09:00:00Z", environment: environment)
    return root
  }

  private static func copyTree(_ source: URL, to destination: URL, create: Bool = false) throws {
    let manager = FileManager.default
    if create { try manager.createDirectory(at: destination, withIntermediateDirectories: true) }
    for entry in try manager.contentsOfDirectory(atPath: source.path) {
      try manager.copyItem(at: source.appendingPathComponent(entry), to: destination.appendingPathComponent(entry))
    }
  }

  private static func commit(_ message: String, in root: URL, date: String, environment: [String: String]) throws {
    try git(["add", "-A"], in: root, environment: environment)
    try git(["commit", "-q", "-m", message], in: root, date: date, environment: environment)
  }

  private static func git(_ arguments: [String], in root: URL, date: String? = nil, environment: [String: String])
    throws
  {
    var environment = environment
    if let date {
      environment["GIT_AUTHOR_DATE"] = date
      environment["GIT_COMMITTER_DATE"] = date
    }
    let identity = [
      "-c", "user.name=tokentax demo", "-c", "user.email=demo@tokentax.invalid", "-c", "commit.gpgsign=false",
    ]
    try Git.run(identity + arguments, in: root, environment: environment)
  }
}
