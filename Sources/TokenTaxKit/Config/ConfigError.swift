import JSON

/// A problem with `tokentax.json` as a whole; a field that is wrong is a `JSONFieldError`.
public enum ConfigError: UserFacingError, Equatable {
  case missing(String)
  /// The config is not at one side of a check; `inWorktree` when the working tree has it.
  case missingAt(file: String, revision: String, inWorktree: Bool)
  case syntax(JSONParseError)
  case unsupportedVersion(file: String, version: Int)
  case pathOutsideRepository(String)
  case duplicateFeature(file: String, id: String)

  public var description: String {
    switch self {
    case .missing(let file):
      return "no config at \(file); run 'tokentax init' to write a starter tokentax.json, or pass --config PATH"
    case .missingAt(let file, let revision, let inWorktree):
      if inWorktree {
        return
          "no \(file) at \(revision), but the working tree has one; pass --config-from worktree to apply it to both sides"
      }
      return
        "no \(file) at \(revision); run 'tokentax init' to write a starter tokentax.json, pass --config PATH, or choose another side's with --config-from head|base|worktree"
    case .syntax(let error):
      return error.description
    case .unsupportedVersion(let file, let version):
      return
        "\(file): version \(version) is newer than this tokentax understands (1); upgrade tokentax or set \"version\": 1"
    case .pathOutsideRepository(let path):
      return "path '\(path)' leaves the repository; config paths must be relative to the repo root and stay inside it"
    case .duplicateFeature(let file, let id):
      return "\(file): feature id '\(id)' appears twice; feature ids must be unique"
    }
  }
}
