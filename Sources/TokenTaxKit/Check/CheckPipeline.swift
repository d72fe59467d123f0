import Foundation

/// `check` from revisions to a verdict: Git → Config → snapshots → comparison → policy.
/// Never prints, never exits: `Commands/` turns the outcome into a report and an exit code.
public struct CheckPipeline {
  public var options: CheckOptions
  public var workingDirectory: URL
  /// The process's environment, which git runs in.
  public var environment: [String: String]

  public init(options: CheckOptions, workingDirectory: URL, environment: [String: String]) {
    self.options = options
    self.workingDirectory = workingDirectory
    self.environment = environment
  }

  public func run() throws -> CheckOutcome {
    let git = try Git.discover(from: workingDirectory, environment: environment)
    let base: (sha: String, label: String)
    do {
      if let rev = options.base, options.baseIsMergeBase {
        var tip = "HEAD"
        if case .revision(let head) = options.head { tip = head }
        base = (try git.mergeBase(rev, tip), rev)
      } else if let rev = options.base {
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
    let head = try RevisionState.load(source: headSource, config: headConfig, borrowed: choice.headBorrowed)
    let baseState =
      try choice.base.map { try RevisionState.load(source: baseSource, config: $0, borrowed: choice.baseBorrowed) }
      ?? RevisionState(source: baseSource, config: nil)

    let prices = try PriceSetup.table(
      config: headConfig, source: choice.priceSource, extraFiles: options.priceFiles, workingDirectory: workingDirectory
    )
    let comparator = Comparator(config: headConfig, baseConfig: baseState.config, prices: prices)
    // A commit is judged on what it touches; a pull request on everything.
    let scope = options.head == .index ? try StagedScope.load(git: git, base: base.sha) : nil
    let comparison = try comparator.compare(
      base: .init(snapshots: baseState.snapshots, source: baseState.source),
      head: .init(snapshots: head.snapshots, source: headSource),
      notes: [choice.note].compactMap { $0 } + baseState.notes + head.notes
    ) { baseSnapshot, headSnapshot in
      scope?.touches(base: baseSnapshot, head: headSnapshot, baseConfig: baseState.config, headConfig: headConfig)
        ?? true
    }
    let thresholds = ThresholdRules(headConfig)
    let budgets = BudgetRules(headConfig)
    var verdict = Policy.evaluate(comparison, thresholds: thresholds, budgets: budgets, approval: options.approval)
    // The commit log is read only when there is a failure to approve; its trailer is evidence
    // for a second, equally pure verdict.
    if verdict.status == .fail,
      let trailer = git.trailers(headConfig.approvalTrailer, in: "\(base.sha)..\(headCommit)").first
    {
      verdict = Policy.evaluate(comparison, thresholds: thresholds, budgets: budgets, approval: trailer)
    }
    return CheckOutcome(
      comparison: comparison, verdict: verdict, base: Report.Revision(rev: base.sha, label: base.label),
      head: Report.Revision(rev: headSource.revision, label: headLabel), pricesAsOf: prices.asOf ?? "unknown")

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
