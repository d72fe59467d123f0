import Foundation

/// Runs the `git` executable in one repository. The only place tokentax spawns git.
public struct Git: Sendable {
  /// The repository's top-level directory.
  public let root: URL
  /// The environment of the tokentax process (`Invocation.environment`), which git runs in.
  public let environment: [String: String]

  /// Finds the repository containing `directory`.
  public static func discover(from directory: URL, environment: [String: String]) throws -> Git {
    let output: Data
    do {
      output = try run(["rev-parse", "--show-toplevel"], in: directory, environment: environment)
    } catch GitError.commandFailed {
      throw GitError.notARepository(directory.path)
    }
    let path = String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    return Git(root: URL(fileURLWithPath: path, isDirectory: true), environment: environment)
  }

  /// The blob reader every source of this repository shares: one git process for the run.
  let objects: CatFileSession

  public init(root: URL, environment: [String: String]) {
    self.root = root
    self.environment = environment
    objects = CatFileSession(root: root, environment: Git.childEnvironment(environment))
  }

  /// Runs `git args…` in the repository and returns stdout; throws with git's own message.
  @discardableResult
  public func run(_ arguments: [String], input: Data? = nil) throws -> Data {
    try Git.run(arguments, in: root, input: input, environment: environment)
  }

  /// The full sha of `rev`, with a shallow-clone hint when it is missing.
  public func resolve(_ rev: String) throws -> String {
    do {
      let out = try run(["rev-parse", "--verify", "--quiet", "--end-of-options", rev + "^{commit}"])
      return String(decoding: out, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    } catch GitError.commandFailed {
      throw GitError.unknownRevision(rev, shallow: isShallow)
    }
  }

  public var isShallow: Bool {
    let out = try? run(["rev-parse", "--is-shallow-repository"])
    return out.map { String(decoding: $0, as: UTF8.self).hasPrefix("true") } ?? false
  }

  /// Whether HEAD points at a commit (false in a repository with no commits yet).
  public var hasCommits: Bool { (try? run(["rev-parse", "--verify", "--quiet", "HEAD^{commit}"])) != nil }

  /// The default base: merge-base of HEAD with origin/HEAD, else main, else master.
  public func defaultBase() throws -> (sha: String, label: String) {
    for candidate in ["origin/HEAD", "origin/main", "main", "origin/master", "master"] {
      guard let tip = try? resolve(candidate) else { continue }
      if let out = try? run(["merge-base", "HEAD", tip]) {
        let sha = String(decoding: out, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if !sha.isEmpty { return (sha, candidate) }
      }
    }
    throw GitError.noDefaultBase
  }

  /// The best common ancestor of two commits: the base of `git diff from...to`.
  public func mergeBase(_ from: String, _ to: String) throws -> String {
    let (a, b) = (try resolve(from), try resolve(to))
    let out = try? run(["merge-base", a, b])
    let sha = out.map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
    guard !sha.isEmpty else { throw GitError.noMergeBase(from, to, shallow: isShallow) }
    return sha
  }

  /// The values of `trailer` in the commits of `range` (e.g. `base..HEAD`), newest first.
  public func trailers(_ key: String, in range: String) -> [String] {
    guard let out = try? run(["log", "--format=%(trailers:key=\(key),valueonly,separator=%x1f)%x1e", range]) else {
      return []
    }
    return String(decoding: out, as: UTF8.self)
      .split(whereSeparator: { $0 == "\u{1e}" || $0 == "\u{1f}" })
      .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
      .filter { !$0.isEmpty }
  }

  /// What every git process runs with: the process's environment, never a credential prompt,
  /// messages in English (they are matched and quoted).
  static func childEnvironment(_ environment: [String: String]) -> [String: String] {
    var environment = environment
    environment["GIT_TERMINAL_PROMPT"] = "0"
    environment["LC_ALL"] = "C"
    return environment
  }

  /// Runs git outside any repository object (e.g. `init`) in `environment`, the process's.
  @discardableResult
  public static func run(_ arguments: [String], in directory: URL, input: Data? = nil, environment: [String: String])
    throws -> Data
  {
    let environment = childEnvironment(environment)
    let result: Subprocess.Result
    do {
      result = try Subprocess.run(["git", "-C", directory.path] + arguments, environment: environment, input: input)
    } catch {
      throw GitError.gitMissing
    }
    if result.status == 127 { throw GitError.gitMissing }
    guard result.status == 0 else {
      let message =
        String(decoding: result.stderr, as: UTF8.self)
        .split(separator: "\n").first.map(String.init) ?? "exit \(result.status)"
      throw GitError.commandFailed(command: arguments.first ?? "", message: message)
    }
    return result.stdout
  }
}
