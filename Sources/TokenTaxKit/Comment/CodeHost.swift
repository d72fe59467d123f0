/// Where the sticky comment goes: a GitHub pull request or a GitLab merge request.
public enum CodeHost: String, CaseIterable, Sendable {
  case github, gitlab

  var name: String { self == .github ? "GitHub" : "GitLab" }
  var tokenVariable: String { self == .github ? "GITHUB_TOKEN" : "GITLAB_TOKEN" }
  var requestNoun: String { self == .github ? "pull request" : "merge request" }
  /// The longest comment body the host accepts (GitHub: 65,536 characters; GitLab: 1,000,000).
  var characterLimit: Int { self == .github ? 65_536 : 1_000_000 }
}

/// A problem posting the comment: one sentence, never containing the token.
public struct CommentError: UserFacingError, Equatable {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}
