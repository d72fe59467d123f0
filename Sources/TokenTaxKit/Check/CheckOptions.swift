/// What `tokentax check` compares and how.
public struct CheckOptions: Sendable {
  /// Which state of the repository is the head side.
  public enum Head: Sendable, Equatable {
    case worktree
    case index
    case revision(String)
  }

  /// nil: the merge-base with the default branch.
  public var base: String?
  /// The base is the merge-base of `base` and the head commit, as in `git diff base...head`:
  /// a pull request or push range the way pre-commit's `--from-ref`/`--to-ref` mean it.
  public var baseIsMergeBase = false
  public var head: Head
  /// The config path as the user gave it (relative to the working directory); nil = repo root.
  public var configPath: String?
  /// Extra price files from `--prices`, relative to the working directory.
  public var priceFiles: [String]
  /// `--approve "<reason>"`.
  public var approval: String?
  /// `--config-from`: one side's config for both; nil = each side its own, the head's for a
  /// base that has none.
  public var configFrom: ConfigOrigin?

  public init(
    base: String? = nil, head: Head = .worktree, configPath: String? = nil, priceFiles: [String] = [],
    approval: String? = nil,
    configFrom: ConfigOrigin? = nil
  ) {
    self.base = base
    self.head = head
    self.configPath = configPath
    self.priceFiles = priceFiles
    self.approval = approval
    self.configFrom = configFrom
  }
}
