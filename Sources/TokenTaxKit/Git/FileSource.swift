import Foundation

/// The files of one side of a check: a commit, the index, or the working tree.
///
/// Reads go through one `git cat-file --batch` process for the whole run (`CatFileSession`).
public protocol FileSource: Sendable {
  /// `<sha>`, `index` or `worktree`, as the report names it.
  var revision: String { get }
  /// Every tracked (and for the working tree, untracked but not ignored) file, repo-relative.
  func listFiles() throws -> [String]
  /// The contents of `paths`; a missing path is absent from the result.
  func read(_ paths: [String]) throws -> [String: Data]
  /// Where `path` can be streamed from disk, confined to the repository like `read`; nil when
  /// the file does not exist or the source is not the working tree (then `read` it).
  func fileURL(_ path: String) throws -> URL?
}

extension FileSource {
  public func read(_ path: String) throws -> Data? { try read([path])[path] }

  /// The paths each config pattern names: a glob's matches in the file list, sorted; a plain
  /// path as given (whether it exists is the reader's question). The tree is listed at most
  /// once, and only when a pattern is a glob: a listing costs a git process.
  public func expand(_ patterns: [String]) throws -> [String: [String]] {
    let globs = patterns.map(Glob.init)
    let all = globs.contains(where: \.isPattern) ? try listFiles() : []
    var result: [String: [String]] = [:]
    for glob in globs { result[glob.pattern] = glob.isPattern ? glob.filter(all) : [glob.pattern] }
    return result
  }
}

/// Files as committed at one revision.
public struct CommitFiles: FileSource {
  public let git: Git
  public let sha: String
  public var revision: String { sha }

  public init(git: Git, sha: String) {
    self.git = git
    self.sha = sha
  }

  public func listFiles() throws -> [String] {
    try splitNUL(git.run(["ls-tree", "-r", "-z", "--name-only", sha]))
  }

  public func read(_ paths: [String]) throws -> [String: Data] {
    try CatFile.read(paths, git: git, prefix: sha + ":")
  }

  public func fileURL(_ path: String) throws -> URL? { nil }
}

/// Files as staged in the index (`check --staged`).
public struct IndexFiles: FileSource {
  public let git: Git
  public var revision: String { "index" }

  public init(git: Git) { self.git = git }

  public func listFiles() throws -> [String] {
    try splitNUL(git.run(["ls-files", "-z", "--cached"]))
  }

  /// A staged symlink reads as its staged target, as a committed one does at a revision (git
  /// has no `--follow-symlinks` for the index); one that leaves the repository is refused.
  public func read(_ paths: [String]) throws -> [String: Data] {
    var result: [String: Data] = [:]
    var pending = Dictionary(paths.map { ($0, $0) }, uniquingKeysWith: { first, _ in first })
    // Each round follows one more hop of every link still unresolved; a chain longer than
    // git's own limit is a loop and reads as missing, like `cat-file --follow-symlinks`.
    for _ in 0..<40 where !pending.isEmpty {
      let targets = Array(Set(pending.values)).sorted()
      let blobs = try CatFile.read(targets, git: git, prefix: ":")
      // Only a blob that could be a link's target path is asked about (a git process each
      // round): one without a line break, no longer than a path. A prompt file has lines.
      let links = try symlinks(among: targets.filter { blobs[$0].map(Self.couldBeLinkTarget) ?? false })
      var next: [String: String] = [:]
      for (asked, current) in pending {
        guard let blob = blobs[current] else { continue }
        guard links.contains(current) else {
          result[asked] = blob
          continue
        }
        guard let target = Self.resolve(link: current, target: String(decoding: blob, as: UTF8.self)) else {
          throw ConfigError.pathOutsideRepository(asked)
        }
        next[asked] = target
      }
      pending = next
    }
    return result
  }

  public func fileURL(_ path: String) throws -> URL? { nil }

  /// The staged paths among `paths` whose mode is a symlink's (120000).
  private func symlinks(among paths: [String]) throws -> Set<String> {
    guard !paths.isEmpty else { return [] }
    let out = try git.run(["--literal-pathspecs", "ls-files", "-s", "-z", "--"] + paths)
    var links: Set<String> = []
    for entry in splitNUL(out) where entry.hasPrefix("120000 ") {
      if let tab = entry.firstIndex(of: "\t") { links.insert(String(entry[entry.index(after: tab)...])) }
    }
    return links
  }

  static func couldBeLinkTarget(_ blob: Data) -> Bool {
    !blob.isEmpty && blob.count <= 4096 && !blob.contains(0x0A) && !blob.contains(0)
  }

  /// `target` read from the folder of `link`, both repo-relative; nil when it leaves the tree.
  static func resolve(link: String, target: String) -> String? {
    guard !target.hasPrefix("/") else { return nil }
    var parts = link.split(separator: "/").dropLast().map(String.init)
    for part in target.split(separator: "/") {
      switch part {
      case ".": continue
      case "..":
        guard !parts.isEmpty else { return nil }
        parts.removeLast()
      default: parts.append(String(part))
      }
    }
    return parts.isEmpty ? nil : parts.joined(separator: "/")
  }
}

/// Files on disk, confined to the repository (symlinks that leave it are refused).
public struct WorktreeFiles: FileSource {
  public let git: Git
  public var revision: String { "worktree" }

  public init(git: Git) { self.git = git }

  public func listFiles() throws -> [String] {
    try splitNUL(git.run(["ls-files", "-z", "--cached", "--others", "--exclude-standard"]))
  }

  public func read(_ paths: [String]) throws -> [String: Data] {
    var result: [String: Data] = [:]
    for path in paths {
      guard let url = try fileURL(path) else { continue }
      do {
        result[path] = try RegularFile.contents(url.path)
      } catch {
        throw GitError.unreadableFile(path: path, reason: error.reason)
      }
    }
    return result
  }

  /// The file's resolved location; symlinks that leave the repository are refused.
  public func fileURL(_ path: String) throws -> URL? {
    let root = git.root.resolvingSymlinksInPath().path
    let resolved = git.root.appendingPathComponent(path).resolvingSymlinksInPath().path
    guard resolved == root || resolved.hasPrefix(root + "/") else {
      throw ConfigError.pathOutsideRepository(path)
    }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory), !isDirectory.boolValue else {
      return nil
    }
    return URL(fileURLWithPath: resolved)
  }
}

/// Blobs by path at one revision (`<sha>:`) or in the index (`:`), through the repository's
/// `CatFileSession`.
enum CatFile {
  /// A committed symlink reads as its target inside the tree, as the working tree reads it, and
  /// one that leaves the repository is refused; otherwise its blob would be the target's path
  /// text. (An index entry is read as its own blob.)
  static func read(_ paths: [String], git: Git, prefix: String) throws -> [String: Data] {
    let unique = Array(Set(paths)).sorted()
    guard !unique.isEmpty else { return [:] }
    let answers = try git.objects.answers(for: unique.map { prefix + $0 })
    var result: [String: Data] = [:]
    for (path, answer) in zip(unique, answers) {
      let fields = answer.fields
      // `symlink <size>` + target: a link out of the tree; `dangling`/`notdir` + the path and
      // `loop` read as missing, as do `<name> missing` / `<name> ambiguous`.
      if fields.count == 2, fields[0] == "symlink" { throw ConfigError.pathOutsideRepository(path) }
      if fields.count == 3, fields[1] == "blob", let body = answer.body { result[path] = body }
    }
    return result
  }
}

private func splitNUL(_ data: Data) -> [String] {
  data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
}
