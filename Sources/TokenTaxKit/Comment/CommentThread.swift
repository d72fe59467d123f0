import Foundation
import JSON

/// A comment already on the pull / merge request.
struct PostedComment: Equatable {
  var id: String
  var body: String
}

/// The comments of one pull request or merge request, as the upsert needs them.
protocol CommentThread {
  /// Where, for messages: `owner/name#7`, `group/project!12`.
  var location: String { get }
  func list() throws -> [PostedComment]
  func create(_ body: String) throws
  func update(_ id: String, _ body: String) throws
  func delete(_ id: String) throws
}

/// A pull request's issue comments (`/repos/{owner}/{repo}/issues/{number}/comments`).
struct GitHubThread: CommentThread {
  let api: CommentAPI
  let repository: String
  let number: Int

  var location: String { "\(repository)#\(number)" }

  func list() throws -> [PostedComment] {
    let url = try api.url(["repos", repository, "issues", String(number), "comments"], query: "per_page=100")
    return try api.list(url, action: "list the comments of \(location)").compactMap(PostedComment.init)
  }

  func create(_ body: String) throws {
    let url = try api.url(["repos", repository, "issues", String(number), "comments"])
    try api.send("POST", url, json: .object(["body": .string(body)]), action: "comment on \(location)")
  }

  func update(_ id: String, _ body: String) throws {
    let url = try api.url(["repos", repository, "issues", "comments", id])
    try api.send("PATCH", url, json: .object(["body": .string(body)]), action: "update comment \(id) on \(location)")
  }

  func delete(_ id: String) throws {
    try api.send(
      "DELETE", try api.url(["repos", repository, "issues", "comments", id]),
      action: "delete comment \(id) on \(location)")
  }
}

/// A merge request's notes (`/projects/{id}/merge_requests/{iid}/notes`).
struct GitLabThread: CommentThread {
  let api: CommentAPI
  /// A numeric id or a `group/project` path.
  let project: String
  let iid: Int

  var location: String { "\(project)!\(iid)" }

  private var notes: [String] {
    [
      "projects", project.addingPercentEncoding(withAllowedCharacters: .unreserved) ?? project, "merge_requests",
      String(iid), "notes",
    ]
  }

  func list() throws -> [PostedComment] {
    let url = try api.url(notes, query: "per_page=100&sort=asc&order_by=created_at")
    return try api.list(url, action: "list the notes of \(location)").compactMap(PostedComment.init)
  }

  func create(_ body: String) throws {
    try api.send("POST", try api.url(notes), json: .object(["body": .string(body)]), action: "comment on \(location)")
  }

  func update(_ id: String, _ body: String) throws {
    try api.send(
      "PUT", try api.url(notes + [id]), json: .object(["body": .string(body)]),
      action: "update note \(id) on \(location)")
  }

  func delete(_ id: String) throws {
    try api.send("DELETE", try api.url(notes + [id]), action: "delete note \(id) on \(location)")
  }
}

extension PostedComment {
  /// A comment from either API's JSON (`id` number, `body` string); nil for anything else.
  init?(_ json: JSONValue) {
    guard let id = json["id"]?.intValue, let body = json["body"]?.stringValue else { return nil }
    self.init(id: String(id), body: body)
  }
}

extension CharacterSet {
  /// RFC 3986 unreserved characters: what a path segment may carry unencoded.
  static let unreserved = CharacterSet(
    charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}
