/// Why git could not give us what the check needs.
public enum GitError: UserFacingError, Equatable {
  case notARepository(String)
  case gitMissing
  case unknownRevision(String, shallow: Bool)
  case noDefaultBase
  case noCommits
  /// `--from-ref A --to-ref B` where A and B share no history (or the clone is too shallow to show it).
  case noMergeBase(String, String, shallow: Bool)
  case commandFailed(command: String, message: String)
  /// A file a config path names that cannot be read as a file (a pipe, a device, unreadable).
  case unreadableFile(path: String, reason: String)

  public var description: String {
    switch self {
    case .notARepository(let path):
      return "'\(path)' is not inside a git repository; run tokentax from your repo (or 'git init' first)"
    case .gitMissing:
      return "the 'git' executable was not found on PATH; install git to run tokentax check"
    case .unknownRevision(let rev, let shallow):
      if shallow {
        return
          "revision '\(rev)' is not in this shallow clone; fetch full history (actions/checkout with 'fetch-depth: 0', or 'git fetch --deepen=50 origin') and run again"
      }
      return "unknown git revision '\(rev)'; pass an existing commit, branch or tag (e.g. --base origin/main)"
    case .noDefaultBase:
      return "no base revision: neither origin/HEAD nor main/master exists; pass --base REV"
    case .noCommits:
      return
        "the repository has no commits yet, so there is no base to compare with; commit once, then run tokentax check"
    case .noMergeBase(let from, let to, let shallow):
      let fix =
        shallow
        ? "fetch full history (actions/checkout with 'fetch-depth: 0') and run again"
        : "pass --base REV --head REV to compare the two directly"
      return "'\(from)' and '\(to)' have no common ancestor, so the range has no base; \(fix)"
    case .commandFailed(let command, let message):
      return "git \(command) failed: \(message)"
    case .unreadableFile(let path, let reason):
      return
        "cannot read '\(SafeText.quoted(path, limit: 200))': \(reason); config paths must name regular files in the repository"
    }
  }
}
