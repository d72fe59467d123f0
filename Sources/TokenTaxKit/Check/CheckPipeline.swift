import Foundation

/// `check` from revisions to a `Report`: Git → Config → snapshots → estimates → comparison →
/// policy. Never prints, never exits.
public struct CheckPipeline {
  public var options: CheckOptions
  public var workingDirectory: URL

  public init(options: CheckOptions, workingDirectory: URL) {
    self.options = options
    self.workingDirectory = workingDirectory
  }

  public func run() throws -> Report {
    let git = try Git.discover(from: workingDirectory)
    let base: (sha: String, label: String)
    do {
      if let rev = options.base {
        base = (try git.resolve(rev), rev)
      } else {
        base = try git.defaultBase()
      }
    } catch let error as GitError {
      // Checked only on failure: a repository without commits is the likelier explanation.
      guard git.hasCommits else { throw GitError.noCommits }
      throw error
    }
    let headSource: any FileSource
    let headLabel: String
    // The commits whose trailers can approve the change end at the head commit (HEAD for the
    // index and the working tree).
    var headCommit = "HEAD"
    switch options.head {
    case .worktree:
      headSource = WorktreeFiles(git: git)
      headLabel = "worktree"
    case .index:
      headSource = IndexFiles(git: git)
      headLabel = "index"
    case .revision(let rev):
      headCommit = try git.resolve(rev)
      headSource = CommitFiles(git: git, sha: headCommit)
      headLabel = rev
    }
    let configPath =
      try options.configPath.map { try CheckPipeline.repoRelative($0, git: git, workingDirectory: workingDirectory) }
      ?? Config.fileName
    let baseSource = CommitFiles(git: git, sha: base.sha)
    let choice = try ConfigChoice.choose(
      options.configFrom, path: configPath, head: .init(source: headSource, label: headLabel),
      base: .init(source: baseSource, label: base.label), worktree: WorktreeFiles(git: git))
    let headConfig = choice.head
    TokenCounter.prefetch(for: headConfig)
    let head = try RevisionState.load(source: headSource, config: headConfig, borrowed: choice.headBorrowed)
    let baseState =
      try choice.base.map { try RevisionState.load(source: baseSource, config: $0, borrowed: choice.baseBorrowed) }
      ?? RevisionState(source: baseSource, config: nil)

    let prices = try PriceSetup.table(
      config: headConfig, source: choice.priceSource, extraFiles: options.priceFiles, workingDirectory: workingDirectory
    )
    var builder = ReportBuilder(config: headConfig, baseConfig: baseState.config, prices: prices)
    builder.notes = [choice.note].compactMap { $0 } + baseState.notes + head.notes
    let renames = Self.renames(base: baseState.snapshots, head: head.snapshots)
    // A commit is judged on what it touches; a pull request on everything.
    let scope = options.head == .index ? try StagedScope.load(git: git, base: base.sha) : nil
    let ids = Set(head.snapshots.keys).union(baseState.snapshots.keys).subtracting(renames.values).sorted()
    for id in ids {
      let baseID = renames[id] ?? id
      try builder.add(
        id: id, base: baseState.snapshots[baseID], baseSource: baseState.source, head: head.snapshots[id],
        headSource: headSource,
        renamedFrom: renames[id],
        judged: scope?.touches(
          base: baseState.snapshots[baseID], head: head.snapshots[id], baseConfig: baseState.config,
          headConfig: headConfig) ?? true)
    }
    // The commit log is read only when there is a failure to approve.
    let trailer = headConfig.approvalTrailer
    return builder.finish(
      base: Report.Revision(rev: base.sha, label: base.label),
      head: Report.Revision(rev: headSource.revision, label: headLabel),
      approval: { options.approval ?? git.trailers(trailer, in: "\(base.sha)..\(headCommit)").first })
  }

  /// New id → old id for features that only changed their id: a feature that exists only at
  /// head with exactly the prompt files of one that exists only at base.
  static func renames(base: [String: FeatureSnapshot], head: [String: FeatureSnapshot]) -> [String: String] {
    let removed = base.keys.filter { head[$0] == nil }.sorted()
    var taken = Set<String>()
    var result: [String: String] = [:]
    for id in head.keys.filter({ base[$0] == nil }).sorted() {
      guard let files = head[id]?.files.map(\.id), !files.isEmpty else { continue }
      if let old = removed.first(where: { !taken.contains($0) && base[$0]?.files.map(\.id) == files }) {
        taken.insert(old)
        result[id] = old
      }
    }
    return result
  }

  /// `--config` is relative to the working directory; git wants it relative to the root.
  static func repoRelative(_ given: String, git: Git, workingDirectory: URL) throws -> String {
    let absolute = given.hasPrefix("/") ? URL(fileURLWithPath: given) : workingDirectory.appendingPathComponent(given)
    let root = git.root.resolvingSymlinksInPath().path
    let path = absolute.standardizedFileURL.resolvingSymlinksInPath().path
    guard path.hasPrefix(root + "/") else { throw ConfigError.pathOutsideRepository(given) }
    return String(path.dropFirst(root.count + 1))
  }
}
