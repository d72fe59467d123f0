import Foundation

/// Keeps one tokentax comment per pull request (per tag) current, docs/ci.md.
public enum CommentUpsert {
  /// What to do with earlier comments, infracost's `--behavior`.
  public enum Behavior: String, CaseIterable, Sendable {
    /// Edit the latest tokentax comment in place; create one if there is none.
    case update
    /// Always add a new comment.
    case new
    /// Delete every earlier tokentax comment, then add a new one.
    case deleteAndNew = "delete-and-new"
  }

  /// What should be on the thread.
  enum Content: Equatable {
    /// The full report.
    case report(String)
    /// Nothing changed: post nothing, and turn an earlier comment into this one-liner.
    case noChange(String)
  }

  public enum Outcome: Equatable {
    case created
    case updated(id: String)
    case unchanged(id: String)
    case skipped
    case replaced(deleted: Int)
  }

  static func run(_ content: Content, marker: String, behavior: Behavior, on thread: any CommentThread) throws
    -> Outcome
  {
    let ours = try thread.list().filter { $0.body.contains(marker) }
    switch (content, behavior) {
    case (.noChange(let body), _):
      guard let latest = ours.last else { return .skipped }
      return try edit(latest, to: body, on: thread)
    case (.report(let body), .update):
      guard let latest = ours.last else {
        try thread.create(body)
        return .created
      }
      return try edit(latest, to: body, on: thread)
    case (.report(let body), .new):
      try thread.create(body)
      return .created
    case (.report(let body), .deleteAndNew):
      for comment in ours { try thread.delete(comment.id) }
      try thread.create(body)
      return .replaced(deleted: ours.count)
    }
  }

  private static func edit(_ comment: PostedComment, to body: String, on thread: any CommentThread) throws -> Outcome {
    // The API stores bodies with CRLF sometimes normalised; compare without line-ending noise.
    guard comment.body.replacingOccurrences(of: "\r\n", with: "\n") != body else { return .unchanged(id: comment.id) }
    try thread.update(comment.id, body)
    return .updated(id: comment.id)
  }
}
